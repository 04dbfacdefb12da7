"""Live preview (`make serve`): the engine's outputs are made there too, so the study pages,
the short links and the flashcards work while a teacher writes, and a saved edit is served
with them. A copy of the project is served (nothing here edits the repository)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_bad_input import copy_project

WAIT = 120.0  # seconds a busy machine may take for a build; not a budget, a way out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            text: str = response.read().decode("utf-8")
            return text
    except OSError:
        return ""


def until(url: str, text: str) -> str:
    """The page at `url` once it contains `text` (the live server rebuilds in the background)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        page = fetch(url)
        if text in page:
            return page
        time.sleep(0.2)
    pytest.fail(f"{url} never contained {text!r}")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    project = copy_project(tmp_path_factory.mktemp("serve"))
    port = free_port()
    # What `make serve` runs (Makefile: serve).
    env = {**os.environ, "SS_LIVE": "1", "SS_PRINT_PAGE": "false", "NO_MKDOCS_2_WARNING": "1"}
    env["PYTHONPATH"] = str(ROOT)
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"]
    quiet = subprocess.DEVNULL
    proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=quiet, stderr=quiet, start_new_session=True)
    try:
        yield f"http://127.0.0.1:{port}/", project
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


@pytest.mark.build
def test_the_study_pages_and_short_links_work_in_live_preview(served: tuple[str, Path]) -> None:
    root, _ = served
    data = until(root + "assets/javascripts/study-data.js", "window.StudyData=")
    assert '"views":{"herhalen":"herhalen.html","toets":"toets.html","voortgang":"voortgang.html"}' in data
    assert "data-study=voortgang" in until(root + "voortgang.html", "ss-study")
    assert "url=../h1/nps.html#nps" in until(root + "c/nps.html", "http-equiv")
    assert "sales-nps" in until(root + "flashcards/sales-begrippen-anki.txt", "#deck:")


@pytest.mark.build
def test_a_saved_edit_is_served_with_the_outputs_made_again(served: tuple[str, Path]) -> None:
    root, project = served
    until(root + "h1/klant.html", "</html>")
    page = project / "docs" / "h1" / "klant.md"
    edited = page.read_text(encoding="utf-8") + "\n\nMeetpunt voor de live preview.\n"
    page.write_text(edited, encoding="utf-8")
    until(root + "h1/klant.html", "Meetpunt voor de live preview.")
    # The rebuild made the outputs again: the page went through the post-build pass (compacted:
    # attribute values without quotes) and the study data is still there.
    assert "<div class=md-content" in fetch(root + "h1/klant.html")
    assert fetch(root + "assets/javascripts/study-data.js").startswith("window.StudyData=")
