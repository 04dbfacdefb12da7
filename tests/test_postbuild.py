"""The one post-build pass (macros/postbuild.py), as pure functions on small pages, and
on the built site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from macros import postbuild

from .conftest import Built

PAGE = (
    "<!doctype html><html lang=nl><head><meta charset=utf-8>"
    '<link rel="stylesheet" href="../css/print-site.css">'
    '<link rel="stylesheet" href="../assets/stylesheets/main.css">'
    '<script id="__config" type="application/json">{"base": "/", "search": "x"}</script>'
    "</head><body><h2 id=eerste>Kop</h2><p id='tweede'>Tekst &amp; <abbr title=x>NPS</abbr></p>"
    '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    '<script src="../js/print-site.js"></script></body></html>'
)


def parse(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)


def test_a_page_loses_print_site_assets_and_defers_the_bundle() -> None:
    html, ids = postbuild.process_page(PAGE, "h1/nps.html", "afdrukken.html", "Cursus")
    tree = parse(html)
    urls = [n.attributes.get("href") or n.attributes.get("src") for n in tree.css("link, script[src]")]
    assert urls == ["../assets/stylesheets/main.css", "../assets/javascripts/bundle.a5f9d56c.min.js"]
    assert "defer" in tree.css_first("script[src]").attributes
    assert ids == {"eerste", "tweede", "__config"}
    # The text a reader sees is unchanged, entities included; the config is untouched.
    assert tree.css_first("p").text() == "Tekst & NPS"
    assert json.loads(tree.css_first("script#__config").text())["base"] == "/"


def test_the_print_page_keeps_its_assets_and_gets_a_relative_base() -> None:
    html, _ = postbuild.process_page(PAGE, "afdrukken.html", "afdrukken.html", "Cursus")
    tree = parse(html)
    assert len(tree.css('link[href*="print-site"], script[src*="print-site"]')) == 2
    config = json.loads(tree.css_first("script#__config").text())
    assert config == {"base": ".", "search": "x"}
    assert "defer" in tree.css_first('script[src*="bundle."]').attributes


def test_a_print_page_in_a_folder_gets_its_way_to_the_root() -> None:
    html, _ = postbuild.process_page(PAGE, "print/alles.html", "print/alles.html", "Cursus")
    assert json.loads(parse(html).css_first("script#__config").text())["base"] == "../"


def test_the_site_name_heads_every_printed_page_but_the_front_pages() -> None:
    """The name comes from the course (mkdocs.yml site_name, passed in), escaped for CSS; the
    title page and the contents carry none."""
    html, _ = postbuild.process_page(PAGE, "h1/nps.html", "afdrukken.html", 'R&D "Cursus" <b>')
    styles = " ".join(n.text() for n in parse(html).css("head style"))
    assert '@page{@top-right{content:"R&D \\"Cursus\\" \\3c b>"}}' in styles, styles
    assert f"@page {postbuild.FRONT_PAGE}{{@top-right{{content:none}}}}" in styles, styles
    html, _ = postbuild.process_page(PAGE, "h1/nps.html", "afdrukken.html", "")
    assert "@top-right" not in html


@pytest.mark.parametrize(
    ("html", "message"),
    [
        (
            PAGE.replace("</body>", '<script src="assets/javascripts/bundle.0.min.js"></script></body>'),
            "2 times",
        ),
        (PAGE.replace('id="__config"', 'id="other"'), "#__config script is missing"),
    ],
)
def test_unknown_markup_fails_loudly(html: str, message: str) -> None:
    with pytest.raises(postbuild.PostBuildError, match=message):
        postbuild.process_page(html, "afdrukken.html", "afdrukken.html", "Cursus")


def test_fill_text_escapes_and_counts(tmp_path: Path) -> None:
    page = tmp_path / "offline.html"
    page.write_text(
        "<p>Zip (<span class=ss-zip-size>?</span>)</p><p>Nog <span class=ss-zip-size>?</span></p>"
    )
    other = tmp_path / "index.html"
    other.write_text("<p>Niets</p>")
    assert postbuild.fill_text([page, other], "span.ss-zip-size", "396 kB <b>") == 2
    assert [n.text() for n in parse(page.read_text()).css("span.ss-zip-size")] == ["396 kB <b>"] * 2
    assert other.read_text() == "<p>Niets</p>"


def test_the_built_site_went_through_the_pass(built: Built) -> None:
    """Every page but the print page is free of print-site's assets, every bundle is
    deferred, and the print page's base is relative."""
    for rel in built.pages():
        tree = parse((built.site / rel).read_text(encoding="utf-8"))
        assets = tree.css('link[href*="print-site"], script[src*="print-site"]')
        assert bool(assets) == (rel == "afdrukken.html"), rel
        for node in tree.css('script[src*="assets/javascripts/bundle."]'):
            assert "defer" in node.attributes, rel
    tree = parse((built.site / "afdrukken.html").read_text(encoding="utf-8"))
    assert json.loads(tree.css_first("script#__config").text())["base"] == "."
