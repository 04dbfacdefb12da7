"""Question ids stay meaningful over time (published-ids.txt, macros/ids.py).

A browser keeps "question id -> option key" (store.js); the grade of a kept answer is
"its key is the right option's key". The record keeps, per published id, its kind and
every option key it was published with, marked right or wrong. The build refuses a data
change that would re-grade a kept answer (a key that changes from wrong to right or back),
a change of kind, and the return of a retired id. Removing a question, fixing a typo in
its stem or in an option, adding or dropping an option: allowed (an answer to an option
that no longer exists counts as unanswered everywhere)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros import ids, outputs
from macros.course import Course
from macros.errors import DataError
from macros.quiz import Option, Question, load_quizzes, option_key
from tests.sales import IDS_RECORD, QUIZZES_FILE

from .test_bad_input import Case, copy_course, edit, prints_exactly, refused

Quizzes = dict[str, tuple[Question, ...]]


def mc(qid: str, right: str, *wrong: str, stem: str = "Welke?") -> Question:
    options = (Option(option_key(right), right, True), *(Option(option_key(w), w, False) for w in wrong))
    return Question(qid, "mc", stem, "Uitleg.", options)


def open_q(qid: str) -> Question:
    return Question(qid, "open", "Leg uit.", "Model.")


PUBLISHED: Quizzes = {
    "h1/a.md": (mc("groep-van-een-acht", "Passief tevredenen", "Promotors", "Criticasters"), open_q("plan")),
    "h1/b.md": (mc("ja-of-nee", "Ja", "Nee"),),
}


def record_of(quizzes: Quizzes) -> dict[str, ids.Entry]:
    return ids.updated(quizzes, {})


@dataclass(frozen=True)
class Change:
    name: str
    quizzes: Quizzes
    error: tuple[str, ...] = ()  # empty: allowed


def with_(page: str, *questions: Question) -> Quizzes:
    return {**PUBLISHED, page: questions}


A_OPEN = PUBLISHED["h1/a.md"][1]
CHANGES = [
    Change("nothing changed", PUBLISHED),
    Change(
        "typo fixed in the stem",
        with_(
            "h1/a.md",
            mc("groep-van-een-acht", "Passief tevredenen", "Promotors", "Criticasters", stem="Welk?"),
            A_OPEN,
        ),
    ),
    Change(
        "typo fixed in the right option (old answers count as unanswered)",
        with_("h1/a.md", mc("groep-van-een-acht", "Passief tevreden", "Promotors", "Criticasters"), A_OPEN),
    ),
    Change(
        "options reordered, one added, one dropped",
        with_("h1/a.md", mc("groep-van-een-acht", "Passief tevredenen", "Detractors", "Promotors"), A_OPEN),
    ),
    Change("a question removed", with_("h1/a.md", A_OPEN)),
    Change("a new question added", with_("h1/b.md", mc("ja-of-nee", "Ja", "Nee"), mc("nieuw", "X", "Y"))),
    Change(
        "the right answer moved to another published option",
        with_("h1/a.md", mc("groep-van-een-acht", "Promotors", "Passief tevredenen", "Criticasters"), A_OPEN),
        (
            "data/quizzes.yml: h1/a.md[0].options[0]:",
            "'groep-van-een-acht'",
            "'Promotors' was published as a wrong answer",
            "python -m macros.ids --update --accept groep-van-een-acht",
        ),
    ),
    Change(
        "a live id reused for another question with the same option texts",
        with_("h1/b.md", mc("ja-of-nee", "Nee", "Ja", stem="Is dit fout?")),
        ("h1/b.md[0].options[0]:", "'ja-of-nee'", "'Nee' was published as a wrong answer"),
    ),
    Change(
        "an open question becomes multiple choice",
        with_("h1/a.md", PUBLISHED["h1/a.md"][0], mc("plan", "A", "B")),
        ("h1/a.md[1].type:", "'plan' was published as an open question"),
    ),
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.name)
def test_changes_to_published_questions(change: Change) -> None:
    record = record_of(PUBLISHED)
    if not change.error:
        ids.check(change.quizzes, record, QUIZZES_FILE)
        return
    with pytest.raises(DataError) as caught:
        ids.check(change.quizzes, record, QUIZZES_FILE)
    message = str(caught.value)
    assert "\n" not in message
    for part in change.error:
        assert part in message, message


def test_removed_id_is_retired_and_may_not_return() -> None:
    record = ids.updated(with_("h1/b.md"), record_of(PUBLISHED))
    assert record["ja-of-nee"].kind == ids.RETIRED
    back = with_("h1/b.md", mc("ja-of-nee", "Ja", "Nee"))
    with pytest.raises(
        DataError, match=r"h1/b.md\[0\].id: question id 'ja-of-nee' was published before and retired"
    ):
        ids.check(back, record, QUIZZES_FILE)


def test_accepted_change_passes_and_keeps_every_key_ever_published() -> None:
    changed = with_("h1/a.md", mc("groep-van-een-acht", "Promotors", "Passief tevredenen"), A_OPEN)
    record = record_of(PUBLISHED)
    with pytest.raises(DataError):
        ids.updated(changed, record)  # an update is no way around the check
    accepted = ids.updated(changed, record, accept={"groep-van-een-acht"})
    ids.check(changed, accepted, QUIZZES_FILE)
    typo = ids.updated(
        with_("h1/a.md", mc("groep-van-een-acht", "Promotor", "Passief tevredenen"), A_OPEN), accepted
    )
    assert typo["groep-van-een-acht"].options == {
        option_key("Promotors"): True,
        option_key("Passief tevredenen"): False,
        option_key("Promotor"): True,
    }
    # The typo's old text comes back as a wrong option: still a re-grade, still refused.
    with pytest.raises(DataError, match="'Promotors' was published as the right answer"):
        ids.check(
            with_("h1/a.md", mc("groep-van-een-acht", "Promotor", "Promotors"), A_OPEN), typo, QUIZZES_FILE
        )


def test_record_text_round_trips_and_bad_lines_name_file_and_line(tmp_path: Path) -> None:
    record = ids.updated(with_("h1/b.md"), record_of(PUBLISHED))
    text = ids.format_record(record)
    assert ids.parse_record(text, "published-ids.txt") == record
    for bad, why in (
        ("x mc Ja\n", "line 1"),
        ("x mc 0123abcd 89abcdef\n", "has a right option"),
        ("x retired\nx open\n", "line 2: 'x' is listed twice"),
        ("Bad_Id open\n", "line 1"),
        ("x maybe\n", "line 1"),
    ):
        with pytest.raises(DataError, match=why) as caught:
            ids.parse_record(bad, "published-ids.txt")
        assert str(caught.value).startswith("published-ids.txt: line ")


def test_a_reworded_right_option_keeps_both_keys_right_and_the_record_stays_readable() -> None:
    """Rewording the right option gives it a new key: the record keeps the old key as right
    too (a kept answer with it counts as unanswered, never as wrong), and reads back."""
    record = ids.parse_record("x mc +0123abcd 89abcdef\n", "published-ids.txt")
    reworded = {
        "h1/b.md": (
            Question(
                "x",
                "mc",
                "Vraag?",
                "Omdat.",
                (Option("fedcba98", "Ja, zeker", True), Option("89abcdef", "Nee", False)),
            ),
        )
    }
    new = ids.updated(reworded, record)
    assert new["x"].options == {"0123abcd": True, "fedcba98": True, "89abcdef": False}
    assert ids.parse_record(ids.format_record(new), "published-ids.txt") == new


def test_the_record_covers_every_question_of_the_site() -> None:
    """Like published-urls.txt: a new or removed question is recorded (make ids)."""
    quizzes = load_quizzes(QUIZZES_FILE)
    record = ids.read_record(IDS_RECORD)
    assert ids.updated(quizzes, record) == record, "published-ids.txt is not up to date: run `make ids`"


def test_ids_that_are_object_members_in_javascript_are_valid_slugs() -> None:
    """The browser must treat them as plain data (tests/browser/test_storage.py)."""
    record = ids.updated({"h1/a.md": (mc("constructor", "Ja", "Nee"), mc("hasownproperty", "Ja", "Nee"))}, {})
    assert set(record) == {"constructor", "hasownproperty"}


Q = "data/quizzes.yml"
RIGHT = '      - correct: "Hoe graag klanten het bedrijf aanbevelen bij anderen"\n'
WRONG = '      - "Het percentage klanten dat een 7 of hoger geeft"\n'


def regraded(project: Path) -> None:
    """The right option of nps-wat-meet made wrong, a wrong one made right."""
    edit(Q, RIGHT, RIGHT.replace("correct: ", ""))(project)
    edit(Q, WRONG, WRONG.replace('- "', '- correct: "'))(project)


def retired(project: Path) -> None:
    """nps-wat-meet recorded as retired: the data may not use the id again."""
    path = project / "data" / "published-ids.txt"
    lines = [
        "nps-wat-meet retired" if line.startswith("nps-wat-meet ") else line
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


REFUSED = [
    Case(
        "a re-graded question",
        regraded,
        (f"{Q}: h1/nps.md[0].options[1]:", "'nps-wat-meet'", "was published as the right answer"),
    ),
    Case(
        "a retired id used again",
        retired,
        (f"{Q}: h1/nps.md[0].id:", "'nps-wat-meet' was published before"),
    ),
    Case(
        "no record",
        lambda project: (project / "data" / "published-ids.txt").unlink(),
        ("data/published-ids.txt", "missing"),
    ),
]


def study_data_error(project: Path) -> str:
    """The line the build prints when the record refuses the data: tools/build.py runs
    macros.outputs.run once MkDocs has written the pages, whose study_data checks the record
    (ids.check, before anything that reads the pages) and raises a DataError, printed as is."""
    with contextlib.chdir(project):  # the build runs in the course's folder
        try:
            outputs.study_data(Course(project), {}, [], {})
        except DataError as exc:
            return str(exc)
    raise AssertionError("the record accepted the data")


@pytest.mark.build
def test_build_refuses_on_a_copy(tmp_path: Path) -> None:
    """A real build stops with exactly the line study_data gives (and keeps the previous
    build); so each case below checks that line in-process."""
    case = REFUSED[0]
    output = refused(tmp_path / "build", case)
    course = copy_course(tmp_path / "course")
    case.change(course)
    prints_exactly(output, [study_data_error(course)])


@pytest.mark.parametrize("case", REFUSED, ids=lambda c: c.name)
def test_the_record_refuses_in_one_line(tmp_path: Path, case: Case) -> None:
    project = copy_course(tmp_path)
    case.change(project)
    message = study_data_error(project)
    assert "\n" not in message, message
    for needle in case.expect:
        assert needle in message, f"{needle!r} not in {message!r}"
