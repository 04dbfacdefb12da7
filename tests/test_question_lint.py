"""The question lint (macros/qlint.py, issue 18): each rule on a small question that breaks
it and on one that does not, the exceptions file (reasons, stale exceptions), the one-line
errors the build prints, and the real quizzes.yml passing in the built site."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros import outputs, qlint
from macros.quiz import Context, Criterion, Option, Question, load_quizzes, option_key
from tests.sales import EXCEPTIONS_FILE, QUIZZES_FILE, SETTINGS

from . import test_bad_input as bad
from .conftest import Built

POINTERS = ("casus", "tabel", "schema")
CASE_TEXT = (
    "Verkoopplan. De salesmanager legt vast: \u201cIn 2026 werven we 15 nieuwe scholen in Oost als klant "
    "voor GroenSpoor\u201d. Lotte spreekt af: \u20ac 100.000 omzet uit klanten die nog nooit bij SchoonSpoor "
    "kochten; bij zes bestaande klanten de GroenSpoor-lijn introduceren; 95 % van de contracten verlengen."
)


def mc(right: str, *wrong: str, question: str = "Welke?", context: tuple[str, ...] = ()) -> Question:
    options = (Option(option_key(right), right, True), *(Option(option_key(w), w, False) for w in wrong))
    where = tuple(Context("h2/casus.md", anchor, "context") for anchor in context)
    return Question("vraag-een", "mc", question, "Omdat.", options, context=where)


def open_q(*lines: tuple[str, int], question: str = "Leg uit.") -> Question:
    rubric = tuple(Criterion(text, points) for text, points in lines)
    return Question("vraag-een", "open", question, "Model.", rubric=rubric)


@dataclass(frozen=True)
class Example:
    name: str
    rule: str
    bad: Question
    good: Question
    needle: str  # in the bad one's message


EXAMPLES = [
    Example(
        "three distractors say altijd, the key hedges",
        "absolute-distractors",
        mc(
            "Klanten van wie de klacht goed werd afgehandeld, kochten daarna meer",
            "Klagende klanten kopen altijd minder",
            "Klanten die nooit klagen, zijn de trouwste klanten",
            "Klagende klanten kopen altijd meer",
        ),
        mc(
            "Klanten van wie de klacht goed werd afgehandeld, kochten daarna meer",
            "Klagende klanten kochten daarna minder",
            "Klanten die niet klaagden, kochten evenveel",
            "Klagende klanten kopen altijd meer",
        ),
        "'Klagende klanten kopen altijd minder' (altijd)",
    ),
    Example(
        "two distractors with alleen and geen enkele",
        "absolute-distractors",
        mc("De NPS kan negatief zijn", "Alleen promotors tellen mee", "Passieven hebben geen enkele invloed"),
        # The key is absolute as well: no cue to pick it by.
        mc("Alleen het cijfer telt", "Alleen promotors tellen mee", "Passieven hebben geen enkele invloed"),
        "(geen enkele)",
    ),
    Example(
        "zelden and alleen in the wrong options, a hedged key (review item Q3)",
        "absolute-distractors",
        mc(
            "Zakelijke inkoop is rationeler en risicovoller, en vaak beslissen meerdere mensen mee",
            "Bij zakelijke inkoop wordt zelden onderhandeld, omdat de prijzen in een offerte vastliggen",
            "Bij zakelijke inkoop telt alleen de prijs",
            "Zakelijke inkoop is emotioneler",
        ),
        mc(
            "Zakelijke inkoop is rationeler en risicovoller, en vaak beslissen meerdere mensen mee",
            "Bij zakelijke inkoop wordt weinig onderhandeld, omdat de prijzen in een offerte vastliggen",
            "Bij zakelijke inkoop weegt vooral de prijs",
            "Zakelijke inkoop is emotioneler",
        ),
        "(zelden)",
    ),
    Example(
        "same text up to case, quotes and punctuation",
        "duplicate-options",
        mc("B2B", "B2R, want hij verkoopt door.", "\u2018b2r\u2019 want hij verkoopt door"),
        mc("B2B", "B2R, want hij verkoopt door", "B2C, want hij verkoopt door"),
        "say the same",
    ),
    Example(
        "uit de casus, but three options are not in the case",
        "case-pointer-options",
        mc(
            "In 2026 vijftien nieuwe scholen in Oost als klant werven",
            "Marktaandeel winnen in het onderwijs met duurzame producten",
            "Een betrouwbare leverancier zijn voor zorginstellingen",
            "Meer omzet uit de nieuwe GroenSpoor-lijn halen",
            question="Welke formulering uit de casus is een target?",
            context=("ecolijn",),
        ),
        mc(
            "Bij zes bestaande klanten de GroenSpoor-lijn introduceren",
            "\u20ac 100.000 omzet uit klanten die nog nooit bij SchoonSpoor kochten",
            "In 2026 vijftien nieuwe scholen in Oost als klant werven",
            question="Welke afspraak uit de casus hoort bij relatiebeheer?",
            context=("ecolijn",),
        ),
        "3 of its options do not occur there (h2/casus.md#ecolijn)",
    ),
    Example(
        "a rubric line of 1 punt per vraag for four questions gives 3",
        "rubric-total",
        open_q(("Vier passende vragen, 1 punt per vraag", 3), ("Uitleg", 2)),
        open_q(("Vier passende vragen, 1 punt per vraag", 4), ("Uitleg", 2)),
        "rubric line 1 says 4 x 1 punt = 4, but gives 3 points",
    ),
    Example(
        "half points per name and per class for seven activities",
        "rubric-total",
        open_q(("Zeven activiteiten benoemd en ingedeeld, ½ punt per naam en ½ punt per indeling", 8)),
        open_q(("Zeven activiteiten benoemd en ingedeeld, ½ punt per naam en ½ punt per indeling", 7)),
        "7 x ½ + ½ punt = 7, but gives 8 points",
    ),
    Example(
        "the stem states a total the rubric does not reach",
        "rubric-total",
        open_q(("Juiste formule", 2), ("Juiste uitkomst", 2), question="Bereken de NPS. (5 punten)"),
        open_q(("Juiste formule", 2), ("Juiste uitkomst", 3), question="Bereken de NPS. (5 punten)"),
        "the question states 5 points, but the rubric adds up to 4",
    ),
]


def findings(q: Question, exceptions: dict[str, dict[str, str]] | None = None) -> list[qlint.Finding]:
    texts = {"h2/casus.md#ecolijn": CASE_TEXT}
    return qlint.lint({"h2/casus.md": (q,)}, texts, POINTERS, exceptions or {}, SETTINGS.absolute_words)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_each_rule_fires_on_its_example_and_not_on_the_repaired_one(example: Example) -> None:
    found = findings(example.bad)
    assert [(f.question, f.rule) for f in found] == [("vraag-een", example.rule)]
    assert example.needle in found[0].message
    assert findings(example.good) == []


def test_the_error_is_one_line_per_finding_naming_file_question_and_rule(tmp_path: Path) -> None:
    bad = next(e.bad for e in EXAMPLES if e.rule == "absolute-distractors")
    source = tmp_path / "quizzes.yml"  # no cases or exceptions next to it, the course's settings
    shutil.copyfile(QUIZZES_FILE.parent / "course.yml", tmp_path / "course.yml")
    with pytest.raises(qlint.LintError) as error:
        qlint.check({"h1/klachtenmanagement.md": (bad,), "h1/nps.md": (bad,)}, {}, source)
    lines = str(error.value).split("\n")
    assert len(lines) == 2
    assert lines[0].startswith(
        f"{source}: h1/klachtenmanagement.md: question 'vraag-een': absolute-distractors: "
    )
    assert lines[1].startswith(f"{source}: h1/nps.md: question 'vraag-een': absolute-distractors: ")


def test_an_exception_with_a_reason_silences_its_rule_only_while_it_is_needed() -> None:
    bad = EXAMPLES[0].bad
    reason = {"vraag-een": {"absolute-distractors": "De absolute woorden zijn de misvatting die we toetsen."}}
    assert findings(bad, reason) == []
    stale = findings(EXAMPLES[0].good, reason)
    assert [(f.rule, "no longer needed" in f.message) for f in stale] == [("absolute-distractors", True)]
    assert (
        stale[0]
        .line("quizzes.yml", "lint_exceptions.yml")
        .startswith("lint_exceptions.yml: vraag-een.absolute-distractors: no longer needed")
    )


@pytest.mark.parametrize(
    ("exceptions", "needle"),
    [
        ({"vraag-twee": {"absolute-distractors": "Reden."}}, "no question has this id"),
        ({"vraag-een": {"absolute-distractor": "Reden."}}, "unknown rule (rules: "),
    ],
)
def test_an_exception_must_name_a_question_and_a_rule_that_exist(
    exceptions: dict[str, dict[str, str]], needle: str
) -> None:
    assert any(needle in f.message for f in findings(EXAMPLES[0].good, exceptions))


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("vraag-een:\n  absolute-distractors: ''\n", "vraag-een.absolute-distractors: must not be empty"),
        ("vraag-een: [absolute-distractors]\n", "vraag-een: expected dict, got a list"),
    ],
)
def test_an_exception_without_a_reason_is_refused(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "lint_exceptions.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(qlint.DataError) as error:
        qlint.load_exceptions(path)
    assert needle in str(error.value)


def test_the_build_stops_on_a_finding(tmp_path: Path) -> None:
    """macros/outputs.py runs the lint where it writes the study data; the error is one
    line naming file, question and rule (a DataError, which the build reports as is)."""
    import shutil

    from macros.course import Course

    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(QUIZZES_FILE.parent / "course.yml", data / "course.yml")
    (data / "published-ids.txt").write_text("", encoding="utf-8")
    (data / "quizzes.yml").write_text(
        "h1/klant.md:\n"
        "  - id: vraag-een\n"
        "    type: mc\n"
        '    question: "Welke?"\n'
        "    options:\n"
        '      - correct: "Ja"\n'
        '      - "Nee, altijd"\n'
        '      - "Nee, nooit"\n'
        '    explanation: "Omdat."\n',
        encoding="utf-8",
    )
    with pytest.raises(qlint.DataError) as error:
        outputs.study_data(Course(tmp_path), {}, [], {"h1/klant.md": '<section class="ss-quiz"></section>'})
    assert str(error.value).endswith(
        "h1/klant.md: question 'vraag-een': absolute-distractors: 2 wrong options carry an absolute "
        "word and the right one none, so the hedged option gives itself away: 'Nee, altijd' (altijd); "
        "'Nee, nooit' (nooit)"
    )


def test_the_real_questions_pass_the_lint_without_the_site() -> None:
    """The rules that need no case text, on the real data, with the real exceptions."""
    quizzes = load_quizzes(QUIZZES_FILE)
    exceptions = qlint.load_exceptions(EXCEPTIONS_FILE)
    found = [
        f
        for f in qlint.lint(quizzes, {}, (), exceptions, SETTINGS.absolute_words)
        if f.rule != "case-pointer-options" and "no longer needed" not in f.message
    ]
    assert found == []


def test_the_real_questions_pass_the_lint_with_the_case_texts_of_the_built_site(built: Built) -> None:
    script = (built.site / "assets/javascripts/study-data.js").read_text(encoding="utf-8")
    data = json.loads(script.removeprefix("window.StudyData=").removesuffix(";\n"))
    quizzes = load_quizzes(QUIZZES_FILE)
    qlint.check(quizzes, data["contexts"], QUIZZES_FILE)  # raises on any finding
    texts = {key: qlint.section_text(value["html"]) for key, value in data["contexts"].items()}
    # Review item Q8: every option of the Lotte question is one of her afspraken in the case.
    lotte = next(q for q in quizzes["h2/casus.md"] if q.id == "casus-h2-lotte-twee-relatiebeheer")
    assert all(qlint.occurs(o.text, texts["h2/casus.md#targets"]) for o in lotte.options)
    # Review item Q1: the old question, on the real case text, is refused.
    old = next(e.bad for e in EXAMPLES if e.rule == "case-pointer-options")
    found = qlint.lint({"h2/casus.md": (old,)}, texts, ("casus",), {}, SETTINGS.absolute_words)
    assert [f.rule for f in found] == ["case-pointer-options"]
    assert "3 of its options do not occur there" in found[0].message


LINT_FAILURE = bad.Case(
    "a question whose distractors all say altijd",
    bad.edit(
        "data/quizzes.yml",
        '      - "Opslagbeperking"\n      - "Juistheid"\n      - "Recht op rectificatie"\n',
        '      - "Altijd opslagbeperking"\n      - "Altijd juistheid"\n      - "Recht op rectificatie"\n',
    ),
    (
        "data/quizzes.yml: h1/technologie-en-data.md: question 'data-sportschool-minimaal': "
        "absolute-distractors: ",
    ),
)


def test_a_lint_finding_fails_the_build_with_one_line(built: Built, tmp_path: Path) -> None:
    """The step of the build that runs the lint (macros.outputs.study_data, after MkDocs wrote
    the pages), on the changed data and the pages of the built site (the change is to a
    question's options, which no case text or heading reads): one line naming file, page,
    question and rule. tools/build.py prints study_data's DataError as is, exit 1, the
    previous site/ and dist/ untouched: test_published_ids.test_build_refuses_on_a_copy."""
    import contextlib

    from macros.course import Course

    project = bad.copy_course(tmp_path)
    LINT_FAILURE.change(project)
    info = outputs.load_site_info(project / "mkdocs.yml")
    pages = {page: outputs.page_content(built.site, page) for page in outputs.nav_pages(info.nav)}
    with contextlib.chdir(project), pytest.raises(qlint.DataError) as error:
        outputs.study_data(Course(project), {}, info.nav, pages)
    lines = str(error.value).split("\n")
    assert len(lines) == 1 and lines[0].startswith(LINT_FAILURE.expect[0]), lines
    # The same data as written passes.
    with contextlib.chdir(project):
        outputs.study_data(Course(bad.copy_course(tmp_path / "as-is")), {}, info.nav, pages)
