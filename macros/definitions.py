"""A concept's definition: inline Markdown (bold, italics, links to docs pages or full
URLs), rendered as HTML for the glossary and as plain text for tooltips and flashcards.
Nothing here knows a concept, so the register's loader (macros/concepts.py) and its
outputs (macros/register.py) both use it without importing each other."""

from __future__ import annotations

import copy
import functools
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import markdown  # type: ignore[import-untyped]


def relative(href: str, depth: int) -> str:
    """A site-relative URL as seen from a page `depth` folders deep."""
    return "../" * depth + href


# -- definitions ----------------------------------------------------------------
# A definition is inline Markdown: **bold**, *italics*, [links](h1/pagina.md#anker) to a
# docs page (as in the register's `page`) or to a full URL. It renders as HTML in the
# glossary and as plain text in tooltips and flashcards. Raw HTML is shown as text.
_VOID = {"br", "hr", "img", "wbr"}


class _Fragment(HTMLParser):
    """An HTML fragment (Python-Markdown's output) as an element tree."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = ET.Element("div")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = ET.SubElement(self.stack[-1], tag, {k: v or "" for k, v in attrs})
        if tag not in _VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


@functools.lru_cache(maxsize=4096)  # bounded: `make serve` sees edited definitions come and go
def _definition_tree(text: str) -> ET.Element:
    # No extensions: only core inline syntax. `<` as an entity, so raw HTML is text.
    rendered = markdown.markdown(text.replace("<", "&lt;"))
    parser = _Fragment()
    parser.feed(rendered)
    parser.close()
    return parser.root


def definition_blocks(text: str, depth: int = 0) -> list[ET.Element]:
    """A definition as HTML block elements (usually one <p>), for the glossary.
    Links to docs pages become site-relative .html links seen from `depth`."""
    blocks = [copy.deepcopy(child) for child in _definition_tree(text)]
    for block in blocks:
        for link in block.iter("a"):
            target = _docs_link(link.get("href", ""))
            if target is not None:
                page, _, fragment = target.partition("#")
                url = page.removesuffix(".md") + ".html" + (f"#{fragment}" if fragment else "")
                link.set("href", relative(url, depth))
    return blocks


def definition_text(text: str) -> str:
    """A definition as plain text, for tooltips and flashcards."""
    return " ".join("".join(_definition_tree(text).itertext()).split())


def _docs_link(href: str) -> str | None:
    """A link to a docs page (h1/pagina.md#anker), else None (full URL, #anchor)."""
    if not href or href.startswith(("#", "/")) or ":" in href.partition("#")[0]:
        return None
    return href


def definition_links(text: str) -> list[str]:
    """The docs pages a definition links to (without #anchor), to check they exist."""
    out = []
    for link in _definition_tree(text).iter("a"):
        target = _docs_link(link.get("href", ""))
        if target is not None:
            out.append(target.partition("#")[0])
    return out
