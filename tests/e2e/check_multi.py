"""Run inside a venv with the multi fixture installed: three extensions, one Go runtime.

Prints one JSON document: what each module exposes and what the calls returned.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

warnings.simplefilter("error", RuntimeWarning)  # a second runtime would be an error here

from multi_pkg import _alpha, _gamma  # noqa: E402
from multi_pkg.sub import _beta  # noqa: E402


def public_exports(module: Any) -> list[str]:
    runtime_names = {"GoError", "GoPanic", "interruptible", "ffi", "lib"}
    return sorted(set(module.__all__) - runtime_names)


def lib_exports(module: Any) -> list[str]:
    return sorted(name for name in dir(module.lib) if not name.startswith("_"))


def main() -> None:
    result: dict[str, Any] = {
        "exports": {
            name: public_exports(module)
            for name, module in [("alpha", _alpha), ("beta", _beta), ("gamma", _gamma)]
        },
        "lib": {
            name: lib_exports(module)
            for name, module in [("alpha", _alpha), ("beta", _beta), ("gamma", _gamma)]
        },
        # One runtime: beta reads the counter alpha wrote (package shared exists once).
        "counter": [_alpha.Increment(5), _alpha.Increment(2), _beta.Count()],
        "name": _alpha.Name(),
        "mirror": [_gamma.Mirror({"x": 1, "y": 2}).x, _gamma.Mirror({"x": 1, "y": 2}).y],
        "parallel": _gamma.Parallel(1000),
        "same_panic_type": _alpha.GoPanic is _beta.GoPanic is _gamma.GoPanic,
    }
    try:
        _beta.Fail("from beta")
    except _alpha.GoPanic as panic:  # one exception type for the distribution
        result["panic"] = [panic.function, panic.value]
    result["after_panic"] = _beta.Count()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
