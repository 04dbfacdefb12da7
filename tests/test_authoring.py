"""Authoring mistakes that used to pass (or blame the wrong thing): each is
refused with one line naming the file and key, or the page and line, exit 1,
and the previous site/ and dist/ untouched. One row per class. A row found in a
page or in the finished pages runs `python -m tools.build` on a temporary copy of
the project; a row found when the course's data is loaded checks the loader's line
in-process (the build prints that line: test_bad_input's
test_bad_data_fails_the_build_with_the_loaders_line)."""

from __future__ import annotations

import pytest

from macros import register
from tests.sales import SETTINGS

from . import test_bad_input as bad
from .conftest import ROOT, Built
from .test_bad_input import CONCEPTS, LADDER, PAGE, Case, append, edit

COMMON_WORDS = SETTINGS.common_words
END = len((ROOT / PAGE).read_text(encoding="utf-8").splitlines())  # an appended "\n<x>" lands on END + 2

# Two rubric lines of the first open question (h1/klant.md).
QUESTIONS = (
    "Vier passende vragen (consument of bedrijf; zelf gebruiken of doorverkopen; vaste of eenmalige klant; "
    "verwachtingen), 1 punt per vraag"
)
CONSEQUENCES = "Twee concrete gevolgen voor het aanbod die logisch uit een antwoord volgen, 1 punt per gevolg"

AUTHORING = [
    Case(
        "two headings with one id on a page",
        append(PAGE, "\n## Nog eens { #loyale-klant }\n"),
        (f"{PAGE}:{END + 2}:", "two headings have the id '#loyale-klant'"),
    ),
    Case(
        "./ in a register page path",
        edit(CONCEPTS, "    page: h1/klant.md\n", "    page: ./h1/klant.md\n"),
        (CONCEPTS, "concepts[0].page", "without './'", "'h1/klant.md'?"),
    ),
    Case(
        "a {# ... #} pair that swallows text",
        append(PAGE, "\n## Extra {#extra}\n\nVerdwenen tekst.\n\nOok weg. #}\n"),
        (f"{PAGE}:{END + 2}:", "opens a Jinja comment"),
    ),
    Case(
        "a tooltip word that occurs on no page",
        edit(
            CONCEPTS, "    tooltip: [NPS, Net Promoter Score]\n", "    tooltip: [NPS, Net Promotor Score]\n"
        ),
        (CONCEPTS, "concepts[nps].tooltip[1]", "'Net Promotor Score' occurs on no page"),
    ),
    Case(
        "a tooltip word in the wrong case",
        edit(
            CONCEPTS, "    tooltip: [NPS, Net Promoter Score]\n", "    tooltip: [NPS, net promoter score]\n"
        ),
        (CONCEPTS, "concepts[nps].tooltip[1]", "'net promoter score' occurs on no page"),
    ),
    Case(
        "an everyday word as a tooltip",
        edit(CONCEPTS, "    tooltip: [NPS, Net Promoter Score]\n", "    tooltip: [NPS, bedrijven]\n"),
        (CONCEPTS, "concepts[", ".tooltip[1]", "'bedrijven' is an ordinary word"),
    ),
    Case(
        "two concepts with one term",
        edit(CONCEPTS, "    term: Loyale klant\n", "    term: klanten  kennen\n"),
        (
            CONCEPTS,
            "concepts[1].term",
            "'klanten kennen' is the term of both 'klanten-kennen' and 'loyale-klant'",
        ),
    ),
    Case(
        "a diagram label within its length that is too wide (characters missing from the width table)",
        edit(
            LADDER,
            "  - concept: klantbewustheid\n",
            "  - concept: klantbewustheid\n    term: '@@@@ @@@@ @@@@ @@@@ @@@@ @@@@'\n",
        ),
        (LADDER, "steps[0].term", "label too wide"),
    ),
    Case(
        "questions for a page that shows no quiz",
        edit(PAGE, "{{ quiz() }}\n", "\n"),
        (bad.QUIZZES, "h1/klant.md", "shows no quiz", "{{ quiz() }}"),
    ),
    Case(
        "two rubric points with one text",
        edit(bad.QUIZZES, f'"{CONSEQUENCES}"', f'"{QUESTIONS}"'),
        (bad.QUIZZES, "rubric[2].point", "two rubric points with the same text"),
    ),
    Case(
        "Markdown in an option",
        edit(bad.QUIZZES, "      - correct: B2R\n", '      - correct: "**B2R**"\n'),
        (bad.QUIZZES, "options[2]", "an option is plain text: '**'"),
    ),
    Case(
        "a link in an option",
        edit(bad.QUIZZES, "      - correct: B2R\n", '      - correct: "[B2R](klant.md)"\n'),
        (bad.QUIZZES, "options[2]", "an option is plain text: '[B2R]('"),
    ),
    Case(
        "a page twice in the nav",
        edit(
            "mkdocs.yml",
            "      - 1.11 Samenvatting: h1/samenvatting.md\n",
            "      - 1.11 Samenvatting: h1/samenvatting.md\n      - Nog eens: h1/klant.md\n",
        ),
        ("mkdocs.yml: nav:", "'h1/klant.md' is listed twice"),
    ),
]


# Refused when MkDocs reads the page (the macros' pre-page hook): checked in-process with
# MkDocs' own step for a page (test_bad_input.Pages; test_page_errors builds a copy for such a
# case and shows the build prints exactly that line).
IN_THE_PAGE = {"a {# ... #} pair that swallows text"}

# Refused by the engine's checks on the finished site (macros.outputs.run) before it reads
# any page: checked in-process, with MkDocs' nav step for the changed nav (it must let the nav
# through, so the build reaches those checks).
IN_THE_NAV = {"a page twice in the nav"}

# Refused by the build's step macros.outputs.study_data once MkDocs wrote the pages: checked
# in-process on the built site's pages, the changed page read with MkDocs' own step for a page.
IN_THE_STUDY_DATA = {"questions for a page that shows no quiz"}

# Refused when the course's data is loaded (macros.load_site), before any page is built.
IN_THE_DATA = {
    "./ in a register page path",
    "an everyday word as a tooltip",
    "two concepts with one term",
    "a diagram label within its length that is too wide (characters missing from the width table)",
    "two rubric points with one text",
    "Markdown in an option",
    "a link in an option",
}


@pytest.mark.build
@pytest.mark.parametrize(
    "case",
    [c for c in AUTHORING if c.name not in IN_THE_DATA | IN_THE_PAGE | IN_THE_NAV | IN_THE_STUDY_DATA],
    ids=lambda c: c.name,
)
def test_authoring_mistake_is_refused(tmp_path, case: Case) -> None:  # type: ignore[no-untyped-def]
    bad.refused(tmp_path, case)


@pytest.mark.parametrize("case", [c for c in AUTHORING if c.name in IN_THE_PAGE], ids=lambda c: c.name)
def test_page_mistake_is_refused_in_one_line(tmp_path, case: Case) -> None:  # type: ignore[no-untyped-def]
    pages = bad.Pages(tmp_path / "course")
    errors, _ = pages.errors(
        PAGE.removeprefix("docs/"), bad.changed_page(tmp_path / "page", PAGE, case.change)
    )
    assert len(errors) == 1 and "Traceback" not in errors[0], errors
    for needle in case.expect:
        assert needle in errors[0], f"{needle!r} not in {errors[0]!r}"


@pytest.mark.parametrize("case", [c for c in AUTHORING if c.name in IN_THE_DATA], ids=lambda c: c.name)
def test_data_mistake_is_refused_in_one_line(tmp_path, case: Case) -> None:  # type: ignore[no-untyped-def]
    bad.test_bad_data_is_one_line_naming_file_and_key(tmp_path, case)


def test_nav_pages_keeps_repeats_and_skips_links() -> None:
    nav = [
        {"Home": "index.md"},
        {"H1": ["h1/index.md", {"A": "h1/a.md"}, {"B": "h1/a.md"}]},
        {"X": "https://x.nl"},
    ]
    assert register.nav_pages(nav) == ["index.md", "h1/index.md", "h1/a.md", "h1/a.md"]


def test_heading_ids_keep_repeats() -> None:
    ids = register.heading_ids('<h2 id="a">A</h2><p id="b">x</p><h3 id=a>B</h3><h4>C</h4>')
    assert ids == ["a", "a"]


def test_everyday_plurals_are_common_words() -> None:
    assert {"bedrijven", "klanten", "producten"} <= COMMON_WORDS


def test_heading_line_names_the_second_heading_not_a_link() -> None:
    from macros.outputs import heading_line

    source = "# T\n\n## A { #a }\n\nZie [x](#a).\n\n## B { #ab }\n\n## C {: #a }\n"
    assert heading_line(source, "a") == 9
    assert heading_line(source, "ab") is None


@pytest.mark.parametrize("case", [c for c in AUTHORING if c.name in IN_THE_NAV], ids=lambda c: c.name)
def test_nav_mistake_is_refused_in_one_line(tmp_path, case: Case) -> None:  # type: ignore[no-untyped-def]
    """tools/build.py prints outputs.run's OutputError as is (test_authoring_mistake_is_refused
    shows it for the checks on the finished pages)."""
    import contextlib

    from macros import outputs
    from macros.course import Course

    pages = bad.Pages(tmp_path / "course", case.change)
    assert pages.nav_errors() == []
    (tmp_path / "site").mkdir()
    with contextlib.chdir(pages.project), pytest.raises(outputs.OutputError) as caught:
        outputs.run(
            Course(pages.project), tmp_path / "site", outputs.load_site_info(pages.project / "mkdocs.yml")
        )
    message = str(caught.value)
    assert "\n" not in message, message
    for needle in case.expect:
        assert needle in message, f"{needle!r} not in {message!r}"


@pytest.mark.parametrize("case", [c for c in AUTHORING if c.name in IN_THE_STUDY_DATA], ids=lambda c: c.name)
def test_study_data_mistake_is_refused_in_one_line(built: Built, tmp_path, case: Case) -> None:  # type: ignore[no-untyped-def]
    """The pages of the built site, the changed page as MkDocs renders it; tools/build.py prints
    study_data's DataError as is (test_published_ids.test_build_refuses_on_a_copy)."""
    import contextlib

    from macros import outputs
    from macros.course import Course
    from macros.errors import DataError

    course = bad.Pages(tmp_path / "course")
    errors, html = course.errors(
        PAGE.removeprefix("docs/"), bad.changed_page(tmp_path / "page", PAGE, case.change)
    )
    assert errors == [] and html, errors
    info = outputs.load_site_info(course.project / "mkdocs.yml")
    pages = {page: outputs.page_content(built.site, page) for page in outputs.nav_pages(info.nav)}
    with contextlib.chdir(course.project):
        outputs.study_data(Course(course.project), {}, info.nav, pages)  # the pages as built pass
        with pytest.raises(DataError) as caught:
            outputs.study_data(
                Course(course.project), {}, info.nav, {**pages, PAGE.removeprefix("docs/"): html}
            )
    message = str(caught.value)
    assert "\n" not in message, message
    for needle in case.expect:
        assert needle in message, f"{needle!r} not in {message!r}"
