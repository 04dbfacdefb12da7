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
- what the Nu HTML checker rejects in the theme's markup is repaired: `autocomplete` on
  checkboxes, a label for a control the page lacks, print-site's `heading-number`
  attribute and its `<style>` in the body (moved to the head);
- paper (print.css does the rest): every page gets a running header with its chapter
  (an `@page` rule: Chromium prints CSS margin boxes), and its quiz answer keys go to
  the end of the page; the print page gets a title page, loses print-site's duplicate
  chapter title (the chapter's own index page has the same heading), gets a header per
  chapter (named pages) and gathers each chapter's answer keys at the end of that
  chapter, in a section of their own;
- the ids of the page are collected (for the register's anchor check);
- the page is compacted (macros/compact.py).

`fill_text` sets the text of marked elements afterwards (the offline zip's size on the
download page, known only once the zip exists).
"""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .compact import compact

PRINT_SITE_ASSETS = ("css/print-site", "js/print-site")
BUNDLE = "assets/javascripts/bundle."
# Input types that may carry `autocomplete` (HTML spec; Material puts it on checkboxes).
AUTOCOMPLETE_TYPES = {
    "color", "date", "datetime-local", "email", "hidden", "month", "number",
    "password", "range", "search", "tel", "text", "time", "url", "week",
}  # fmt: skip
QUIZ_KEY = "div.ss-quiz__key"
KEY_SECTION = "ss-answer-key"  # class of a chapter's gathered answer keys on the print page
TITLE_PAGE = "ss-titelpagina"  # id of the print page's title page
# Classes that mark a passage for one medium (docs/*.md, with attr_list or md_in_html):
# ss-screen-only needs a screen (search bar, keys, hover, files to open), so print.css
# and the EPUB leave it out; ss-online-only needs the online site (the downloads), so
# the offline zip leaves it out as well (offline_copy).
SCREEN_ONLY = "ss-screen-only"
ONLINE_ONLY = "ss-online-only"
# What the PDF and the EPUB hold (title page, PDF subject, EPUB subtitle).
PAPER_SUBTITLE = (
    "Alle uitleg, schema's en begrippen, met oefenvragen en de antwoorden achteraan elk hoofdstuk."
)
FRONT_PAGE = "ss-front"  # named page of the title page and TOC: print.css gives it no header or footer


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


def node(markup: str) -> LexborNode:
    """One element from markup built with escaped values (inserted as a copy)."""
    tree = LexborHTMLParser(markup)
    found = (tree.head and tree.head.child) or (tree.body and tree.body.child)
    if found is None:
        raise PostBuildError(f"no element in {markup[:40]!r}")
    return found


def repair_markup(tree: LexborHTMLParser) -> None:
    """What the Nu HTML checker reports in the theme's and print-site's markup."""
    for box in tree.css("input[autocomplete]"):
        if (_attr(box, "type") or "text").lower() not in AUTOCOMPLETE_TYPES:
            del box.attrs["autocomplete"]
    ids = page_ids(tree)
    for label in tree.css("label[for]"):
        if _attr(label, "for") not in ids:
            del label.attrs["for"]
    for section in tree.css("[heading-number]"):
        del section.attrs["heading-number"]
    if tree.head is not None:
        for style in tree.css("body style"):
            tree.head.insert_child(style)
            style.decompose()


def quiet_permalinks(tree: LexborHTMLParser) -> None:
    """A heading's permalink (toc's "¶") keeps its name as aria-label instead of a title:
    Material's content.tooltips mounts a tooltip on every titled element while the page
    loads, and a dozen "Link naar deze sectie" tooltips per page cost more main-thread time
    (Lighthouse: total blocking time) than they help."""
    for link in tree.css("a.headerlink[title]"):
        link.attrs["aria-label"] = _attr(link, "title")
        del link.attrs["title"]


def heading_text(heading: LexborNode) -> str:
    """A heading's text without its permalink."""
    parts = [n.text() for n in heading.iter(include_text=True) if "headerlink" not in _attr(n, "class")]
    return " ".join("".join(parts).split())


def css_string(text: str) -> str:
    """A CSS string literal (for `content:`), safe inside a <style> element."""
    plain = " ".join(text.split())
    return '"' + plain.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'


def page_style(rules: list[str]) -> LexborNode:
    return node(f"<style>{''.join(rules)}</style>")


def running_header(tree: LexborHTMLParser) -> None:
    """A page printed alone: its chapter and title in the page header (print.css
    puts "Pagina N van M" in the footer)."""
    titles = [
        heading_text(n.css_first(".md-ellipsis") or n)
        for n in tree.css("nav.md-nav--primary li.md-nav__item--active")
        if n.css_first(".md-ellipsis") is not None
    ]
    if titles and tree.head is not None:
        header = css_string(" \N{EM DASH} ".join(dict.fromkeys(titles)))
        tree.head.insert_child(page_style([f"@page{{@top-left{{content:{header}}}}}"]))


def site_name_header(tree: LexborHTMLParser, name: str) -> None:
    """On paper, the site's name (the course's mkdocs.yml site_name) at the top right of
    every page; print.css leaves it empty: the engine knows no course."""
    if name and tree.head is not None:
        # Again none on the title page and the contents (print.css's named page): a later
        # unnamed @page would otherwise win there in Chromium.
        rules = [
            f"@page{{@top-right{{content:{css_string(name)}}}}}",
            f"@page {FRONT_PAGE}{{@top-right{{content:none}}}}",
        ]
        tree.head.insert_child(page_style(rules))


def keys_to_page_end(tree: LexborHTMLParser) -> None:
    """A page printed alone has its quiz answers at its end."""
    article = tree.css_first("article.md-content__inner")
    if article is None:
        return
    for key in tree.css(QUIZ_KEY):
        article.insert_child(key)
        key.decompose()


def section_title(section: LexborNode) -> str:
    heading = section.css_first("h1")
    return heading_text(heading) if heading is not None else ""


def unique_id(wanted: str, ids: set[str]) -> str:
    found, n = wanted, 1
    while found in ids:
        n += 1
        found = f"{wanted}-{n}"
    ids.add(found)
    return found


def gather_keys(chapter: LexborNode, title: str, ids: set[str]) -> None:
    """The answer keys of one chapter of the print page, moved to its end: a section
    titled after the chapter, one heading per page (its title, as above its
    questions), then that page's answers, numbered like its questions."""
    keys = chapter.css(QUIZ_KEY)
    if not keys:
        return
    own = unique_id(f"{_attr(chapter, 'id') or 'hoofdstuk'}-antwoorden", ids)
    chapter.insert_child(
        node(
            f'<section class="{KEY_SECTION}" id="{html.escape(own)}">'
            f'<h1 id="{html.escape(own)}-kop">Antwoorden: {html.escape(title)}</h1></section>'
        )
    )
    target = chapter.css_first(f"section.{KEY_SECTION}#{own}")
    if target is None:
        raise PostBuildError(f"the answer key section {own} was not inserted")
    for key in keys:
        page = key.parent
        while page is not None and not (page.tag == "section" and "print-page" in _attr(page, "class")):
            page = page.parent
        name = section_title(page) if page is not None else title
        anchor = unique_id(f"{_attr(page, 'id') if page is not None else own}-antwoorden", ids)
        target.insert_child(node(f'<h2 id="{html.escape(anchor)}">{html.escape(name)}</h2>'))
        listing = key.css_first("ol")
        if listing is not None:
            target.insert_child(listing)
        key.decompose()


def title_page(tree: LexborHTMLParser) -> str:
    """The print page's first page: the course's title (the home page's heading), what
    the document holds (PAPER_SUBTITLE; the site's description speaks of a website)
    and the version line of the home page (the build date). Returns its id, or "" when
    the page is not print-site's."""
    holder = tree.css_first("#print-site-page")
    if holder is None:
        return ""  # not print-site's page (tests/test_paper.py checks the real one)
    home = holder.css_first("section.print-page > h1")
    name = tree.css_first(".md-header__topic .md-ellipsis")
    title = heading_text(home) if home is not None else heading_text(name) if name is not None else ""
    version = tree.css_first(".ss-version")
    parts = [
        f'<p class="ss-title-page__name">{html.escape(title)}</p>',
        f'<p class="ss-title-page__description">{html.escape(PAPER_SUBTITLE)}</p>',
        f'<p class="ss-title-page__version">{html.escape(heading_text(version))}</p>' if version else "",
    ]
    first = holder.child
    while first is not None and not first.is_element_node:
        first = first.next
    page = node(f'<section class="ss-title-page" id="{TITLE_PAGE}">{"".join(parts)}</section>')
    if first is None:
        holder.insert_child(page)
    else:
        first.insert_before(page)
    return TITLE_PAGE


def paper_print_page(tree: LexborHTMLParser) -> None:
    """The print page for paper and for the PDF: title page, one header per
    chapter, the chapters' answer keys at their ends."""
    holder = tree.css_first("#print-site-page")
    if holder is None or not title_page(tree):
        return
    ids = page_ids(tree)
    # A link to a page left off paper (print-site's `exclude`) or to an id print-site
    # renamed points nowhere on this page: it becomes plain text.
    for link in holder.css('a[href^="#"]'):
        if _attr(link, "href")[1:] not in ids:
            link.unwrap()
    # Everything not in a chapter (the title page, the table of contents) is on the
    # front page, which print.css prints without header and footer. Set on <body>:
    # a name set lower down starts the document with an empty unnamed page.
    rules = [f"body{{page:{FRONT_PAGE}}}"]
    for n, section in enumerate(holder.css("#print-site-page > section.print-page[id]"), 1):
        divider = section.css_first("section.md-section > h1:first-child")
        title = section_title(section)
        if divider is not None:
            inner = section.css_first("section.print-page h1")
            if inner is not None and heading_text(inner) == heading_text(divider):
                divider.decompose()  # the chapter's index page starts with the same heading
        gather_keys(section, title, ids)
        name = f"ss-p{n}"
        rules.append(f"#{_attr(section, 'id')}{{page:{name}}}")
        rules.append(f"@page {name}{{@top-left{{content:{css_string(title)}}}}}")
    if tree.head is not None:
        tree.head.insert_child(page_style(rules))


def page_ids(tree: LexborHTMLParser) -> set[str]:
    return {_attr(n, "id") for n in tree.css("[id]")}


def process_page(html: str, rel: str, print_page: str, site_name: str) -> tuple[str, set[str]]:
    """One page's finished HTML in, the fixed and compacted HTML and its ids out."""
    tree = LexborHTMLParser(html)
    repair_markup(tree)
    quiet_permalinks(tree)
    if rel == print_page:
        relative_config_base(tree, "../" * rel.count("/") or ".", rel)
        tree.unwrap_tags(["abbr"])  # paper has no hover: a term is plain text there
        paper_print_page(tree)
    else:
        drop_print_site_assets(tree)
        running_header(tree)
        keys_to_page_end(tree)
    site_name_header(tree, site_name)
    defer_bundle(tree, rel)
    ids = page_ids(tree)
    return compact(tree.html or ""), ids


def run(site: Path, print_page: str, site_name: str, skip: Callable[[str], bool] = lambda rel: False) -> Pass:
    """The pass over every HTML page of a built site; `skip` leaves pages as they are
    (e.g. the tiny redirect pages, which carry no theme)."""
    found = Pass()
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if skip(rel):
            continue
        html, ids = process_page(path.read_text(encoding="utf-8"), rel, print_page, site_name)
        path.write_text(html, encoding="utf-8")
        found.ids[rel] = ids
    return found


def redirect_target(markup: str) -> str | None:
    """Where a redirect page (a short link, `<meta http-equiv="refresh" content="0; url=…">`)
    sends the reader, as written in it; None for any other page."""
    meta = LexborHTMLParser(markup).css_first('meta[http-equiv="refresh"]')
    content = _attr(meta, "content") if meta is not None else ""
    _, found, url = content.partition("url=")
    return url.strip() or None if found else None


def offline_copy(markup: str, rel: str = "", redirects: Mapping[str, str] | None = None) -> str:
    """A page (`rel`: its path in the site) as it goes into the offline zip: what needs the
    online site (the downloads, which the zip leaves out) removed, so no button or sentence
    there points at a file that is not in the zip; a link to a redirect page that the zip
    leaves out (`redirects`: its path -> its target, both site paths) points at the target.
    Other pages come back unchanged."""
    moved = {}
    if redirects:
        here = posixpath.dirname(rel)
        moved = {posixpath.relpath(path, here or "."): target for path, target in redirects.items()}
    if ONLINE_ONLY not in markup and not any(f"href={h}" in markup or f'href="{h}"' in markup for h in moved):
        return markup
    tree = LexborHTMLParser(markup)
    for passage in tree.css(f".{ONLINE_ONLY}"):
        passage.decompose()
    for link in tree.css("a[href]"):
        target = moved.get(_attr(link, "href"))
        if target is not None:
            path, _, anchor = target.partition("#")
            link.attrs["href"] = posixpath.relpath(path, posixpath.dirname(rel) or ".") + (
                f"#{anchor}" if anchor else ""
            )
    return compact(tree.html or "")


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
