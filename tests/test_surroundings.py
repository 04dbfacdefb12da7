"""The build's surroundings go wrong: one line naming the cause and what to do,
exit 1, and the previous site/ and dist/ untouched. Each case runs the real build
(`python -m tools.build` or `python tools/build.py`) on a temporary copy of the
project; the read-only checkout and the full disk are real mounts (tests run as
root, in CI too), unmounted again whatever happens."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tools import build as b
from tools import paper

from .test_bad_input import OUTPUTS, copy_project, previous_build, tree_digest


def run(cmd: list[str], cwd: Path, **extra_env: str | None) -> tuple[int, list[str]]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "SS_PAPER": "0"}
    for key, value in extra_env.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    lines = [ln for ln in (result.stdout + result.stderr).splitlines() if ln.strip()]
    return result.returncode, lines


def assert_one_line(code: int, lines: list[str], *needles: str) -> None:
    text = "\n".join(lines)
    assert code == 1, text
    assert "Traceback" not in text, text
    # The cause, and at most the closing "Build failed: ... untouched" line.
    cause = [ln for ln in lines if not ln.startswith("Build failed:")]
    assert len(cause) == 1, text
    for needle in needles:
        assert needle in cause[0], f"{needle!r} not in {cause[0]!r}"


@pytest.mark.parametrize(
    "cmd",
    [["-m", "tools.build"], ["tools/build.py"]],
    ids=["python -m tools.build", "python tools/build.py"],
)
def test_interpreter_without_the_packages(tmp_path: Path, cmd: list[str]) -> None:
    """python3 without the venv: -S leaves out every site-packages folder, so this
    Python has no mkdocs, like a bare system python3."""
    project = copy_project(tmp_path)
    before = previous_build(project)
    code, lines = run([sys.executable, "-S", *cmd], project)
    assert_one_line(code, lines, "mkdocs", ".venv/bin/python -m tools.build", "make build")
    assert {name: tree_digest(project / name) for name in OUTPUTS} == before


@pytest.mark.build
def test_script_from_another_folder_builds(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code, lines = run([sys.executable, str(project / "tools" / "build.py")], elsewhere)
    assert code == 0, "\n".join(lines)
    assert (project / "site" / "index.html").is_file()
    assert not (elsewhere / "site").exists()


def test_module_from_another_folder_is_one_line(tmp_path: Path) -> None:
    """`python -m tools.build` outside the project: Python itself cannot find the
    module (no code of ours runs), one line and exit 1."""
    code, lines = run([sys.executable, "-m", "tools.build"], tmp_path)
    assert code == 1 and len(lines) == 1, lines
    assert "tools" in lines[0] and "Traceback" not in lines[0]


BAD_EPOCHS = ["abc", "1.7e9", "-5", "170000000000000", "1700000000 "]


def test_bad_source_date_epoch(tmp_path: Path) -> None:
    """The real command for one bad value: one line (the build's BuildError, as main prints
    it), exit 1, the previous build untouched."""
    value = BAD_EPOCHS[0]
    project = copy_project(tmp_path)
    before = previous_build(project)
    code, lines = run([sys.executable, "-m", "tools.build"], project, SOURCE_DATE_EPOCH=value)
    assert_one_line(code, lines, f"SOURCE_DATE_EPOCH={value!r}", "whole number of seconds since 1970")
    assert {name: tree_digest(project / name) for name in OUTPUTS} == before
    with pytest.MonkeyPatch.context() as env, pytest.raises(b.BuildError) as caught:
        env.setenv("SOURCE_DATE_EPOCH", value)
        b.build(project)
    assert [line for line in lines if not line.startswith("Build failed:")] == [str(caught.value)]


@pytest.mark.parametrize("value", BAD_EPOCHS)
def test_bad_source_date_epoch_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    """Every bad value, through the build itself (in-process): the line main prints."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")  # never read
    before = previous_build(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(b.BuildError) as caught:
        b.build(project)
    assert_one_line(
        1, [str(caught.value)], f"SOURCE_DATE_EPOCH={value!r}", "whole number of seconds since 1970"
    )
    assert {name: tree_digest(project / name) for name in OUTPUTS} == before
    assert not list(project.glob(".build-*"))


def test_source_date_epoch_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert b.source_date_epoch() == 1700000000
    for value in ("0x10", "１７００００００００", "315532799", "4102444801"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
        with pytest.raises(b.BuildError, match="SOURCE_DATE_EPOCH"):
            b.source_date_epoch()


@contextmanager
def mounted(target: Path, *args: str) -> Iterator[Path]:
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", *args, str(target)], check=True)
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=True)


@pytest.mark.build
def test_read_only_checkout(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "rw")
    before = previous_build(project)
    with mounted(tmp_path / "ro", "--bind", str(project)) as ro:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(ro)], check=True)
        code, lines = run([sys.executable, "-m", "tools.build"], ro)
    assert_one_line(code, lines, "read-only", str(ro))
    assert {name: tree_digest(project / name) for name in OUTPUTS} == before


@pytest.mark.build
@pytest.mark.parametrize("size", ["600k", "3m", "5m"])
def test_disk_full(tmp_path: Path, size: str) -> None:
    """site/ and dist/ are symlinks into a small tmpfs, so the build works there
    (next to their targets) and runs out of space in mkdocs, print-site or the zip."""
    project = copy_project(tmp_path / "project")
    with mounted(tmp_path / "small", "-t", "tmpfs", "-o", f"size={size}", "tmpfs") as small:
        for name in OUTPUTS:
            (small / name).mkdir()
            (project / name).symlink_to(small / name)
        before = previous_build(project)
        code, lines = run([sys.executable, "-m", "tools.build"], project)
        after = {name: tree_digest(project / name) for name in OUTPUTS}
        leftovers = sorted(p.name for p in small.iterdir())
    assert_one_line(code, lines, "no space left", str(small))
    assert after == before
    assert leftovers == ["dist", "site"], leftovers


@pytest.mark.build
def test_disk_full_while_zipping(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up in the build's own Python steps (injected where the zip is
    written): one line, the outputs untouched, the work folder gone."""
    project = copy_project(tmp_path)
    before = previous_build(project)

    def full(site: Path, target: Path, epoch: int, top: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(b, "write_zip", full)
    monkeypatch.setenv("SS_PAPER", "0")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    with pytest.raises(b.BuildError) as caught:
        b.build(project)
    assert str(caught.value) == f"no space left on the device of {project}: free some space and build again"
    assert {name: tree_digest(project / name) for name in OUTPUTS} == before
    assert not list(project.glob(".build-*"))


FAKE_CHROMIUM = """#!/bin/sh
echo "chromium: error while loading shared libraries: libnss3.so: cannot open shared object file" >&2
exit 127
"""


@pytest.mark.build
@pytest.mark.paper
def test_failing_chromium_shows_its_own_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    before = previous_build(project)
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "chromium").write_text(FAKE_CHROMIUM, encoding="utf-8")
    (fake / "chromium").chmod(0o755)
    path = f"{fake}:{os.environ['PATH']}"
    code, lines = run([sys.executable, "-m", "tools.build"], project, SS_PAPER=None, PATH=path)
    assert_one_line(code, lines, "Chromium failed", "libnss3.so: cannot open shared object file")
    assert {name: tree_digest(project / name) for name in OUTPUTS} == before


def test_tool_message_is_its_own_first_line() -> None:
    playwright = (
        "BrowserType.launch: Target page, context or browser has been closed\nBrowser logs:\n\n"
        "<launching> /usr/bin/chromium --headless\n<launched> pid=7\n"
        "[pid=7][err] chromium: cannot open display\n[pid=7][err] second line\nCall log:\n  - x\n"
    )
    assert paper.browser_message(playwright) == "chromium: cannot open display"
    assert paper.browser_message("Page.pdf: Timeout 30000ms exceeded.\nCall log:\n") == (
        "Page.pdf: Timeout 30000ms exceeded."
    )
    assert paper.first_line("\n\npandoc: Could not find data file x\nCallStack:\n") == (
        "pandoc: Could not find data file x"
    )
