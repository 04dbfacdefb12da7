"""The print-site replacement (macros/printsite.py) gives the plugin's own result."""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_print_site_plugin import urls

from macros import printsite

from .conftest import ROOT

Rename = Callable[[str, str], str]
ORIGINAL: Rename = urls.update_anchor_ids
REPLACEMENT: Rename = printsite.update_anchor_ids

CASES = [
    '<h2 id="nps">Net Promoter Score<a class="headerlink" href="#nps">&para;</a></h2>',
    '<H3 ID="x">upper case</H3><p>text with id="y" in it</p>',
    '<li id="fn:1"><p>note <a href="#fnref:1">back</a></p></li><sup id="fnref:1">1</sup>',
    '<ul><li>no id</li><li class="a" id="b">id later</li></ul>',
    '<div id="d"><h1 id="t">Title</h1></div><span id="s">s</span>',
    '<p><abbr title="x">X</abbr><a id="q">q</a></p>\n<h4 id="r">R</h4>',
    '<td><a href="#x"><code>x.html</code></a></td><td><button id="c">copy</button></td>' * 20,
    '<h2 id="">empty id</h2>',
    '<h2 id="a">A</h2><h2 id="a">A again</h2>',
]


def test_original_is_the_plugins() -> None:
    assert ORIGINAL is not REPLACEMENT, "the plugin's function was replaced before this test module loaded"
    assert ORIGINAL.__module__ == "mkdocs_print_site_plugin.urls"


def test_installed_for_the_checked_version_only(monkeypatch: pytest.MonkeyPatch) -> None:
    assert version("mkdocs-print-site-plugin") == printsite.CHECKED_VERSION, "re-check macros/printsite.py"
    monkeypatch.setattr(urls, "update_anchor_ids", ORIGINAL)
    assert printsite.apply()
    assert urls.update_anchor_ids is REPLACEMENT
    monkeypatch.setattr(printsite, "version", lambda _: "3.0")
    monkeypatch.setattr(urls, "update_anchor_ids", ORIGINAL)
    assert not printsite.apply()
    assert urls.update_anchor_ids is ORIGINAL


@pytest.mark.parametrize("html", CASES)
def test_same_result_on_edge_cases(html: str) -> None:
    assert REPLACEMENT(html, "h1-nps") == ORIGINAL(html, "h1-nps")


def test_same_result_on_every_page_the_plugin_sees(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A real build in which every call runs both functions on the plugin's input."""
    seen: list[str] = []
    differ: list[str] = []

    def both(page_html: str, page_key: str) -> str:
        result = REPLACEMENT(page_html, page_key)
        seen.append(page_key)
        if result != ORIGINAL(page_html, page_key):
            differ.append(page_key)
        return result

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(printsite, "update_anchor_ids", both)  # what apply() installs
    monkeypatch.setattr(urls, "update_anchor_ids", ORIGINAL)
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert len(seen) >= 18, seen
    assert not differ, differ
