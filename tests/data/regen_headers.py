#!/usr/bin/env python3
"""Regenerate the stored corpus of cgo export headers under tests/data/headers/.

For every Go binary given with ``--go``, every fixture package under
tests/data/gopkgs/ that has ``//export`` functions, and both library modes,
this runs::

    CGO_ENABLED=1 GOTOOLCHAIN=local go build -buildmode=<mode> -trimpath -o <tmp>/lib<name>.<ext> .

and stores the header cgo wrote as ``headers/go<major.minor>/<name>.h`` when
the c-shared and c-archive headers are byte-identical, or as
``<name>-c-shared.h`` and ``<name>-c-archive.h`` when they differ.

With ``--windows-cc``, the fixtures named by ``--windows-fixture`` are also
cross-built for windows/amd64 with that C compiler (for example
``"python3 -m ziglang cc -target x86_64-windows-gnu"``) into
``headers/go<major.minor>-windows/``.

This is a development script, not package code.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
GOPKGS_DIR = DATA_DIR / "gopkgs"
HEADERS_DIR = DATA_DIR / "headers"

MODES: dict[str, str] = {"c-shared": "so", "c-archive": "a"}
WINDOWS_MODES: dict[str, str] = {"c-shared": "dll", "c-archive": "a"}

# Fixtures that do not build on purpose (the compile-error test).
NOT_BUILDABLE = frozenset({"broken"})


@dataclass(frozen=True)
class Target:
    """Where a build runs and where its headers go."""

    go: Path
    suffix: str  # "" for the host, "-windows" for the cross build
    env: dict[str, str]
    modes: dict[str, str]


def go_minor_version(go: Path) -> str:
    """Return e.g. "go1.21" for a toolchain whose GOVERSION is "go1.21.13"."""
    out = subprocess.run(
        [str(go), "env", "GOVERSION"],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "GOTOOLCHAIN": "local"},
    ).stdout.strip()
    parts = out.split(".")
    if len(parts) < 2 or not parts[0].startswith("go"):
        raise SystemExit(f"{go}: unexpected GOVERSION {out!r}")
    return ".".join(parts[:2])


def has_exports(pkg: Path) -> bool:
    """Whether any .go file of the package has an //export line."""
    return any(
        line.startswith("//export ")
        for src in sorted(pkg.glob("*.go"))
        for line in src.read_text(encoding="utf-8").splitlines()
    )


def fixtures_with_exports(names: list[str] | None) -> list[Path]:
    pkgs = sorted(p for p in GOPKGS_DIR.iterdir() if (p / "go.mod").is_file())
    if names:
        wanted = set(names)
        pkgs = [p for p in pkgs if p.name in wanted]
    return [p for p in pkgs if p.name not in NOT_BUILDABLE and has_exports(p)]


def build_header(target: Target, pkg: Path, mode: str, outdir: Path) -> bytes:
    """Build one fixture in one mode and return the header cgo wrote."""
    ext = target.modes[mode]
    lib = outdir / f"lib{pkg.name}.{ext}"
    env = {**os.environ, "CGO_ENABLED": "1", "GOTOOLCHAIN": "local", **target.env}
    cmd = [str(target.go), "build", f"-buildmode={mode}", "-trimpath", "-o", str(lib), "."]
    result = subprocess.run(cmd, cwd=pkg, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} in {pkg} failed:\n{result.stderr}")
    header = outdir / f"lib{pkg.name}.h"
    if not header.is_file():
        raise RuntimeError(f"{' '.join(cmd)} in {pkg} wrote no header")
    return header.read_bytes()


def store(dest_dir: Path, name: str, headers: dict[str, bytes]) -> list[Path]:
    """Write one file if all modes agree, else one per mode; drop stale files."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    single = dest_dir / f"{name}.h"
    per_mode = {mode: dest_dir / f"{name}-{mode}.h" for mode in headers}
    if len(set(headers.values())) == 1:
        for stale in per_mode.values():
            stale.unlink(missing_ok=True)
        single.write_bytes(next(iter(headers.values())))
        return [single]
    single.unlink(missing_ok=True)
    for mode, text in headers.items():
        per_mode[mode].write_bytes(text)
    return list(per_mode.values())


def regenerate(target: Target, pkgs: list[Path]) -> bool:
    version = go_minor_version(target.go)
    dest_dir = HEADERS_DIR / f"{version}{target.suffix}"
    ok = True
    for pkg in pkgs:
        headers: dict[str, bytes] = {}
        try:
            with tempfile.TemporaryDirectory(prefix="regen-headers-") as tmp:
                for mode in target.modes:
                    headers[mode] = build_header(target, pkg, mode, Path(tmp))
        except RuntimeError as exc:
            print(f"FAILED {version}{target.suffix} {pkg.name}: {exc}", file=sys.stderr)
            ok = False
            continue
        for path in store(dest_dir, pkg.name, headers):
            print(f"wrote {path.relative_to(DATA_DIR)}")
    return ok


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--go",
        action="append",
        required=True,
        type=Path,
        metavar="PATH",
        help="path to a go binary (repeatable)",
    )
    parser.add_argument(
        "--fixture",
        action="append",
        metavar="NAME",
        help="only these fixtures (repeatable; default: all with //export)",
    )
    parser.add_argument(
        "--windows-cc",
        metavar="CMD",
        help="C compiler command line for GOOS=windows GOARCH=amd64 cross builds",
    )
    parser.add_argument(
        "--windows-fixture",
        action="append",
        metavar="NAME",
        help="fixtures to cross-build for Windows (repeatable; default: kitchen)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    ok = True
    host_pkgs = fixtures_with_exports(args.fixture)
    windows_pkgs = fixtures_with_exports(args.windows_fixture or ["kitchen"])
    for go in args.go:
        ok &= regenerate(Target(go=go, suffix="", env={}, modes=MODES), host_pkgs)
        if args.windows_cc:
            windows_env = {"GOOS": "windows", "GOARCH": "amd64", "CC": args.windows_cc}
            target = Target(go=go, suffix="-windows", env=windows_env, modes=WINDOWS_MODES)
            ok &= regenerate(target, windows_pkgs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
