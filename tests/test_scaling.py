"""The register scales: 1,000 extra concepts build in well under 15 s (the anchor
check is one set look-up per concept, the tooltips one pass over each page)."""

from __future__ import annotations

import time
from pathlib import Path

from macros import register
from macros.concepts import load_concepts

from .test_bad_input import CONCEPTS, append, copy_project, run_build

EXTRA = 1000
LIMIT_S = 15.0  # the contract; a normal build takes a few seconds


def extra_concepts(count: int) -> str:
    """Concepts on an existing page and anchor, each with a term, an alias and a
    Markdown definition."""
    return "".join(
        f"  - id: extra-{i}\n"
        f"    term: Extra begrip {i}\n"
        f"    definition: Een **test**begrip nummer {i}, zie [de klant](h1/klant.md#loyale-klant).\n"
        "    page: h1/klant.md\n"
        "    anchor: loyale-klant\n"
        f"    aliases: [proefbegrip{i}]\n"
        for i in range(count)
    )


def test_thousand_extra_concepts_build_fast(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    append(CONCEPTS, extra_concepts(EXTRA))(project)
    concepts = load_concepts(project / CONCEPTS)
    assert len(concepts) >= EXTRA + 1

    # The site itself, without the PDF and EPUB: they take about 10 s whatever the register
    # holds, and what this test measures is the register's cost (the anchor check once ran
    # once per concept per page: 2,000 concepts took 114 s).
    start = time.perf_counter()
    result = run_build(project, SALES_PAPER="0")
    elapsed = time.perf_counter() - start

    assert result.returncode == 0, result.stdout + result.stderr
    assert elapsed < LIMIT_S, f"build took {elapsed:.1f} s"
    site = project / "site"
    for concept in concepts.values():
        assert (site / register.short_url(concept)).is_file(), concept.id
    glossary = (site / "begrippen.html").read_text(encoding="utf-8")
    assert "<strong>test</strong>begrip nummer 999" in glossary
    # The extra search words went into the anchor's section on its page.
    page = (site / "h1/klant.html").read_text(encoding="utf-8")
    assert "proefbegrip999" in page
