"""A safe output folder: site/ and dist/ are swapped both or neither, a
symlinked site/ keeps its link, one build runs at a time, and the next build
cleans up after a killed one. The real builds here build the small course of
`make new-course`: the output folder is the engine's, whatever the course."""

from __future__ import annotations

import fcntl
import os
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tools import build as b
from tools import new_course

from .conftest import ROOT
from .test_bad_input import tree_digest


def folder(path: Path, marker: str) -> Path:
    path.mkdir(parents=True)
    (path / "index.html").write_text(marker, encoding="utf-8")
    return path


def marker(path: Path) -> str:
    return (path / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def outputs(tmp_path: Path) -> dict[str, Path]:
    """An old site/ and dist/, and a new pair in a work folder beside them."""
    return {
        "site": folder(tmp_path / "site", "old site"),
        "dist": folder(tmp_path / "dist", "old dist"),
        "new_site": folder(tmp_path / ".build-x" / "site", "new site"),
        "new_dist": folder(tmp_path / ".build-x" / "dist", "new dist"),
    }


def pairs(o: dict[str, Path]) -> list[tuple[Path, Path]]:
    return [(o["new_site"], o["site"]), (o["new_dist"], o["dist"])]


def test_swap_replaces_both(outputs: dict[str, Path]) -> None:
    b.swap(pairs(outputs))
    assert (marker(outputs["site"]), marker(outputs["dist"])) == ("new site", "new dist")
    assert not b.backup_of(outputs["site"]).exists() and not b.backup_of(outputs["dist"]).exists()


@pytest.mark.parametrize("failing", [1, 2, 3, 4], ids=["site aside", "dist aside", "site in", "dist in"])
def test_swap_failing_at_any_rename_keeps_both_old(
    outputs: dict[str, Path], monkeypatch: pytest.MonkeyPatch, failing: int
) -> None:
    real_rename = os.rename
    calls = {"n": 0}

    def rename(src: str | Path, dst: str | Path) -> None:
        calls["n"] += 1
        if calls["n"] == failing:
            raise OSError(13, "Permission denied", str(src))
        real_rename(src, dst)

    monkeypatch.setattr(b.os, "rename", rename)
    with pytest.raises(b.BuildError, match="previous output is back in place"):
        b.swap(pairs(outputs))
    assert (marker(outputs["site"]), marker(outputs["dist"])) == ("old site", "old dist")
    assert (marker(outputs["new_site"]), marker(outputs["new_dist"])) == ("new site", "new dist")
    assert not b.backup_of(outputs["site"]).exists() and not b.backup_of(outputs["dist"]).exists()


def test_swap_old_file_that_cannot_be_deleted_leaves_both_new(
    outputs: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Root ignores permission bits, so the failing delete is simulated."""

    def rmtree(path: str | Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(b.shutil, "rmtree", rmtree)
    b.swap(pairs(outputs))
    assert (marker(outputs["site"]), marker(outputs["dist"])) == ("new site", "new dist")
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 2 and "the next build removes it" in err
    assert marker(b.backup_of(outputs["site"])) == "old site"

    monkeypatch.undo()
    b.remove_leftovers([outputs["site"], outputs["dist"]])
    assert not b.backup_of(outputs["site"]).exists() and not b.backup_of(outputs["dist"]).exists()
    assert not (outputs["site"].parent / ".build-x").exists()
    assert marker(outputs["site"]) == "new site"


def test_leftover_that_cannot_be_deleted_stops_before_anything_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = folder(tmp_path / "site", "current")
    folder(b.backup_of(site), "stale")

    def rmtree(path: str | Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(b.shutil, "rmtree", rmtree)
    with pytest.raises(b.BuildError, match=r"cannot clean up the leftover .*\.site\.old"):
        b.remove_leftovers([site, tmp_path / "dist"])
    assert marker(site) == "current"


def test_killed_mid_swap_gets_the_old_output_back(tmp_path: Path) -> None:
    """Killed after site/ was moved aside and before the new one moved in."""
    site, dist = tmp_path / "site", folder(tmp_path / "dist", "old dist")
    folder(b.backup_of(site), "old site")
    folder(tmp_path / ".build-killed" / "site", "half")
    b.remove_leftovers([site, dist])
    assert (marker(site), marker(dist)) == ("old site", "old dist")
    assert not list(tmp_path.glob(".build-*")) and not b.backup_of(site).exists()


def test_symlink_is_followed_or_refused(tmp_path: Path) -> None:
    real = folder(tmp_path / "elders" / "site", "x")
    link = tmp_path / "site"
    link.symlink_to(real)
    assert b.output_path(link) == real.resolve()
    dangling = tmp_path / "dist"
    dangling.symlink_to(tmp_path / "bestaat-niet" / "dist")
    with pytest.raises(b.BuildError, match="whose folder does not exist"):
        b.output_path(dangling)


def hold_lock(path: Path) -> int:
    fd = os.open(path / b.LOCK_NAME, os.O_CREAT | os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def test_second_build_gives_up_after_timeout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fd = hold_lock(tmp_path)
    try:
        start = time.monotonic()
        with pytest.raises(b.BuildError, match="another build is still running"), b.build_lock(tmp_path, 0.5):
            pass
        assert time.monotonic() - start >= 0.5
    finally:
        os.close(fd)
    assert capsys.readouterr().err.count("\n") == 1  # one waiting line


def test_second_build_waits_for_the_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fd = hold_lock(tmp_path)
    threading.Timer(0.5, os.close, (fd,)).start()
    with b.build_lock(tmp_path, 30):
        entered = True
    assert entered
    assert "Another build is running" in capsys.readouterr().err


def test_gitignore_covers_lock_and_temporary_folders(tmp_path: Path) -> None:
    names = [b.LOCK_NAME, f"{b.WORK_PREFIX}abc123/", ".site.old/", ".dist.old/"]
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", *names], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert sorted(result.stdout.split()) == sorted(names)


# -- real builds ------------------------------------------------------------------
# What is tested here is the engine's output folder (tools/build.py), whatever the course:
# each builds the small course of `make new-course` (tools/new_course.py), without the PDF.

COURSE_DIR = "cursus"  # the course folder's name gives its file names
COURSE_DOWNLOAD = f"{new_course.slug(COURSE_DIR)}-offline.zip"


def small_course(parent: Path) -> Path:
    course = parent / COURSE_DIR
    new_course.write(course, new_course.DEFAULT_NAME)
    return course


def build_command(course: Path) -> list[str]:
    return [sys.executable, "-m", "tools.build", "--course", str(course)]


BUILD_ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "SS_PAPER": "0"}


def build_course(course: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        build_command(course), cwd=ROOT, env=BUILD_ENV, capture_output=True, text=True, timeout=300
    )


@pytest.mark.build
def test_symlinked_site_is_replaced_through_the_link(tmp_path: Path) -> None:
    project = small_course(tmp_path / "project")
    real = folder(tmp_path / "served" / "sales", "old site")
    (project / "site").symlink_to(real)

    result = build_course(project)

    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site").is_symlink() and (project / "site").resolve() == real.resolve()
    assert "old site" not in marker(real) and (real / "h1" / "bouw.html").is_file()
    zips = list((project / "dist").glob("*.zip"))
    assert len(zips) == 1 and (real / b.DOWNLOAD_DIR / COURSE_DOWNLOAD).read_bytes() == zips[0].read_bytes()
    assert not list(real.parent.glob(".*")), "leftovers next to the link target"


@pytest.mark.build
def test_next_build_removes_leftovers_of_a_killed_build_and_stale_output(tmp_path: Path) -> None:
    project = small_course(tmp_path)
    for name in (".build-killed", ".site.old", ".dist.old"):
        folder(project / name / "sub", "stale")
    (project / "site").mkdir()
    (project / "site" / "stale.txt").write_text("old\n", encoding="utf-8")

    result = build_course(project)

    assert result.returncode == 0, result.stdout + result.stderr
    assert not [p.name for p in project.iterdir() if p.name.startswith((".build-", ".site", ".dist"))]
    assert not (project / "site" / "stale.txt").exists()
    assert (project / "site" / "index.html").is_file()
    assert len(list((project / "dist").glob(f"{new_course.slug(COURSE_DIR)}-offline-*.zip"))) == 1


def start_build(course: Path) -> subprocess.Popen[str]:
    out = subprocess.PIPE
    return subprocess.Popen(build_command(course), cwd=ROOT, env=BUILD_ENV, stdout=out, stderr=out, text=True)


def wait_until_locked(path: Path, process: subprocess.Popen[str]) -> None:
    """Until another process holds the build lock in `path` (polled: flock has no wait for
    someone else's lock); fails if `process` ends first."""
    fd = os.open(path / b.LOCK_NAME, os.O_CREAT | os.O_RDWR)
    try:
        while process.poll() is None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
            fcntl.flock(fd, fcntl.LOCK_UN)
            time.sleep(0.02)
    finally:
        os.close(fd)
    raise AssertionError(f"the first build ended before it was seen holding the lock: {process.returncode}")


@pytest.mark.build
def test_two_builds_at_once_both_finish_consistent(tmp_path: Path) -> None:
    """The first build is paused while it holds the lock, so the second surely finds it
    held and waits; the first then finishes, and the second after it."""
    project = small_course(tmp_path)
    first = start_build(project)
    second = None
    try:
        wait_until_locked(project, first)
        first.send_signal(signal.SIGSTOP)
        second = start_build(project)
        assert second.stderr is not None
        # Its first line, while the first build holds the lock (a bound only against a hang:
        # a second build that waits without a word would wait for the paused one for good).
        said, _, _ = select.select([second.stderr], [], [], 300)
        waiting = second.stderr.readline() if said else ""
        first.send_signal(signal.SIGCONT)
        out, err = first.communicate(timeout=600)
        second_out, second_err = second.communicate(timeout=600)
    finally:
        first.send_signal(signal.SIGCONT)
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()

    assert first.returncode == 0, out + err
    assert second.returncode == 0, second_out + waiting + second_err
    assert "Another build is running" in waiting, waiting + second_err
    site, dist = project / "site", project / "dist"
    (archive,) = dist.glob("*.zip")
    assert (site / b.DOWNLOAD_DIR / COURSE_DOWNLOAD).read_bytes() == archive.read_bytes()
    before = tree_digest(site)
    shutil.rmtree(project / "docs")  # a third build must fail and keep the pair
    assert build_course(project).returncode != 0
    assert tree_digest(site) == before
