"""Make the calls of each library's ``calls_<name>.py`` through the generated modules and print
their results as JSON, in the shape the native Go harness prints
(tests/data/gopkgs/libraries/native): ``{"library": [[key, result], ...], ...}``.

Usage: python compare.py INPUTS.json PACKAGE [LIBRARY...] (the modules are PACKAGE.LIBRARY).
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

from recorder import Recorder

LIBRARIES = (
    "decimal",
    "diffmatchpatch",
    "expr",
    "gjson",
    "gojq",
    "humanize",
    "semver",
    "slug",
    "toml",
    "validator",
)


def main(arguments: list[str]) -> None:
    inputs = json.loads(Path(arguments[0]).read_text(encoding="utf-8"))
    package, names = arguments[1], arguments[2:] or list(LIBRARIES)
    out = {}
    for name in names:
        module = importlib.import_module(f"{package}.{name}")
        calls = importlib.import_module(f"calls_{name}")
        recorder = Recorder(module)
        calls.run(module, inputs[name], recorder)
        out[name] = recorder.entries
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
