"""The study pages' data (macros/study.py) as pure functions, and the vendored ts-fsrs."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from macros import study
from macros.concepts import Concept
from macros.quiz import Criterion, Option, Question, option_key, render_quiz
from tests.sales import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
NAV = [
    {"Home": "index.md"},
    {"1 De klant centraal": ["h1/index.md", {"1.1 De klant": "h1/klant.md"}, {"1.3 NPS": "h1/nps.md"}]},
    {"2 Markt": ["h2/index.md", {"2.1 Targets": "h2/targets.md"}]},
    {"Begrippenlijst": "begrippen.md"},
]


def mc(qid: str, text: str = "Vraag?", right: str = "Ja") -> Question:
    options = (Option(option_key(right), right, True), Option(option_key("Nee"), "Nee", False))
    return Question(qid, "mc", text, "Omdat.", options)


CONCEPT = Concept(
    id="nps", term="Net Promoter Score", definition="Een **kengetal**.", page="h1/nps.md", anchor="nps"
)
QUIZZES = {
    "h1/nps.md": (
        mc("nps-een"),
        Question("nps-open", "open", "Leg uit.", "Zo.", rubric=(Criterion("Uitleg", 2), Criterion("Vb", 1))),
    ),
    "h2/targets.md": (mc("targets-een"),),
}


def test_chapters_follow_the_nav() -> None:
    chapters = study.chapters(NAV)
    assert [c.title for c in chapters] == ["1 De klant centraal", "2 Markt"]
    assert chapters[0].pages == (
        ("h1/index.md", "1 De klant centraal"),
        ("h1/klant.md", "1.1 De klant"),
        ("h1/nps.md", "1.3 NPS"),
    )


def test_data_holds_the_questions_and_plain_definitions() -> None:
    data = study.study_data([CONCEPT], QUIZZES, NAV, SETTINGS, {"nps": "Een kengetal."})
    assert [q["id"] for q in data["questions"]] == ["nps-een", "nps-open", "targets-een"]
    nps_page = data["chapters"][0]["pages"][2]
    assert nps_page == {
        "path": "h1/nps.md",
        "title": "1.3 NPS",
        "href": "h1/nps.html",
        "questions": ["nps-een", "nps-open"],
        "concepts": ["nps"],
    }
    (concept,) = data["concepts"]
    assert concept["definition"] == "Een kengetal." and concept["href"] == "h1/nps.html#nps"
    question = data["questions"][0]
    assert question["correct"] == option_key("Ja")
    assert {o["k"] for o in question["options"]} == {option_key("Ja"), option_key("Nee")}


def test_an_open_question_carries_its_model_answer_rubric_and_the_test_settings() -> None:
    data = study.study_data([CONCEPT], QUIZZES, NAV, SETTINGS)
    question = next(q for q in data["questions"] if q["id"] == "nps-open")
    assert question["kind"] == "open" and question["answer"] == "Zo."
    assert question["rubric"] == [
        {"k": option_key("Uitleg"), "t": "Uitleg", "p": 2},
        {"k": option_key("Vb"), "t": "Vb", "p": 1},
    ]
    assert "options" not in question and "correct" not in question
    assert data["test"] == dict(SETTINGS.practice_test)


def test_an_open_questions_hash_changes_with_its_rubric() -> None:
    def open_q(*rubric: Criterion, answer: str = "Zo.") -> str:
        question = Question("o", "open", "Leg uit.", answer, rubric=rubric)
        return str(study.question_data("h1/nps.md", question)["hash"])

    first = open_q(Criterion("Uitleg", 2))
    assert open_q(Criterion("Uitleg", 2)) == first
    assert open_q(Criterion("Uitleg", 3)) != first
    assert open_q(Criterion("Uitleg en voorbeeld", 2)) != first
    assert open_q(Criterion("Uitleg", 2), answer="Anders.") != first


def test_content_hash_changes_with_the_text_only() -> None:
    first = study.question_data("h1/nps.md", mc("x", "Vraag?"))["hash"]
    assert study.question_data("h1/nps.md", mc("x", "Vraag?"))["hash"] == first
    assert study.question_data("h1/nps.md", mc("x", "Andere vraag?"))["hash"] != first
    assert study.question_data("h1/nps.md", mc("x", "Vraag?", right="Zeker"))["hash"] != first


def test_script_cannot_end_its_script_element() -> None:
    data = {"questions": [{"text": "</script><script>alert(1)</script>"}]}
    script = study.study_script(data)
    assert "</script" not in script
    assert json.loads(script.removeprefix("window.StudyData=").rstrip(";\n")) == data


def test_quiz_markup_carries_stable_ids_not_positions() -> None:
    html = render_quiz((mc("nps-een"), mc("nps-twee", right="Zeker")), "quiz-x-1", "h1/nps.md", "../")
    assert 'data-question="nps-een"' in html and 'data-question="nps-twee"' in html
    assert f'value="{option_key("Zeker")}"' in html
    assert 'data-root="../"' in html


def test_vendored_ts_fsrs_schedules_in_days(tmp_path: Path) -> None:
    """The vendored UMD build, as study.js uses it: no learning steps within a day; Good on a
    new card is due in days, Again sooner than Hard < Good < Easy."""
    node = shutil.which("node")
    assert node, "node is needed for this test"
    script = """
      const F = require(process.argv[1]);
      const f = F.fsrs({ enable_fuzz: false, enable_short_term: false });
      const now = new Date("2026-12-01T09:00:00Z");
      const r = f.repeat(F.createEmptyCard(now), now);
      const days = [1, 2, 3, 4].map(g => (r[g].card.due - now) / 864e5);
      const back = F.TypeConvert.card(JSON.parse(JSON.stringify(r[3].card)));
      const roundtrip = back.due.getTime() === r[3].card.due.getTime();
      console.log(JSON.stringify({ days, state: r[3].card.state, roundtrip }));
    """
    vendored = ROOT / "overrides/assets/vendor/ts-fsrs/ts-fsrs.umd.js"
    copy = Path(shutil.copy(vendored, tmp_path / "fsrs.cjs"))  # .cjs: node loads the UMD as CommonJS
    out = subprocess.run([node, "-e", script, str(copy)], capture_output=True, text=True, check=True).stdout
    result = json.loads(out)
    assert result["days"] == sorted(result["days"]) and result["days"][0] >= 1
    assert result["state"] == 2 and result["roundtrip"]
    assert "5.4.2" in (vendored.parent / "README.txt").read_text(encoding="utf-8")
