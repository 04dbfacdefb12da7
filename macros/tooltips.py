"""Python-Markdown extension: the concept register's tooltips and extra search
words, added to each page's element tree (no editing of finished HTML).

    markdown_extensions:
      - macros.tooltips

- Tooltips: each word listed in a concept's `tooltip` (default: its abbreviation)
  becomes <abbr title="Term: definition"> (Material's content.tooltips shows the
  title), at most once per concept per section; a section runs from one heading
  to the next. Never inside headings, code, links or existing <abbr>.
- Search words (macros.register.search_terms): a hidden
  <p class="ss-search-terms" hidden>Zoektermen: …</p> at the end of a concept's
  section (the heading whose id is the concept's anchor, on the concept's page),
  only for words the section does not already contain.

Works wherever Python-Markdown runs the extension (MkDocs, Zensical, a plain
markdown.markdown call): it needs no MkDocs hook. The register is read through
macros.concepts.load_concepts, once per file version.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from markdown import Markdown, util  # type: ignore[import-untyped]
from markdown.extensions import Extension  # type: ignore[import-untyped]
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]

from . import register
from .concepts import Concept, load_concepts, tooltip_key

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# No tooltip inside these (a heading: the section itself explains the term, and the
# table of contents repeats headings; a link: no focus stop inside a focus stop).
NO_TOOLTIP = HEADINGS | {"a", "abbr", "code", "pre", "kbd", "samp", "script", "style", "dfn", "svg"}
# After attr_list (8) and toc (5) gave headings their ids; before unescape (0).
PRIORITY = 4


@dataclass(frozen=True)
class Register:
    """What the tree processor needs from the register, prepared once."""

    pattern: re.Pattern[str] | None
    by_key: Mapping[str, Concept]
    titles: Mapping[str, str]
    # page -> anchor -> extra search words; "" collects every page's (fallback).
    terms: Mapping[str, Mapping[str, list[str]]]

    @classmethod
    def build(cls, concepts: Mapping[str, Concept]) -> Register:
        by_key: dict[str, Concept] = {}
        for concept in concepts.values():
            for word in concept.tooltip:
                by_key[tooltip_key(word)] = concept
        alternatives = [_word_pattern(word) for word in sorted(by_key, key=len, reverse=True)]
        pattern = re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)") if alternatives else None
        terms: dict[str, dict[str, list[str]]] = {}
        for concept in concepts.values():
            words = register.search_terms(concept)
            for page in (concept.page, ""):
                terms.setdefault(page, {}).setdefault(concept.anchor, []).extend(words)
        titles = {c.id: register.tooltip_title(c) for c in concepts.values()}
        return cls(pattern, by_key, titles, terms)


def _word_pattern(key: str) -> str:
    first, rest = key[:1], key[1:]
    head = f"[{re.escape(first)}{re.escape(first.upper())}]" if first.upper() != first else re.escape(first)
    return head + r"\s+".join(re.escape(part) for part in rest.split(" "))


@lru_cache(maxsize=4)  # one per version of the register; bounded under make serve
def _register(path: str, mtime_ns: int, size: int) -> Register:
    return Register.build(load_concepts(Path(path)))


def load_register(path: Path) -> Register:
    """The register for `path`, re-read when the file changes (mkdocs serve)."""
    stat = path.stat()
    return _register(str(path), stat.st_mtime_ns, stat.st_size)


@dataclass
class _Section:
    anchor: str | None
    parent: ET.Element | None  # where the section's heading is
    heading: ET.Element | None
    text: list[str] = field(default_factory=list)


class TooltipTreeprocessor(Treeprocessor):  # type: ignore[misc]
    def __init__(self, md: Markdown, config: Mapping[str, Any]) -> None:
        super().__init__(md)
        self.config = config

    # -- which page -------------------------------------------------------------------
    def _page(self) -> str:
        """The page being converted, as a docs path (h1/pagina.md), or "" if unknown.
        The `page` option wins; under MkDocs 1.6 it is read from MkDocs' own link
        processor, which holds the page's File. Unknown (another tool): a concept's
        search words go to every section whose heading has the concept's anchor."""
        if self.config["page"]:
            return str(self.config["page"])
        try:
            relpath = self.md.treeprocessors["relpath"]
        except KeyError:
            return ""
        src_uri = getattr(getattr(relpath, "file", None), "src_uri", None)
        return src_uri if isinstance(src_uri, str) else ""

    # -- the walk ----------------------------------------------------------------------
    def run(self, root: ET.Element) -> None:
        reg = load_register(Path(self.config["concepts_file"]))
        self.reg = reg
        self.seen: set[str] = set()
        self.sections = [_Section(None, None, None)]
        self._walk(root, root, tooltips=True, indexed=True)
        terms = reg.terms.get(self._page(), {})
        following: list[_Section | None] = [*self.sections[1:], None]
        for section, after in reversed(list(zip(self.sections, following, strict=True))):
            words = terms.get(section.anchor or "") if section.anchor else None
            if not words:
                continue
            found = register.tokens("".join(section.text))  # inline pieces join as Material indexes them
            extra = list(dict.fromkeys(w for w in words if not register.already_findable(w, found)))
            if not extra:
                continue
            # Search-result previews may show this line, so it says what it is.
            hidden = ET.Element("p", {"class": "ss-search-terms", "hidden": ""})
            hidden.text = util.AtomicString("Zoektermen: " + " · ".join(extra))
            hidden.tail = "\n"
            if after is None or after.parent is None or after.heading is None:
                root.append(hidden)
            else:
                after.parent.insert(list(after.parent).index(after.heading), hidden)

    def _walk(self, parent: ET.Element, element: ET.Element, tooltips: bool, indexed: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in HEADINGS:
            # A new section: tooltips may appear once more, search words start over.
            self.sections.append(_Section(element.get("id"), parent, element))
            self.seen = set()
        tooltips = tooltips and tag not in NO_TOOLTIP
        indexed = indexed and "data-search-exclude" not in element.attrib
        block = tag not in register.INLINE
        if indexed and block:
            self.sections[-1].text.append(" ")
        children = list(element)
        if element.text:
            if indexed:
                self._index(element.text)
            if tooltips and not isinstance(element.text, util.AtomicString):
                element.text, made = self._wrap(element.text)
                for i, abbr in enumerate(made):
                    element.insert(i, abbr)
        for child in children:
            self._walk(element, child, tooltips, indexed)
            if not child.tail:
                continue
            if indexed:
                self._index(child.tail)
            if tooltips and not isinstance(child.tail, util.AtomicString):
                child.tail, made = self._wrap(child.tail)
                if made:
                    at = list(element).index(child) + 1
                    for i, abbr in enumerate(made):
                        element.insert(at + i, abbr)
        if indexed and block:
            self.sections[-1].text.append(" ")

    def _index(self, text: str) -> None:
        """Text as the search index sees it; stashed raw HTML (diagrams, quizzes)
        through the same reader that leaves out data-search-exclude."""
        out = self.sections[-1].text
        pos = 0
        for match in util.HTML_PLACEHOLDER_RE.finditer(text):
            out.append(text[pos : match.start()])
            index = int(match.group(1))
            blocks = self.md.htmlStash.rawHtmlBlocks
            if index < len(blocks):
                raw = blocks[index]
                out.append(register.indexed_text(raw) if isinstance(raw, str) else " ".join(raw.itertext()))
            pos = match.end()
        out.append(text[pos:])

    def _wrap(self, text: str) -> tuple[str, list[ET.Element]]:
        """Split text into leading text and <abbr> elements (each with its tail)."""
        if self.reg.pattern is None:
            return text, []
        lead = text
        made: list[ET.Element] = []
        pos = 0
        for match in self.reg.pattern.finditer(text):
            concept = self.reg.by_key.get(tooltip_key(match.group(0)))
            if concept is None or concept.id in self.seen:
                continue
            self.seen.add(concept.id)
            abbr = ET.Element("abbr", {"title": self.reg.titles[concept.id]})
            abbr.text = util.AtomicString(match.group(0))
            if made:
                made[-1].tail = text[pos : match.start()]
            else:
                lead = text[: match.start()]
            made.append(abbr)
            pos = match.end()
        if made:
            made[-1].tail = text[pos:]
        return lead, made


class TooltipExtension(Extension):  # type: ignore[misc]
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "concepts_file": [
                "data/concepts.yml",
                "The course's concept register (relative to the folder the build runs in).",
            ],
            "page": ["", "The page being converted (docs path); found automatically under MkDocs."],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # Nothing is loaded here: MkDocs builds every extension while it checks
        # mkdocs.yml, and a data error must come out as one line from the loaders.
        md.treeprocessors.register(TooltipTreeprocessor(md, self.getConfigs()), "ss_tooltips", PRIORITY)


def makeExtension(**kwargs: Any) -> TooltipExtension:
    return TooltipExtension(**kwargs)
