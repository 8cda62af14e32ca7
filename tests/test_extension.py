"""GoExtension: defaults, validation of every option, and the derived names."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from setuptools_golang_ext.errors import ConfigError, GoExtError
from setuptools_golang_ext.frontends.extension import GoExtension, InvalidOption, parse_go_version


def invalid(key: str, **kwargs: Any) -> InvalidOption:
    """Build a GoExtension that must fail on *key*; return the error."""
    target = kwargs.pop("target", "pkg._native")
    with pytest.raises(InvalidOption) as info:
        GoExtension(target, **kwargs)
    assert info.value.key == key
    assert str(info.value).startswith(f"`{key}` ")
    return info.value


def test_defaults() -> None:
    ext = GoExtension("pkg._native")
    assert ext.target == "pkg._native"
    assert ext.path == "."
    assert ext.mode == "c-shared"
    assert ext.go_version is None
    assert ext.build_tags == ()
    assert ext.ldflags == ()
    assert ext.build_args == ()
    assert ext.env == {}
    assert ext.optional is False
    assert ext.debug is False


def test_every_option_is_stored_normalized() -> None:
    env = {"GOFLAGS": "-mod=vendor"}
    ext = GoExtension(
        "pkg.sub._native",
        Path("go") / "native",
        mode="c-archive",
        go_version="go1.22.3",
        build_tags=["netgo", "osusergo"],
        ldflags=iter(["-X", "main.v=1"]),
        build_args=["-gcflags=all=-B"],
        env=env,
        optional=True,
        debug=True,
    )
    assert ext.path == str(Path("go") / "native")
    assert isinstance(ext.path, str)
    assert ext.mode == "c-archive"
    assert ext.go_version == (1, 22, 3)
    assert ext.build_tags == ("netgo", "osusergo")
    assert ext.ldflags == ("-X", "main.v=1")  # an iterator is materialized once
    assert ext.build_args == ("-gcflags=all=-B",)
    assert ext.env == env
    assert ext.optional is True
    assert ext.debug is True
    # The env dict is copied: later changes by the caller do not leak in.
    env["CC"] = "clang"
    assert "CC" not in ext.env


def test_pure_posix_path_is_accepted() -> None:
    assert GoExtension("m", PurePosixPath("a/b")).path == "a/b"


@pytest.mark.parametrize(
    ("target", "module_name", "package"),
    [
        ("pkg._native", "_native", "pkg"),
        ("a.b.c", "c", "a.b"),
        ("top", "top", ""),
    ],
)
def test_module_name_and_package(target: str, module_name: str, package: str) -> None:
    ext = GoExtension(target)
    assert ext.module_name == module_name
    assert ext.package == package


def test_invalid_option_is_a_config_error() -> None:
    error = invalid("mode", mode="shared")
    assert isinstance(error, ConfigError)
    assert isinstance(error, GoExtError)
    assert error.problem in str(error)


@pytest.mark.parametrize("target", ["", None, 5, b"pkg.mod"])
def test_target_not_a_nonempty_string(target: object) -> None:
    error = invalid("target", target=target)
    assert repr(target) in str(error)
    assert '"pkg._native"' in str(error)  # an example of what to write


@pytest.mark.parametrize(
    ("target", "bad_part"),
    [
        ("pkg.class", "class"),  # keyword
        ("import", "import"),
        ("pkg.1native", "1native"),  # not an identifier
        ("my-pkg.native", "my-pkg"),
        ("pkg..native", ""),  # empty component
        ("pkg.", ""),
        (".pkg", ""),
        ("pkg.nätive", "nätive"),  # identifier, but not ASCII
        ("pkg. native", " native"),
    ],
)
def test_target_bad_component(target: str, bad_part: str) -> None:
    error = invalid("target", target=target)
    message = str(error)
    assert repr(bad_part) in message
    assert repr(target) in message
    assert "ASCII identifiers" in message
    assert '"pkg._native"' in message


@pytest.mark.parametrize("path", ["", None, 3, b"go/native", ["go"]])
def test_path_must_be_a_string(path: object) -> None:
    error = invalid("path", path=path)
    assert repr(path) in str(error)
    assert "Go package's directory" in str(error)


@pytest.mark.parametrize("mode", ["shared", "c_shared", "C-SHARED", "", None, "exe"])
def test_bad_mode(mode: object) -> None:
    error = invalid("mode", mode=mode)
    assert repr(mode) in str(error)
    assert '"c-shared" or "c-archive"' in str(error)


@pytest.mark.parametrize(
    "version", ["1", "1.x", "v1.22", "1.22.3.4", "go 1.22", " 1.22", "", 1.22, 122]
)
def test_bad_go_version(version: object) -> None:
    error = invalid("go_version", go_version=version)
    assert repr(version) in str(error)
    assert '"1.22"' in str(error)  # an example


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.22", (1, 22, 0)),
        ("1.22.3", (1, 22, 3)),
        ("go1.22", (1, 22, 0)),
        ("go1.21.13", (1, 21, 13)),
        ("2.0", (2, 0, 0)),
    ],
)
def test_parse_go_version(text: str, expected: tuple[int, int, int]) -> None:
    assert parse_go_version(text, "go_version") == expected
    assert GoExtension("m", go_version=text).go_version == expected


def test_parse_go_version_uses_the_given_key() -> None:
    with pytest.raises(InvalidOption) as info:
        parse_go_version("latest", "go-version")
    assert info.value.key == "go-version"
    assert str(info.value).startswith("`go-version` ")
    assert "'latest'" in str(info.value)


@pytest.mark.parametrize("tag", ["net go", "netgo,osusergo", "", "a\tb", "tag;rm"])
def test_bad_build_tag(tag: str) -> None:
    error = invalid("build_tags", build_tags=["ok", tag])
    assert repr(tag) in str(error)
    assert "a Go build tag" in str(error)


@pytest.mark.parametrize("key", ["build_tags", "ldflags", "build_args"])
@pytest.mark.parametrize("value", ["-s -w", b"-s", 5, None])
def test_string_list_options_reject_non_lists(key: str, value: object) -> None:
    error = invalid(key, **{key: value})
    assert "must be a list of strings" in str(error)
    assert repr(value) in str(error)


@pytest.mark.parametrize("key", ["ldflags", "build_args"])
@pytest.mark.parametrize("item", [5, None, b"-s", ["-s"]])
def test_string_list_options_reject_non_string_items(key: str, item: object) -> None:
    error = invalid(key, **{key: ["-v", item]})
    assert repr(item) in str(error)
    assert "each item is a string" in str(error)


def test_build_tags_accept_go_tag_syntax() -> None:
    ext = GoExtension("m", build_tags=["go1.22", "with_cgo", "a.b", "x-y"])
    assert ext.build_tags == ("go1.22", "with_cgo", "a.b", "x-y")


@pytest.mark.parametrize(
    ("env", "shown"),
    [
        ({"GOFLAGS": 1}, "'GOFLAGS' = 1"),
        ({"GOFLAGS": None}, "'GOFLAGS' = None"),
        ({"GOFLAGS": ["-v"]}, "'GOFLAGS' = ['-v']"),
        ({1: "x"}, "1 = 'x'"),
        ({"": "x"}, "'' = 'x'"),
        ({"A=B": "x"}, "'A=B' = 'x'"),
    ],
)
def test_env_bad_entries(env: dict[Any, Any], shown: str) -> None:
    error = invalid("env", env=env)
    assert shown in str(error)
    assert "string values" in str(error)


@pytest.mark.parametrize("env", ["GOFLAGS=-v", [("GOFLAGS", "-v")], 3])
def test_env_not_a_mapping(env: object) -> None:
    error = invalid("env", env=env)
    assert repr(env) in str(error)
    assert "table of environment variables" in str(error)


@pytest.mark.parametrize("key", ["optional", "debug"])
@pytest.mark.parametrize("value", ["yes", "true", 1, 0, None])
def test_flags_must_be_bool(key: str, value: object) -> None:
    error = invalid(key, **{key: value})
    assert repr(value) in str(error)
    assert "true or false" in str(error)
