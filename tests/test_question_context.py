"""A question carries its context (issue 17): the `context:` declaration in quizzes.yml, the
build's refusal of a question that needs a case or a table without declaring it (names from
data/cases.yml), and the section HTML that macros/study.py puts into the study data."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros import study
from macros.errors import DataError
from macros.quiz import Context, load_quizzes
from tests.sales import CASES_FILE, QUIZZES_FILE, SETTINGS

QUESTION = """\
  - id: {qid}
    type: mc
    question: "{text}"
    options:
      - correct: "Ja"
      - "Nee"
    explanation: "Omdat."
"""
CASES = """\
pointers: [casus, tabel, schema, figuur]
cases:
  h1/casus.md: [Hanzeboon, Sanne]
"""


def write(tmp_path: Path, quizzes: str, cases: str = CASES) -> Path:
    (tmp_path / CASES_FILE.name).write_text(cases, encoding="utf-8")
    path = tmp_path / QUIZZES_FILE.name
    path.write_text(quizzes, encoding="utf-8")
    return path


def test_every_case_question_in_the_data_declares_a_context_that_exists_in_its_page() -> None:
    quizzes = load_quizzes(QUIZZES_FILE)
    for page in ("h1/casus.md", "h2/casus.md"):
        for q in quizzes[page]:
            assert q.context, q.id
            assert all(c.page == page for c in q.context), q.id
    assert len([q for qs in quizzes.values() for q in qs]) == 164


@pytest.mark.parametrize(
    ("page", "text", "needle"),
    [
        ("h1/klant.md", "Welke accountmanager van Hanzeboon werkt volgens Sales 3.0?", "'Hanzeboon'"),
        ("h1/klant.md", "Wat zegt Sanne?", "'Sanne'"),
        ("h1/klant.md", "Bereken met de tabel de NPS.", "'tabel'"),
        ("h1/klant.md", "Welke formulering uit de casus is een target?", "'casus'"),
        ("h1/klant.md", "Wat toont het Schema bovenaan?", "'schema'"),
        ("h1/casus.md", "Welk percentage van de 90 contactpersonen werd klant?", "the case page h1/casus.md"),
    ],
)
def test_a_question_that_needs_context_without_declaring_it_is_refused(
    tmp_path: Path, page: str, text: str, needle: str
) -> None:
    path = write(tmp_path, f"{page}:\n" + QUESTION.format(qid="vraag-een", text=text))
    with pytest.raises(DataError) as error:
        load_quizzes(path)
    message = str(error.value)
    assert message.startswith(f"{path}: {page}[0].context: ")
    assert "'vraag-een'" in message and needle in message
    assert "\n" not in message


def test_ordinary_words_are_not_case_names(tmp_path: Path) -> None:
    # Matched as whole names / at the start of a word: "Sannes" is not "Sanne" + nothing else,
    # "tabellen" does point at a table, "ketabel" (not a word) does not.
    path = write(
        tmp_path,
        "h1/klant.md:\n" + QUESTION.format(qid="vraag-een", text="Wat doet een verkoper in Zwolle?"),
    )
    assert load_quizzes(path)["h1/klant.md"][0].context == ()


def test_context_forms_and_their_errors(tmp_path: Path) -> None:
    good = (
        "h1/casus.md:\n"
        + QUESTION.format(qid="vraag-een", text="Welke accountmanager van Hanzeboon?")
        + "    context: [kantoren, h1/casus.md#bedrijf]\n"
        + "h1/klant.md:\n"
        + QUESTION.format(qid="vraag-twee", text="Wat zegt Sanne?")
        + "    context: [h1/casus.md#accountmanagers]\n"
    )
    quizzes = load_quizzes(write(tmp_path, good))
    (first,) = quizzes["h1/casus.md"]
    assert [c.key for c in first.context] == ["h1/casus.md#kantoren", "h1/casus.md#bedrijf"]
    assert first.context[0].where == "h1/casus.md[0].context[0]"
    assert [c.key for c in quizzes["h1/klant.md"][0].context] == ["h1/casus.md#accountmanagers"]

    for value, needle in (
        ("[Kantoren]", "is not a heading id"),
        ("[h1/casus#bedrijf]", "is not a heading id"),
        ("kantoren", "expected list"),
        ("[kantoren, kantoren]", "named twice"),
    ):
        bad = "h1/casus.md:\n" + QUESTION.format(qid="vraag-een", text="X?") + f"    context: {value}\n"
        with pytest.raises(DataError, match=needle):
            load_quizzes(write(tmp_path, bad))


def test_cases_file_is_strict(tmp_path: Path) -> None:
    quizzes = "h1/klant.md:\n" + QUESTION.format(qid="vraag-een", text="X?")
    with pytest.raises(DataError, match=r"cases\.yml: casess: unknown key"):
        load_quizzes(write(tmp_path, quizzes, CASES.replace("cases:", "casess:")))
    with pytest.raises(DataError, match=r"cases\.yml: cases\.h1/casus: keys must be page paths"):
        load_quizzes(write(tmp_path, quizzes, CASES.replace("h1/casus.md:", "h1/casus:")))


PAGE = (
    '<h1 id="titel">1.10 Casus</h1><p>Inleiding.</p>'
    '<h2 id="bedrijf">Het bedrijf<a class="headerlink" href="#bedrijf" title="Link">¶</a></h2>'
    '<p>Het <abbr title="Customer relationship management">CRM</abbr> en <a href="nps.html#nps">de NPS</a>, '
    'zie <a href="#kantoren">kantoren</a> en <a href="https://example.org/">extern</a>.</p>'
    '<h3 id="cijfers">Cijfers</h3><table><tr><td id="cel">1 &lt; 2</td></tr></table>'
    '<h2 id="kantoren">Groeien bij kantoren</h2><ul><li>90 contactpersonen</li></ul>'
    '<h2 id="vragen">Vragen</h2><div class="ss-quiz">quiz</div>'
)


def test_section_is_the_heading_up_to_the_next_of_its_level() -> None:
    title, body = study.section(PAGE, "h1/casus.md", "bedrijf")
    assert title == "Het bedrijf"
    # Sub-headings belong to the section; ids and permalinks go (the section is shown again
    # elsewhere); links become relative to the site root; text stays escaped.
    assert "<h3>Cijfers</h3>" in body and "1 &lt; 2" in body
    assert 'id="' not in body and "headerlink" not in body and "¶" not in body
    assert 'href="h1/nps.html#nps"' in body and 'href="h1/casus.html#kantoren"' in body
    assert 'href="https://example.org/"' in body
    assert "Groeien bij kantoren" not in body and "Inleiding" not in body
    kantoren = ("Groeien bij kantoren", "<ul><li>90 contactpersonen</li></ul>")
    assert study.section(PAGE, "h1/casus.md", "kantoren") == kantoren
    assert study.section(PAGE, "h1/casus.md", "cel") is None  # not a heading
    assert study.section(PAGE, "h1/casus.md", "bestaat-niet") is None


def test_contexts_go_into_the_study_data_once_each() -> None:
    key = "h1/casus.md#kantoren"
    c = Context("h1/casus.md", "kantoren", "h1/casus.md[0].context[0]")
    from macros.quiz import Option, Question, option_key

    options = (Option(option_key("Ja"), "Ja", True), Option(option_key("Nee"), "Nee", False))
    q1 = Question("een", "mc", "Hoeveel?", "Zo.", options, context=(c,))
    q2 = Question("twee", "mc", "Wie?", "Zo.", options, context=(c,))
    quizzes = {"h1/casus.md": (q1, q2)}
    contexts = study.contexts(quizzes, {"h1/casus.md": PAGE}, QUIZZES_FILE)
    assert list(contexts) == [key]
    assert contexts[key] == {
        "title": "Groeien bij kantoren",
        "page": "h1/casus.md",
        "href": "h1/casus.html#kantoren",
        "html": "<ul><li>90 contactpersonen</li></ul>",
    }
    nav = [{"1 H": [{"1.10 Casus": "h1/casus.md"}]}]
    data = study.study_data([], quizzes, nav, SETTINGS, contexts=contexts)
    assert data["contexts"] == contexts
    assert [q["context"] for q in data["questions"]] == [[key], [key]]

    gone = Context("h1/casus.md", "weg", "h1/casus.md[2].context[0]")
    missing = Question("drie", "mc", "Wie?", "Zo.", options, context=(gone,))
    with pytest.raises(DataError) as error:
        study.contexts({"h1/casus.md": (missing,)}, {"h1/casus.md": PAGE}, QUIZZES_FILE)
    assert str(error.value) == (
        "data/quizzes.yml: h1/casus.md[2].context[0]: question 'drie': "
        "no heading with id 'weg' in docs/h1/casus.md"
    )
    elsewhere = Question("vier", "mc", "?", ".", options, context=(Context("h1/weg.md", "x", "w"),))
    with pytest.raises(DataError, match=r"docs/h1/weg\.md is not a page of the site"):
        study.contexts({"h1/casus.md": (elsewhere,)}, {"h1/casus.md": PAGE}, QUIZZES_FILE)
