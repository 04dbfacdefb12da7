"""The concept register (the course's data/concepts.yml): one entry per concept."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .course import load_settings
from .definitions import definition_links
from .errors import DataError
from .schema import Node, load_file

# A tooltip is for a term a reader may not know: nothing shorter than three characters
# gets one, nor any of the course's ordinary words (`common_words` in data/course.yml).
MIN_TOOLTIP_LENGTH = 3


@dataclass(frozen=True)
class Concept:
    id: str
    term: str
    definition: str  # inline Markdown (bold, italics, links); see macros.definitions
    page: str
    anchor: str
    abbr: str | None = None
    en: str | None = None
    aliases: tuple[str, ...] = ()
    # The exact words in a page's text that get this concept's tooltip.
    tooltip: tuple[str, ...] = ()
    # True when `tooltip:` lists the words (then each must occur in the pages);
    # false when they default to the abbreviation, which a page need not use.
    tooltip_listed: bool = False

    @property
    def html_path(self) -> str:
        """Site-relative URL of the explaining page (use_directory_urls: false)."""
        return self.page[: -len(".md")] + ".html"

    @property
    def href(self) -> str:
        return f"{self.html_path}#{self.anchor}"


def tooltip_key(word: str) -> str:
    """How a tooltip word is matched in a page: spaces as any white space, the first
    letter in either case (sentence start or mid-sentence), the rest exactly."""
    word = " ".join(word.split())
    return word[:1].casefold() + word[1:]


def _tooltip_words(node: Node, abbr: str | None) -> tuple[str, ...]:
    """`tooltip:` as written; without it, the abbreviation (if any)."""
    words = node.strings("tooltip")  # also marks the key as known
    if node.value.get("tooltip") is None:
        return (abbr,) if abbr else ()
    return tuple(words)


def _check_tooltip_word(node: Node, word: str, key: str, common: frozenset[str]) -> None:
    if len(word) < MIN_TOOLTIP_LENGTH:
        raise DataError(node.source, f"{word!r} is too short for a tooltip (at least 3 characters)", key)
    if word.casefold() in common:
        raise DataError(
            node.source, f"{word!r} is an ordinary word and gets no tooltip (remove it from tooltip)", key
        )


def load_concepts(path: Path, docs_dir: Path | None = None) -> dict[str, Concept]:
    """Load and check the register; ids must be unique, pages must exist,
    abbreviations and tooltip words must be unique and worth a tooltip.
    The one loader of the register: the macros, the hooks and the Markdown
    extension share its result, read again only when the file or the course's
    settings (data/course.yml next to it: the ordinary words) change."""
    common = load_settings(path.parent).common_words
    stat = path.stat() if path.is_file() else None
    if stat is None:
        return load_file(path, lambda root: _load(root, docs_dir, common))  # raises "data file not found"
    return dict(_cached(str(path), stat.st_mtime_ns, stat.st_size, str(docs_dir) if docs_dir else "", common))


@lru_cache(maxsize=8)
def _cached(path: str, mtime_ns: int, size: int, docs_dir: str, common: frozenset[str]) -> dict[str, Concept]:
    return load_file(Path(path), lambda root: _load(root, Path(docs_dir) if docs_dir else None, common))


def _load(root: Node, docs_dir: Path | None, common: frozenset[str]) -> dict[str, Concept]:
    out: dict[str, Concept] = {}
    abbr_owner: dict[str, str] = {}
    term_owner: dict[str, str] = {}
    word_owner: dict[str, str] = {}
    for node in root.children("concepts"):
        cid = node.slug("id")
        if cid in out:
            raise DataError(node.source, f"duplicate concept id {cid!r}", node.path("id"))
        page = node.text("page")
        if posixpath.normpath(page) != page or page.startswith(("/", "../")):
            raise DataError(
                node.source,
                f"write the page as a docs path without './', '..' or '//' ({posixpath.normpath(page)!r}?)",
                node.path("page"),
            )
        if not page.endswith(".md"):
            raise DataError(node.source, f"{page!r} is not a .md page", node.path("page"))
        if docs_dir is not None and not (docs_dir / page).is_file():
            raise DataError(node.source, f"page {page!r} does not exist in docs/", node.path("page"))
        definition = node.text("definition")
        if docs_dir is not None:
            for target in definition_links(definition):
                if not (docs_dir / target).is_file():
                    raise DataError(
                        node.source,
                        f"link to {target!r}: no such page in docs/ (write a docs path: h1/pagina.md#anker)",
                        node.path("definition"),
                    )
        term = node.text("term")
        other = term_owner.setdefault(" ".join(term.casefold().split()), cid)
        if other != cid:
            raise DataError(
                node.source, f"{term!r} is the term of both {other!r} and {cid!r}", node.path("term")
            )
        abbr = node.optional_text("abbr")
        if abbr:
            other = abbr_owner.setdefault(abbr.casefold(), cid)
            if other != cid:
                raise DataError(
                    node.source,
                    f"{abbr!r} is the abbreviation of both {other!r} and {cid!r}",
                    node.path("abbr"),
                )
        words = _tooltip_words(node, abbr)
        for i, word in enumerate(words):
            key = node.path(f"tooltip[{i}]") if node.value.get("tooltip") is not None else node.path("abbr")
            _check_tooltip_word(node, word, key, common)
            other = word_owner.setdefault(tooltip_key(word), cid)
            if other != cid:
                raise DataError(
                    node.source, f"tooltip word {word!r} belongs to both {other!r} and {cid!r}", key
                )
        out[cid] = Concept(
            id=cid,
            term=term,
            definition=definition,
            page=page,
            anchor=node.slug("anchor"),
            abbr=abbr,
            en=node.optional_text("en"),
            aliases=tuple(node.strings("aliases")),
            tooltip=words,
            tooltip_listed=node.value.get("tooltip") is not None,
        )
    return out


def check_references(source: str, ids: list[str], concepts: dict[str, Concept]) -> None:
    """Every concept id that data or a page refers to must be in the register."""
    for cid in ids:
        if cid not in concepts:
            raise DataError(source, f"unknown concept id {cid!r} (not in data/concepts.yml)")
