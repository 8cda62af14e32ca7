"""build_meta: the go-target config setting, and ziglang as a build requirement when needed."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from conftest import Venv

from setuptools_golang_ext.errors import ConfigError
from setuptools_golang_ext.frontends import build_meta
from setuptools_golang_ext.stages import crossbuild
from setuptools_golang_ext.stages.target import TARGET_ENV


def test_config_setting_becomes_the_environment_variable_for_the_call(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(TARGET_ENV, raising=False)
    with build_meta.target_setting({"go-target": "manylinux2014_aarch64"}):
        assert os.environ[TARGET_ENV] == "manylinux2014_aarch64"
    assert TARGET_ENV not in os.environ


def test_config_setting_overrides_and_restores_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(TARGET_ENV, "manylinux2014_x86_64")
    with build_meta.target_setting({"go-target": "win_amd64"}):
        assert os.environ[TARGET_ENV] == "win_amd64"
    assert os.environ[TARGET_ENV] == "manylinux2014_x86_64"
    with build_meta.target_setting({"--build-option": "x"}), build_meta.target_setting(None):
        assert os.environ[TARGET_ENV] == "manylinux2014_x86_64"


def test_config_setting_given_twice_is_an_error() -> None:
    with pytest.raises(ConfigError) as info, build_meta.target_setting({"go-target": ["a", "b"]}):
        pass
    assert "go-target must be given once" in str(info.value)
    assert "['a', 'b']" in str(info.value)
    assert "-C go-target=manylinux2014_x86_64" in str(info.value)


@pytest.fixture
def without_ziglang(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in an isolated build environment: the ziglang package cannot be found (the test
    environment has it, and with it no target needs it)."""
    find_spec = importlib.util.find_spec

    def hide_ziglang(name: str, package: str | None = None) -> object:
        return None if name == "ziglang" else find_spec(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", hide_ziglang)
    # A zig target asks for it now: the cases below are not [] merely because ziglang is here.
    assert build_meta.zig_requirements({TARGET_ENV: "manylinux2014_aarch64"}) == [
        crossbuild.ZIGLANG_REQUIREMENT
    ]


@pytest.mark.usefixtures("without_ziglang")
def test_no_zig_requirement_without_a_zig_target() -> None:
    assert build_meta.zig_requirements({}) == []  # the host's own build
    assert build_meta.zig_requirements({TARGET_ENV: "macosx_11_0_arm64"}) == []


@pytest.mark.usefixtures("without_ziglang")
def test_bad_targets_are_left_to_the_build() -> None:
    assert build_meta.zig_requirements({TARGET_ENV: "musllinux_1_2_x86_64"}) == []
    assert build_meta.zig_requirements({TARGET_ENV: "nonsense"}) == []


def test_installed_ziglang_is_enough() -> None:
    """The test environment has ziglang (the test extra), as a --no-build-isolation build would."""
    chosen = crossbuild.host_target({TARGET_ENV: "win_amd64"})
    assert chosen is not None
    (zig,) = crossbuild.zig_command(chosen)
    assert Path(zig).is_file()
    assert build_meta.zig_requirements({TARGET_ENV: "manylinux2014_x86_64"}) == []


@pytest.mark.e2e
def test_ziglang_is_asked_for_where_it_is_missing(builder_venv: Venv, tmp_path: Path) -> None:
    """The builder venv has the tool but no ziglang, like a fresh isolated build environment."""
    script = (
        "from setuptools_golang_ext import build_meta\n"
        f"print(build_meta.zig_requirements({{'{TARGET_ENV}': 'manylinux2014_aarch64'}}))\n"
        f"print(build_meta.zig_requirements({{'{TARGET_ENV}': 'macosx_11_0_arm64'}}))\n"
    )
    printed = builder_venv.run_python("-c", script, cwd=tmp_path).stdout.splitlines()
    assert printed == [f"['{crossbuild.ZIGLANG_REQUIREMENT}']", "[]"]
