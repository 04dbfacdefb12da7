"""The engine knows no course: no file of it (macros/, overrides/, tools/, outside vendored
code) names the Sales course, its cases or its concepts. The course is mkdocs.yml, docs/,
data/, diagrams/ and exercises/; tests/ may name it."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from macros.concepts import load_concepts
from tests.sales import CONCEPTS_FILE, DATA_DIR, ROOT

ENGINE = ("macros", "overrides", "tools")
SKIP = {"vendor", "node_modules", "__pycache__"}
TEXT = {".py", ".js", ".css", ".html", ".yml", ".md", ".txt", ".cjs", ".json"}


def sales_words() -> set[str]:
    """What only the Sales course says: its name, the names in its cases, and its concepts'
    ids, multi-word terms and abbreviations (single ordinary words such as "service" are
    words of any course)."""
    cases = yaml.safe_load((DATA_DIR / "cases.yml").read_text(encoding="utf-8"))["cases"]
    words = {"sales"} | {name for names in cases.values() for name in names}
    for concept in load_concepts(CONCEPTS_FILE).values():
        words |= {w for w in (concept.id, concept.term) if "-" in w or " " in w}
        if concept.abbr and len(concept.abbr) >= 3:
            words.add(concept.abbr)
    return words


def engine_files() -> list[Path]:
    return sorted(
        p
        for folder in ENGINE
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and p.suffix in TEXT and not SKIP & set(p.relative_to(ROOT).parts)
    )


def test_the_word_list_finds_what_it_looks_for() -> None:
    words = sales_words()
    assert {"sales", "Hanzeboon", "NPS"} <= words, sorted(words)[:20]


def test_no_engine_file_names_the_sales_course() -> None:
    words = sorted(sales_words(), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])", re.IGNORECASE)
    found = [
        f"{path.relative_to(ROOT)}:{n}: {match.group(0)}"
        for path in engine_files()
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        for match in pattern.finditer(line)
    ]
    assert found == []
