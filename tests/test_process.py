"""_process.run: the one gateway to external commands, exercised with real child processes."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest

from setuptools_golang_ext import _process
from setuptools_golang_ext.errors import CommandError, GoBuildError, GoExtError

PY = sys.executable


def python(code: str) -> list[str]:
    return [PY, "-c", code]


def minimal_env() -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "")}
    if sys.platform == "win32":  # pragma: no cover - Windows needs SYSTEMROOT to start Python
        env["SYSTEMROOT"] = os.environ["SYSTEMROOT"]
    return env


def test_returns_stdout() -> None:
    out = _process.run(
        python("import sys; print('out'); print('err', file=sys.stderr)"), env=minimal_env()
    )
    assert out == "out\n"


def test_accepts_paths(tmp_path: Path) -> None:
    script = tmp_path / "hello world.py"
    script.write_text("print('hi')\n")
    assert _process.run([Path(PY), script], env=minimal_env()) == "hi\n"


def test_runs_in_cwd(tmp_path: Path) -> None:
    out = _process.run(python("import os; print(os.getcwd())"), env=minimal_env(), cwd=tmp_path)
    assert Path(out.strip()).resolve() == tmp_path.resolve()


def test_env_is_exactly_what_is_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SGE_ONLY_IN_PARENT", "parent")
    code = "import os; print(os.environ.get('SGE_ONLY_IN_PARENT'), os.environ.get('SGE_PASSED'))"
    out = _process.run(python(code), env={**minimal_env(), "SGE_PASSED": "child"})
    assert out.split() == ["None", "child"]


def test_env_mapping_is_not_modified() -> None:
    env = minimal_env()
    before = dict(env)
    _process.run(python("pass"), env=env)
    assert env == before


def test_undecodable_output_is_replaced() -> None:
    out = _process.run(python("import sys; sys.stdout.buffer.write(b'a\\xffb')"), env=minimal_env())
    assert out == "a\ufffdb"


def test_failure_raises_command_error_with_everything() -> None:
    code = "import sys; print('partial result'); print('./x.go:3:1: oops', file=sys.stderr); sys.exit(7)"
    args = python(code)
    with pytest.raises(CommandError) as info:
        _process.run(args, env=minimal_env(), hint="Fix x.go and try again.")
    message = str(info.value)
    assert type(info.value) is CommandError
    assert isinstance(info.value, GoExtError)
    assert _process.format_command(args) in message
    assert "failed with exit status 7" in message
    assert "partial result" in message
    assert "./x.go:3:1: oops" in message
    assert message.rstrip().endswith("Fix x.go and try again.")


def test_failure_raises_the_given_error_class() -> None:
    with pytest.raises(GoBuildError) as info:
        _process.run(python("raise SystemExit(2)"), env=minimal_env(), error=GoBuildError)
    assert "exit status 2" in str(info.value)


def test_failure_without_output_or_hint() -> None:
    args = python("raise SystemExit(1)")
    with pytest.raises(CommandError) as info:
        _process.run(args, env=minimal_env())
    assert str(info.value) == f"`{_process.format_command(args)}` failed with exit status 1"


def test_missing_executable(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-tool"
    with pytest.raises(GoBuildError) as info:
        _process.run(
            [missing, "build"], env=minimal_env(), error=GoBuildError, hint="Install the tool."
        )
    message = str(info.value)
    assert f"cannot run `{missing} build`" in message
    assert "No such file or directory" in message
    assert "Install the tool." in message


def test_missing_cwd(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as info:
        _process.run(python("pass"), env=minimal_env(), cwd=tmp_path / "gone")
    assert "cannot run" in str(info.value)
    assert str(tmp_path / "gone") in str(info.value)


def test_command_is_logged(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    args = python("print(1)")
    with caplog.at_level(logging.INFO, logger="setuptools_golang_ext"):
        _process.run(args, env=minimal_env(), cwd=tmp_path)
    messages = [record.getMessage() for record in caplog.records]
    assert f"running: {_process.format_command(args)}  (in {tmp_path})" in messages


def test_stderr_of_a_successful_command_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="setuptools_golang_ext"):
        _process.run(
            python("import sys; print('go: downloading x', file=sys.stderr)"), env=minimal_env()
        )
    assert "go: downloading x" in [record.getMessage() for record in caplog.records]


def test_format_command_quotes_like_a_shell() -> None:
    assert _process.format_command(["go", "build", "-ldflags=-s -w", Path("/a b/c")]) == (
        "go build '-ldflags=-s -w' '/a b/c'"
    )
