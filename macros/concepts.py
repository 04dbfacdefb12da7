"""The concept register (macros/data/concepts.yml): one entry per concept."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .schema import DATA_DIR, load_root

CONCEPTS_FILE = DATA_DIR / "concepts.yml"


@dataclass(frozen=True)
class Concept:
    id: str
    term: str
    definition: str
    page: str
    anchor: str
    abbr: str | None = None
    en: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def html_path(self) -> str:
        """Site-relative URL of the explaining page (use_directory_urls: false)."""
        return self.page[: -len(".md")] + ".html"

    @property
    def href(self) -> str:
        return f"{self.html_path}#{self.anchor}"


def load_concepts(path: Path = CONCEPTS_FILE, docs_dir: Path | None = None) -> dict[str, Concept]:
    """Load and check the register; ids must be unique, pages must exist."""
    root = load_root(path)
    out: dict[str, Concept] = {}
    for node in root.children("concepts"):
        cid = node.slug("id")
        if cid in out:
            raise DataError(node.source, f"duplicate concept id {cid!r}", node.path("id"))
        page = node.text("page")
        if not page.endswith(".md"):
            raise DataError(node.source, f"{page!r} is not a .md page", node.path("page"))
        if docs_dir is not None and not (docs_dir / page).is_file():
            raise DataError(node.source, f"page {page!r} does not exist in docs/", node.path("page"))
        out[cid] = Concept(
            id=cid,
            term=node.text("term"),
            definition=node.text("definition"),
            page=page,
            anchor=node.slug("anchor"),
            abbr=node.optional_text("abbr"),
            en=node.optional_text("en"),
            aliases=tuple(node.strings("aliases")),
        )
    return out


def check_references(source: str, ids: list[str], concepts: dict[str, Concept]) -> None:
    """Every concept id that data or a page refers to must be in the register."""
    for cid in ids:
        if cid not in concepts:
            raise DataError(source, f"unknown concept id {cid!r} (not in macros/data/concepts.yml)")
