"""The register's extra search words go into the search index as the section's `tags`.

macros.tooltips puts them in a hidden paragraph ("Zoektermen: …") at the end of a
concept's section, so that any search indexer finds them. Material's indexer keeps the
paragraph in the section's text, and its result preview would then show the words
(misspellings from the notes included). After the build this pass moves them out of the
text into the entry's `tags` field: Material searches tags with the highest boost (so an
abbreviation lands on the section that defines it) and extra.css hides tag chips in
results. Parsed with a real HTML parser, on both copies of the index
(search_index.json online, search_index.js for file://, written by the offline plugin).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from .concepts import Concept

PREFIX = "Zoektermen: "
SEPARATOR = " · "
JS_PREFIX = "var __index = "
# Material weighs tags 1e6 (for its tags plugin); our tags are search words, worth about
# a third of a title: the section that defines a term ranks high, ordinary words do not
# swamp the results (tests/search_queries.yml passes with 100 and 300, not with 1000).
TAGS_BOOST = 300.0


def split_terms(text: str) -> tuple[str, list[str]]:
    """An entry's HTML text without its "Zoektermen" paragraphs, and their words."""
    if PREFIX not in text:
        return text, []
    tree = LexborHTMLParser(f"<body>{text}</body>")
    terms: list[str] = []
    for node in tree.css("p"):
        content = node.text()
        if content.startswith(PREFIX):
            words = (t.strip() for t in content.removeprefix(PREFIX).split(SEPARATOR))
            terms.extend(w for w in words if w)
            node.decompose()
    body = tree.body
    html = body.inner_html if body is not None else ""
    return (html or "").strip(), terms


def move_terms(index: dict[str, Any], names: Mapping[str, list[str]] | None = None) -> int:
    """Move every entry's search words into its tags, and give the section that defines
    a concept its names (`names`: location -> abbreviation and term) as tags too, so a
    search for them lands there first. Returns how many entries changed."""
    index.setdefault("config", {}).setdefault("fields", {})["tags"] = {"boost": TAGS_BOOST}
    changed = 0
    for doc in index.get("docs", []):
        text, terms = split_terms(doc.get("text", ""))
        terms = [*(names or {}).get(doc.get("location", ""), []), *terms]
        if not terms:
            continue
        doc["text"] = text
        doc["tags"] = list(dict.fromkeys([*doc.get("tags", []), *terms]))
        changed += 1
    return changed


def concept_names(concepts: Iterable[Concept]) -> dict[str, list[str]]:
    """location (page.html#anchor) -> the abbreviations and terms defined there."""
    out: dict[str, list[str]] = {}
    for c in concepts:
        out.setdefault(c.href, []).extend(n for n in (c.abbr, c.term) if n)
    return out


def rewrite(site: Path, concepts: Iterable[Concept] = ()) -> int:
    """Both copies of the index, if present; returns the entries changed in the JSON one."""
    changed = 0
    json_file = site / "search" / "search_index.json"
    if json_file.is_file():
        index = json.loads(json_file.read_text(encoding="utf-8"))
        names = concept_names(concepts)
        changed = move_terms(index, names)
        json_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    js_file = site / "search" / "search_index.js"
    if js_file.is_file():
        source = js_file.read_text(encoding="utf-8")
        if not source.startswith(JS_PREFIX):
            raise ValueError(f"{js_file}: expected the offline plugin's '{JS_PREFIX}…'")
        index = json.loads(source.removeprefix(JS_PREFIX).rstrip().rstrip(";"))
        move_terms(index, concept_names(concepts))
        js_file.write_text(
            JS_PREFIX + json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
    return changed
