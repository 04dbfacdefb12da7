"""The one post-build pass over site/: everything that must change finished HTML, on a
real HTML parser (selectolax/Lexbor), never with regular expressions.

For every page, once:
- print-site's CSS and JS are dropped from every page but the print page (it adds them
  to all pages; only its own page uses them);
- Material's bundle is loaded with `defer`: it mounts on DOMContentLoaded anyway, and a
  deferred script holds up neither parsing nor the first paint;
- the print page's theme config gets a relative "base" (print-site renders it with a
  root-absolute "/", so on file:// search would look at the disk root), and its
  tooltips become plain text (paper has no hover; 200 definitions less to download);
- the ids of the page are collected (for the register's anchor check);
- the page is compacted (macros/compact.py).

`fill_text` sets the text of marked elements afterwards (the offline zip's size on the
download page, known only once the zip exists).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .compact import compact

PRINT_SITE_ASSETS = ("css/print-site", "js/print-site")
BUNDLE = "assets/javascripts/bundle."


class PostBuildError(Exception):
    """The finished HTML does not look as this pass expects (e.g. after a theme upgrade)."""


@dataclass
class Pass:
    """What one run over the site found; `ids` maps a page (site-relative) to its ids."""

    ids: dict[str, set[str]] = field(default_factory=dict)


def _attr(node: LexborNode, name: str) -> str:
    return node.attributes.get(name) or ""


def drop_print_site_assets(tree: LexborHTMLParser) -> None:
    for node in tree.css("link[href], script[src]"):
        url = _attr(node, "href") or _attr(node, "src")
        if any(part in url for part in PRINT_SITE_ASSETS):
            node.decompose()


def defer_bundle(tree: LexborHTMLParser, where: str) -> None:
    bundles = [n for n in tree.css("script[src]") if BUNDLE in _attr(n, "src")]
    if len(bundles) > 1:
        raise PostBuildError(f"{where}: Material's bundle script appears {len(bundles)} times")
    for node in bundles:
        node.attrs["defer"] = ""


def relative_config_base(tree: LexborHTMLParser, base: str, where: str) -> None:
    """Material's theme config (<script id="__config" type="application/json">) with `base`
    relative to the page, as on every other page."""
    node = tree.css_first("script#__config")
    if node is None:
        raise PostBuildError(f"{where}: Material's #__config script is missing")
    config = json.loads(node.text())
    config["base"] = base
    node.inner_html = json.dumps(config, separators=(",", ":")).replace("</", "<\\/")


def page_ids(tree: LexborHTMLParser) -> set[str]:
    return {_attr(n, "id") for n in tree.css("[id]")}


def process_page(html: str, rel: str, print_page: str) -> tuple[str, set[str]]:
    """One page's finished HTML in, the fixed and compacted HTML and its ids out."""
    tree = LexborHTMLParser(html)
    if rel == print_page:
        relative_config_base(tree, "../" * rel.count("/") or ".", rel)
        tree.unwrap_tags(["abbr"])  # paper has no hover: a term is plain text there
    else:
        drop_print_site_assets(tree)
    defer_bundle(tree, rel)
    ids = page_ids(tree)
    return compact(tree.html or ""), ids


def run(site: Path, print_page: str, skip: Callable[[str], bool] = lambda rel: False) -> Pass:
    """The pass over every HTML page of a built site; `skip` leaves pages as they are
    (e.g. the tiny redirect pages, which carry no theme)."""
    found = Pass()
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if skip(rel):
            continue
        html, ids = process_page(path.read_text(encoding="utf-8"), rel, print_page)
        path.write_text(html, encoding="utf-8")
        found.ids[rel] = ids
    return found


def fill_text(pages: Iterable[Path], selector: str, text: str) -> int:
    """Set the text of every element matching `selector`; returns how many were set."""
    count = 0
    for path in pages:
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        nodes = tree.css(selector)
        for node in nodes:
            node.inner_html = html.escape(text)
        if nodes:
            path.write_text(compact(tree.html or ""), encoding="utf-8")
            count += len(nodes)
    return count
