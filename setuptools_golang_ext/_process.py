"""The single gateway to external commands.

Every command runs with an explicit environment, is logged exactly as run, and a failure becomes our
own exception with the tool's output attached, so the user sees ``go``'s ``file:line: message``.
"""

from __future__ import annotations

import logging
import shlex
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from setuptools_golang_ext.errors import CommandError

log = logging.getLogger("setuptools_golang_ext")


def format_command(args: Sequence[str | Path]) -> str:
    """Quote *args* the way a POSIX shell would need them, for logs and error messages."""
    return shlex.join(str(arg) for arg in args)


def run(
    args: Sequence[str | Path],
    *,
    env: Mapping[str, str],
    cwd: Path | None = None,
    error: type[CommandError] = CommandError,
    hint: str = "",
) -> str:
    """Run *args* in *env* (the complete environment, not additions) and return its stdout.

    Raises *error* when the command cannot start or exits non-zero; the message holds the command,
    the exit status, everything it printed, and *hint* (how to fix it) when given.
    """
    command = format_command(args)
    log.info("running: %s%s", command, f"  (in {cwd})" if cwd else "")
    try:
        completed = subprocess.run(  # noqa: TID251 - this is the one sanctioned call site
            [str(arg) for arg in args],
            env=dict(env),
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError as exc:
        raise error(_failure_text(f"cannot run `{command}`: {exc}", "", hint)) from exc
    if completed.returncode != 0:
        output = "\n".join(part for part in (completed.stdout, completed.stderr) if part.strip())
        summary = f"`{command}` failed with exit status {completed.returncode}"
        raise error(_failure_text(summary, output, hint))
    if completed.stderr.strip():  # warnings of a command that succeeded
        log.info("%s", completed.stderr.rstrip())
    return completed.stdout


def _failure_text(summary: str, output: str, hint: str) -> str:
    parts = [summary]
    if output.strip():
        parts.append(output.rstrip())
    if hint:
        parts.append(hint)
    return "\n\n".join(parts)
