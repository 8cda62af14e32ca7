"""[[tool.setuptools-golang-ext.ext-modules]] tables → GoExtension objects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from setuptools_golang_ext.errors import ConfigError
from setuptools_golang_ext.frontends import config
from setuptools_golang_ext.frontends.extension import GoExtension

SOURCE = "/proj/pyproject.toml"
TABLE = "[[tool.setuptools-golang-ext.ext-modules]]"


def document(*tables: Any) -> dict[str, Any]:
    return {"tool": {"setuptools-golang-ext": {"ext-modules": list(tables)}}}


def config_error(doc: dict[str, Any]) -> str:
    with pytest.raises(ConfigError) as info:
        config.extensions_from_pyproject(doc, SOURCE)
    message = str(info.value)
    assert message.startswith(SOURCE + ": ")
    return message


def test_no_tool_table() -> None:
    assert config.extensions_from_pyproject({}, SOURCE) == []
    assert config.extensions_from_pyproject({"project": {"name": "x"}}, SOURCE) == []
    assert config.extensions_from_pyproject({"tool": {"black": {}}}, SOURCE) == []


def test_empty_tool_table_and_empty_array() -> None:
    assert config.extensions_from_pyproject({"tool": {"setuptools-golang-ext": {}}}, SOURCE) == []
    assert config.extensions_from_pyproject(document(), SOURCE) == []


def test_minimal_table_gets_defaults() -> None:
    [ext] = config.extensions_from_pyproject(document({"target": "pkg._native"}), SOURCE)
    assert ext == GoExtension("pkg._native")


def test_every_kebab_case_key_maps_to_its_field() -> None:
    table = {
        "target": "pkg._native",
        "path": "go/native",
        "mode": "c-archive",
        "go-version": "1.22",
        "build-tags": ["netgo"],
        "ldflags": ["-X", "main.v=1"],
        "build-args": ["-gcflags=all=-B"],
        "env": {"GOFLAGS": "-mod=vendor"},
        "optional": True,
        "debug": True,
        "package": "github.com/google/uuid",
        "exclude": ["Must"],
        "strict": True,
        "instantiate": ["Ints = Map[int]"],
    }
    [ext] = config.extensions_from_pyproject(document(table), SOURCE)
    assert ext.target == "pkg._native"
    assert ext.path == "go/native"
    assert ext.mode == "c-archive"
    assert ext.go_version == (1, 22, 0)
    assert ext.build_tags == ("netgo",)
    assert ext.ldflags == ("-X", "main.v=1")
    assert ext.build_args == ("-gcflags=all=-B",)
    assert ext.env == {"GOFLAGS": "-mod=vendor"}
    assert ext.optional is True
    assert ext.debug is True
    assert ext.go_package == "github.com/google/uuid"
    assert ext.exclude == ("Must",)
    assert ext.strict is True
    assert ext.instantiate == ("Ints = Map[int]",)
    # Every documented key is covered by this test.
    assert set(table) == set(config.KEYS)


def test_several_tables_keep_their_order() -> None:
    exts = config.extensions_from_pyproject(
        document({"target": "a.one", "path": "go/one"}, {"target": "b.two", "path": "go/two"}),
        SOURCE,
    )
    assert [(e.target, e.path) for e in exts] == [("a.one", "go/one"), ("b.two", "go/two")]


def test_unknown_key_in_a_table() -> None:
    message = config_error(
        document({"target": "a.one"}, {"target": "pkg._native", "build_tags": ["x"]})
    )
    assert f"{TABLE} #2" in message
    assert "(target = 'pkg._native')" in message
    assert "unknown key `build_tags`" in message
    for key in config.KEYS:
        assert f"`{key}`" in message
    assert "`build-tags`" in message  # the right spelling is among the known keys


def test_unknown_key_without_a_target() -> None:
    message = config_error(document({"name": "pkg._native"}))
    assert f"{TABLE} #1" in message
    assert "target =" not in message
    assert "unknown key `name`" in message


def test_unknown_key_in_tool_table() -> None:
    message = config_error(
        {"tool": {"setuptools-golang-ext": {"ext_modules": [], "ext-modules": []}}}
    )
    assert "[tool.setuptools-golang-ext]" in message
    assert "unknown key `ext_modules`" in message
    assert "`ext-modules`" in message  # the known key


def test_tool_table_not_a_table() -> None:
    message = config_error({"tool": {"setuptools-golang-ext": ["x"]}})
    assert "[tool.setuptools-golang-ext] must be a table" in message


def test_tool_not_a_table() -> None:
    message = config_error({"tool": 5})
    assert "[tool]" in message or "`tool`" in message


@pytest.mark.parametrize("value", [{"target": "x"}, "x", 5])
def test_ext_modules_not_an_array(value: object) -> None:
    message = config_error({"tool": {"setuptools-golang-ext": {"ext-modules": value}}})
    assert "`tool.setuptools-golang-ext.ext-modules` must be an array of tables" in message
    assert f"write {TABLE}" in message


def test_ext_modules_entry_not_a_table() -> None:
    message = config_error(document({"target": "a.one"}, "b.two"))
    assert f"{TABLE} #2 must be a table" in message
    assert "'b.two'" in message


def test_missing_target() -> None:
    message = config_error(document({"target": "a.one"}, {"path": "go/two"}))
    assert f"{TABLE} #2" in message
    assert "missing key `target`" in message
    assert "dotted name of the module" in message


@pytest.mark.parametrize(
    ("key", "value", "problem", "shown"),
    [
        ("go-version", 1.22, "must be a Go version", "1.22"),
        ("build-tags", "netgo", "must be a list of strings", "'netgo'"),
        ("build-tags", ["net go"], "a Go build tag", "'net go'"),
        ("build-args", "-v", "must be a list of strings", "'-v'"),
        ("ldflags", "-s -w", "must be a list of strings", "'-s -w'"),
        ("env", {"GOFLAGS": 1}, "string values", "'GOFLAGS' = 1"),
        ("optional", "yes", "true or false", "'yes'"),
        ("debug", 1, "true or false", "1"),
        ("mode", "shared", '"c-shared" or "c-archive"', "'shared'"),
        ("path", 3, "Go package's directory", "3"),
        ("package", "./uuid", "must be a Go import path", "'./uuid'"),
        ("package", 7, "must be a Go import path", "7"),
        ("exclude", "Must", "must be a list of strings", "'Must'"),
        ("exclude", ["private"], "an exported Go name", "'private'"),
        ("exclude", ["Type.Member.Deeper"], "an exported Go name or Type.Member", "'Type"),
        ("strict", "yes", "true or false", "'yes'"),
        ("instantiate", "Map[int]", "must be a list of strings", "'Map[int]'"),
        ("instantiate", ["Map"], 'an instantiation such as "Map[string, int]"', "'Map'"),
        ("instantiate", ["1x = Map[int]"], "an instantiation", "'1x = Map[int]'"),
    ],
)
def test_wrong_type_names_the_kebab_case_key(
    key: str, value: object, problem: str, shown: str
) -> None:
    message = config_error(document({"target": "pkg._native", key: value}))
    assert f"{TABLE} #1 (target = 'pkg._native'): key `{key}` " in message
    assert problem in message
    assert shown in message
    snake = config.KEYS[key]
    if snake != key:
        assert f"`{snake}`" not in message


def test_invalid_target_is_reported_without_target_context() -> None:
    message = config_error(document({"target": 5}))
    assert f"{TABLE} #1: key `target` " in message
    assert "5" in message


def test_invalid_target_string_is_quoted() -> None:
    message = config_error(document({"target": "pkg.class"}))
    assert "(target = 'pkg.class')" in message
    assert "key `target`" in message
    assert "'class'" in message


def write_pyproject(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_pyproject_relative_to_root_not_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    write_pyproject(
        project,
        '[project]\nname = "x"\n\n'
        "[[tool.setuptools-golang-ext.ext-modules]]\n"
        'target = "pkg._native"\npath = "go/native"\ngo-version = "1.22"\n',
    )
    elsewhere = tmp_path / "elsewhere"
    write_pyproject(
        elsewhere, '[[tool.setuptools-golang-ext.ext-modules]]\ntarget = "wrong.module"\n'
    )
    monkeypatch.chdir(elsewhere)
    [ext] = config.read_pyproject(project)
    assert ext.target == "pkg._native"
    assert ext.path == "go/native"
    assert ext.go_version == (1, 22, 0)


def test_read_pyproject_without_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pyproject(tmp_path / "cwd", '[[tool.setuptools-golang-ext.ext-modules]]\ntarget = "m"\n')
    monkeypatch.chdir(tmp_path / "cwd")
    (tmp_path / "empty").mkdir()
    assert config.read_pyproject(tmp_path / "empty") == []


def test_read_pyproject_without_table(tmp_path: Path) -> None:
    write_pyproject(tmp_path, '[project]\nname = "x"\n\n[tool.ruff]\nline-length = 100\n')
    assert config.read_pyproject(tmp_path) == []


def test_read_pyproject_invalid_toml(tmp_path: Path) -> None:
    path = write_pyproject(tmp_path, '[project\nname = "x"\n')
    with pytest.raises(ConfigError) as info:
        config.read_pyproject(tmp_path)
    assert str(path) in str(info.value)
    assert "invalid TOML" in str(info.value)
    assert "line 1" in str(info.value)  # tomllib's own location


def test_read_pyproject_errors_name_the_file(tmp_path: Path) -> None:
    path = write_pyproject(
        tmp_path, '[[tool.setuptools-golang-ext.ext-modules]]\ntarget = "m"\nmode = "exe"\n'
    )
    with pytest.raises(ConfigError) as info:
        config.read_pyproject(tmp_path)
    assert str(info.value).startswith(f"{path}: {TABLE} #1 (target = 'm'): key `mode` ")
