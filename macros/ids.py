"""The record of published question ids (published-ids.txt), checked by every build.

A browser keeps a student's answer as "question id -> option key" (store.js), and a
review card of a question as "vraag:<question id>". The grade of a kept answer is "its
key is the right option's key" (an option's key derives from its text, macros/quiz.py).
So the meaning a published id must keep is: which of its options' keys are right and
which are wrong. The record holds, per id ever published, its kind and every option key
it was published with, marked right (+) or wrong (a reworded right option leaves two
keys marked +: each key keeps its side):

    nps-wat-meet mc +1a2b3c4d 5e6f7a8b 9c0d1e2f
    nps-verbeterplan open
    oude-vraag retired

The build refuses (one line naming quizzes.yml and the key):
- a retired id in the data again (a student's old answers and schedule would land on it);
- a change of kind (mc <-> open);
- an option key that changes sides, right <-> wrong (a kept answer would change grade).
Allowed, without any entry: removing a question (it is retired when the record is
updated), editing a stem, fixing a typo in an option, adding, dropping or reordering
options: an answer to an option that no longer exists counts as unanswered everywhere.
A stem hash was rejected as the fingerprint: every honest typo fix would need one.
Review cards need no record of their own: their schedule carries a hash of the card's
content and starts again when it changes (study.py), and concept ids are URLs
(c/<id>.html in published-urls.txt) that never disappear.

A deliberate re-grading (a wrong answer key corrected) is accepted explicitly, per id:

    python -m macros.ids --update --accept <id>   # or: make ids ACCEPT=<id>

New and removed ids are recorded with `make ids` (tests/test_published_ids.py checks that
the record is up to date, like published-urls.txt).
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .course import Course
from .errors import DataError
from .quiz import Question, load_quizzes
from .schema import SLUG, display_path

QUIZZES = Path("data", "quizzes.yml")  # a course's questions, for messages
RETIRED = "retired"
KINDS = ("mc", "open", RETIRED)
HEADER = (
    "# Every question id ever published, with the option keys it was published with\n"
    "# (+ marks the right one). Checked by every build: see macros/ids.py.\n"
    "# Update after adding or removing questions: make ids\n"
)
_KEY = "0123456789abcdef"


@dataclass(frozen=True)
class Entry:
    kind: str  # "mc", "open" or RETIRED
    options: dict[str, bool] = field(default_factory=dict)  # option key -> was the right one


Record = dict[str, Entry]
Quizzes = Mapping[str, tuple[Question, ...]]


def _is_key(text: str) -> bool:
    return len(text) == 8 and all(c in _KEY for c in text)


def parse_record(text: str, source: str) -> Record:
    record: Record = {}
    for n, line in enumerate(text.splitlines(), 1):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        where = f"line {n}"
        qid, kind, rest = words[0], words[1] if len(words) > 1 else "", words[2:]
        if not SLUG.match(qid) or kind not in KINDS:
            raise DataError(
                source, "expected '<id> mc +<key> <key> ...', '<id> open' or '<id> retired'", where
            )
        if qid in record:
            raise DataError(source, f"{qid!r} is listed twice", where)
        options = {word.removeprefix("+"): word.startswith("+") for word in rest}
        if (kind != "mc" and rest) or not all(_is_key(k) for k in options) or len(options) != len(rest):
            raise DataError(source, f"{qid!r}: option keys are 8 hex digits, each once, only for mc", where)
        # More than one +: the right option was reworded (its key changed); each key stays on its side.
        if kind == "mc" and not any(options.values()):
            raise DataError(source, f"{qid!r}: an mc question has a right option (+) in the record", where)
        record[qid] = Entry(kind, options)
    return record


def read_record(path: Path) -> Record:
    if not path.is_file():
        raise DataError(
            display_path(path), "missing: the record of published question ids; make it with `make ids`"
        )
    return parse_record(path.read_text(encoding="utf-8"), display_path(path))


def format_record(record: Record) -> str:
    lines = []
    for qid in sorted(record):
        entry = record[qid]
        keys = sorted(entry.options, key=lambda k: (not entry.options[k], k))
        lines.append(" ".join([qid, entry.kind, *(("+" if entry.options[k] else "") + k for k in keys)]))
    return HEADER + "".join(line + "\n" for line in lines)


def _side(right: bool) -> str:
    return "the right answer" if right else "a wrong answer"


def check(quizzes: Quizzes, record: Record, source_path: Path, accept: Collection[str] = ()) -> None:
    """Refuse data that gives a published id another meaning (see the module's docstring)."""
    source = display_path(source_path)
    for page, questions in quizzes.items():
        for i, q in enumerate(questions):
            entry = record.get(q.id)
            if entry is None or q.id in accept:
                continue
            where = f"{page}[{i}]"
            if entry.kind == RETIRED:
                raise DataError(
                    source,
                    f"question id {q.id!r} was published before and retired (published-ids.txt): students' "
                    "answers and review schedules of the old question would land on it; choose a new id",
                    f"{where}.id",
                )
            if entry.kind != q.kind:
                raise DataError(
                    source,
                    f"question id {q.id!r} was published as an {entry.kind} question and is now {q.kind}: "
                    "give the new question a new id (the old one is then retired)",
                    f"{where}.type",
                )
            for j, option in enumerate(q.options):
                was = entry.options.get(option.key)
                if was is None or was == option.correct:
                    continue
                raise DataError(
                    source,
                    f"question {q.id!r}: the option {option.text!r} was published as {_side(was)} and is now "
                    f"{_side(option.correct)}: answers students kept would change their grade. Give the "
                    "changed question a new id (the old one is then retired), or accept the re-grading: "
                    f"python -m macros.ids --update --accept {q.id}",
                    f"{where}.options[{j}]",
                )


def updated(
    quizzes: Quizzes, record: Record, accept: Collection[str] = (), source_path: Path = QUIZZES
) -> Record:
    """The record after this data is published: new ids added, removed ones retired,
    new option keys added (keys once published are kept, so a typo's old text may not
    come back on the other side). An accepted id starts again from its current options.
    Refuses what `check` refuses, except for the accepted ids."""
    check(quizzes, record, source_path, accept=accept)
    live = {q.id: q for questions in quizzes.values() for q in questions}
    unknown = sorted(set(accept) - set(live))
    if unknown:
        raise DataError(display_path(source_path), f"--accept names no question of the data: {unknown}")
    out: Record = {}
    for qid in record:
        if qid not in live:
            out[qid] = Entry(RETIRED)
    for qid, q in live.items():
        old = record.get(qid)
        options = dict(old.options) if old and qid not in accept else {}
        options.update({o.key: o.correct for o in q.options})
        out[qid] = Entry(q.kind, options)
    return out


def main(argv: list[str]) -> int:
    """python -m macros.ids [--update [--accept <id>]...] [--course <folder>] (default: here)."""
    accept = [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == "--accept"]
    folder = next((argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == "--course"), ".")
    course = Course(Path(folder))
    record_file = course.ids_record
    try:
        quizzes = load_quizzes(course.quizzes_file)
        record = read_record(record_file) if record_file.is_file() else {}
        if "--update" in argv:
            new = updated(quizzes, record, accept, course.quizzes_file)
            record_file.write_text(format_record(new), encoding="utf-8")
            live = sum(e.kind != RETIRED for e in new.values())
            print(f"{record_file.name}: {live} question ids, {len(new) - live} retired")
        else:
            check(quizzes, read_record(record_file), course.quizzes_file)
            print(f"{record_file.name}: the data keeps the meaning of every published id")
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
