"""The register scales: a build with 1,000 extra concepts succeeds and every concept gets
its outputs (short link, glossary entry, search words). How long it takes is a budget of
`make bench` (tools/bench.py), not of this test: a busy machine must not turn it red.

The register is the engine's, whatever the course: the test builds the small course of
`make new-course` (tools/new_course.py) with the extra concepts, without the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros import register
from macros.concepts import load_concepts
from tools import new_course
from tools.bench import EXTRA_CONCEPTS, extra_concepts

from .test_bad_input import CONCEPTS, append
from .test_build_safety import build_course


@pytest.mark.build
def test_thousand_extra_concepts_build(tmp_path: Path) -> None:
    project = tmp_path / "cursus"
    new_course.write(project, new_course.DEFAULT_NAME)
    first = next(iter(load_concepts(project / CONCEPTS).values()))
    append(CONCEPTS, extra_concepts(EXTRA_CONCEPTS, project / CONCEPTS))(project)
    concepts = load_concepts(project / CONCEPTS)
    assert len(concepts) >= EXTRA_CONCEPTS + 1

    result = build_course(project)

    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    for concept in concepts.values():
        assert (site / register.short_url(concept)).is_file(), concept.id
    glossary = (site / "begrippen.html").read_text(encoding="utf-8")
    assert "<strong>test</strong>begrip nummer 999" in glossary
    # The extra search words went into the anchor's section on its page (the first concept's).
    page = (site / Path(first.page).with_suffix(".html")).read_text(encoding="utf-8")
    assert "proefbegrip999" in page
