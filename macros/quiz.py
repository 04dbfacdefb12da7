"""Practice questions (the course's data/quizzes.yml) rendered as a progressive quiz.

Without JavaScript every question, option and model answer is readable;
overrides/assets/javascripts/quiz.js adds feedback, a score and localStorage.

Identity, so that a student's answers survive edits: every question has an `id` from
the data (unique across the site), every option a key derived from its text. The
browser stores "question id -> option key"; inserting, removing or reordering
questions or options never moves an answer onto other content, and an answer whose
option text changed is simply no longer shown.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import DataError
from .schema import SLUG, Node, check_unknown, load_root

CASES_NAME = "cases.yml"  # next to quizzes.yml: what a question may lean on
QUESTION_TYPES = ("mc", "open")


@dataclass(frozen=True)
class Option:
    key: str  # stable: derived from the text, so order does not matter
    text: str
    correct: bool


@dataclass(frozen=True)
class Criterion:
    """One kernpunt of an open question's scoring rubric."""

    text: str
    points: int


@dataclass(frozen=True)
class Context:
    """A section a question needs (a case, a table): the heading id `anchor` on `page`.
    `where` is the declaration's key in quizzes.yml, for error messages."""

    page: str
    anchor: str
    where: str

    @property
    def key(self) -> str:
        return f"{self.page}#{self.anchor}"


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # "mc" or "open"
    question: str
    answer_text: str  # the explanation (mc) or the model answer (open)
    options: tuple[Option, ...] = ()
    rubric: tuple[Criterion, ...] = ()
    context: tuple[Context, ...] = ()

    @property
    def max_points(self) -> int:
        return sum(c.points for c in self.rubric)

    @property
    def correct(self) -> Option:
        return next(o for o in self.options if o.correct)


def option_key(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).casefold().encode()).hexdigest()[:8]


# Options are plain text (the site shuffles them, the study pages show them as text): Markdown
# in an option would be printed literally, so the build refuses it.
MARKDOWN = re.compile(r"\*\*|__|`|\[[^\]]+\]\(|(?<![\w*])[*_](?=\S)[^*_]+(?<=\S)[*_](?![\w*])|<[A-Za-z/!]")


def _option(node: Node, i: int, raw: object) -> Option:
    where = f"{node.path('options')}[{i}]"
    correct = False
    if isinstance(raw, dict):
        option = Node(raw, node.source, where, node.tree)
        text = option.text("correct")
        correct = True
    elif isinstance(raw, str) and raw.strip():
        text = " ".join(raw.split())
    else:
        raise DataError(node.source, "expected an option text, or `correct: <text>` for the right one", where)
    found = MARKDOWN.search(text)
    if found:
        raise DataError(
            node.source,
            f"an option is plain text: {found.group(0)!r} would show literally (write it without Markdown)",
            where,
        )
    return Option(option_key(text), text, correct)


MAX_POINTS = 10


def _criterion(node: Node) -> Criterion:
    points = node.integer("points")
    if not 1 <= points <= MAX_POINTS:
        raise DataError(node.source, f"points must be 1-{MAX_POINTS}, got {points}", node.path("points"))
    return Criterion(node.text("point"), points)


def _context(node: Node, page: str) -> tuple[Context, ...]:
    """`context: [kantoren, h2/casus.md#targets]`: heading ids on this page, or page#id."""
    out: list[Context] = []
    for i, ref in enumerate(node.strings("context")):
        where = f"{node.path('context')}[{i}]"
        target, _, anchor = ref.rpartition("#") if "#" in ref else (page, "", ref)
        if not target.endswith(".md") or not SLUG.match(anchor):
            raise DataError(
                node.source, f"{ref!r} is not a heading id of this page or <page>.md#<heading id>", where
            )
        if any(c.page == target and c.anchor == anchor for c in out):
            raise DataError(node.source, f"{ref!r} is named twice", where)
        out.append(Context(target, anchor, where))
    return tuple(out)


def _question(node: Node, page: str = "") -> Question:
    qid = node.slug("id")
    context = _context(node, page)
    kind = node.text("type")
    if kind not in QUESTION_TYPES:
        raise DataError(
            node.source, f"unknown question type {kind!r} (use 'mc' or 'open')", node.path("type")
        )
    question = node.text("question")
    if kind == "open":
        rubric = tuple(_criterion(c) for c in node.children("rubric"))
        seen = [option_key(c.text) for c in rubric]
        for i, key in enumerate(seen):
            if key in seen[:i]:  # the browser keeps ticked points by this key
                where = f"{node.path('rubric')}[{i}].point"
                raise DataError(node.source, "two rubric points with the same text", where)
        return Question(qid, "open", question, node.text("answer"), rubric=rubric, context=context)
    if "answer" in node.value:
        raise DataError(
            node.source,
            "a multiple-choice question marks its right option as `- correct: <text>`, not with `answer`",
            node.path("answer"),
        )
    options = tuple(_option(node, i, item) for i, item in enumerate(node.items("options")))
    if len(options) < 2:
        raise DataError(
            node.source, "a multiple-choice question needs at least 2 options", node.path("options")
        )
    marked = sum(o.correct for o in options)
    if marked != 1:
        raise DataError(
            node.source,
            f"mark exactly one option as `- correct: <text>` (found {marked})",
            node.path("options"),
        )
    if len({o.key for o in options}) != len(options):
        raise DataError(node.source, "two options have the same text", node.path("options"))
    return Question(qid, "mc", question, node.text("explanation"), options, context=context)


LENGTH_RATIO = 1.5


def stands_out(q: Question) -> bool:
    """True when the right option gives itself away by length: longer than LENGTH_RATIO
    times the longest wrong option (a test-wise student picks the longest)."""
    if q.kind != "mc":
        return False
    longest_wrong = max(len(o.text) for o in q.options if not o.correct)
    return len(q.correct.text) > LENGTH_RATIO * longest_wrong


@dataclass(frozen=True)
class Cases:
    """data/cases.yml: the words that show a question leans on something outside
    its own text. `pointers` are matched at the start of a word in any case ("tabel" also
    finds "tabellen"), a case's `names` as whole words as written. A course without cases
    has no file."""

    pointers: tuple[str, ...] = ()
    names: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (case page, its names)


def load_cases(path: Path) -> Cases:
    if not path.is_file():
        return Cases()
    root = load_root(path)
    pointers = tuple(root.strings("pointers"))
    cases = root.child("cases")
    names = []
    for page in cases.value:
        if not isinstance(page, str) or not page.endswith(".md"):
            raise DataError(root.source, "keys must be page paths ending in .md", cases.path(str(page)))
        names.append((page, tuple(cases.strings(page))))
    check_unknown(root)
    return Cases(pointers, tuple(names))


def needs_context(q: Question, page: str, cases: Cases) -> str | None:
    """Why question `q` on `page` needs a declared context, or None: it stands on a case
    page, or its text or options name a case or point at a table, figure, ..."""
    if any(page == case for case, _ in cases.names):
        return f"stands on the case page {page}"
    text = " ".join([q.question, *(o.text for o in q.options)])
    for case, names in cases.names:
        for name in names:
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                return f"names {name!r} of the case {case}"
    for word in cases.pointers:
        if re.search(rf"(?<!\w){re.escape(word)}", text, re.IGNORECASE):
            return f"says {word!r}"
    return None


def load_quizzes(path: Path) -> dict[str, tuple[Question, ...]]:
    """Page path -> its questions. Question ids are unique across the whole file.
    The one loader of the questions (macros and hooks share its result; read
    again only when the file or the cases file next to it changes)."""
    if not path.is_file():
        return _load_quizzes(path)  # raises "data file not found"
    stat = path.stat()
    cases = path.parent / CASES_NAME
    version = (cases.stat().st_mtime_ns, cases.stat().st_size) if cases.is_file() else (0, 0)
    return dict(_cached(str(path), stat.st_mtime_ns, stat.st_size, version))


@lru_cache(maxsize=8)
def _cached(path: str, mtime_ns: int, size: int, cases: tuple[int, int]) -> dict[str, tuple[Question, ...]]:
    return _load_quizzes(Path(path))


def _load_quizzes(path: Path) -> dict[str, tuple[Question, ...]]:
    cases = load_cases(path.parent / CASES_NAME)
    root = load_root(path)
    out: dict[str, tuple[Question, ...]] = {}
    where: dict[str, str] = {}
    for page in root.value:
        if not isinstance(page, str) or not page.endswith(".md"):
            raise DataError(root.source, "keys must be page paths ending in .md", str(page))
        root.knows(page)
        questions = []
        for node in root.children(page):
            q = _question(node, page)
            reason = None if q.context else needs_context(q, page, cases)
            if reason:
                raise DataError(
                    node.source,
                    f"question {q.id!r} {reason} but declares no context: add `context: [<heading id>]` "
                    "naming the section it needs (of this page, or <page>.md#<heading id>)",
                    node.path("context"),
                )
            if stands_out(q):
                raise DataError(
                    node.source,
                    f"the right option ({len(q.correct.text)} characters) is more than {LENGTH_RATIO} "
                    "times as long as the longest wrong one: it gives itself away; shorten it or "
                    "lengthen the others",
                    node.path("options"),
                )
            if q.id in where:
                raise DataError(
                    node.source, f"question id {q.id!r} is already used at {where[q.id]}", node.path("id")
                )
            where[q.id] = node.key
            questions.append(q)
        out[page] = tuple(questions)
    check_unknown(root)
    return out


def option_letter(i: int) -> str:
    """A, B, C, ...: how an option is named on paper (print.css numbers them the same way)."""
    return chr(ord("A") + i)


def render_rubric(parent: ET.Element, q: Question) -> None:
    """The scoring rubric: a table of kernpunten with their points and the total."""
    table = ET.SubElement(parent, "table", {"class": "ss-quiz__rubric"})
    ET.SubElement(table, "caption").text = f"Puntenverdeling (maximaal {q.max_points} punten)"
    head = ET.SubElement(ET.SubElement(table, "thead"), "tr")
    ET.SubElement(head, "th", {"scope": "col"}).text = "Kernpunt"
    ET.SubElement(head, "th", {"scope": "col"}).text = "Punten"
    body = ET.SubElement(table, "tbody")
    for criterion in q.rubric:
        row = ET.SubElement(body, "tr")
        ET.SubElement(row, "td").text = criterion.text
        ET.SubElement(row, "td").text = str(criterion.points)


KEY_TITLE = "Antwoorden bij de oefenvragen"


def render_key(parent: ET.Element, questions: tuple[Question, ...]) -> None:
    """The answer key for paper: hidden on screen, printed after the questions (a
    page printed alone has its answers at its end; on the print page the post-build
    pass gathers the keys at the end of each chapter). Item n answers question n."""
    key = ET.SubElement(parent, "div", {"class": "ss-quiz__key", "hidden": "hidden"})
    ET.SubElement(key, "p", {"class": "ss-quiz__key-title"}).text = KEY_TITLE
    listing = ET.SubElement(key, "ol", {"class": "ss-quiz__key-list"})
    for q in questions:
        item = ET.SubElement(listing, "li")
        if q.kind == "mc":
            first = ET.SubElement(item, "p")
            letter = option_letter(q.options.index(q.correct))
            ET.SubElement(first, "strong").text = letter
            first[0].tail = f" \N{EM DASH} {q.correct.text}"
        ET.SubElement(item, "p").text = q.answer_text
        if q.rubric:
            render_rubric(item, q)


def render_quiz(
    questions: tuple[Question, ...],
    uid: str,
    page: str,
    root: str = "",
    store: Mapping[str, str] | None = None,
) -> str:
    """One compact HTML block; element ids derive from uid so several quizzes can
    share a page (the print page shows them all); `data-question` carries the
    stable id that answers are stored under, `data-root` the way to the site root
    (the scope of the stored answers); `store` the course's storage attributes
    (`store_attributes`: its namespace and the progress page)."""
    box = ET.Element(
        "div",
        {
            "class": "ss-quiz",
            "id": uid,
            "data-quiz": page,
            "data-root": root or "./",
            **(store or {}),
            "data-search-exclude": "",
        },
    )
    ET.SubElement(box, "p", {"class": "ss-quiz__intro"}).text = (
        "Test jezelf. Kies bij een meerkeuzevraag een antwoord en kies dan Controleer; "
        "je antwoorden worden alleen in deze browser bewaard, als die dat toestaat "
        "(anders zie je een melding)."
    )
    listing = ET.SubElement(box, "ol", {"class": "ss-quiz__list"})
    for n, q in enumerate(questions, 1):
        qid = f"{uid}-q{n}"
        item = ET.SubElement(
            listing,
            "li",
            {"class": f"ss-quiz__item ss-quiz__item--{q.kind}", "id": qid, "data-question": q.id},
        )
        if q.kind == "mc":
            item.set("data-correct", q.correct.key)
            fieldset = ET.SubElement(item, "fieldset", {"class": "ss-quiz__fieldset"})
            ET.SubElement(fieldset, "legend", {"class": "ss-quiz__question"}).text = q.question
            for option in q.options:
                label = ET.SubElement(fieldset, "label", {"class": "ss-quiz__option"})
                ET.SubElement(label, "input", {"type": "radio", "name": qid, "value": option.key})
                ET.SubElement(label, "span").text = option.text
            ET.SubElement(item, "p", {"class": "ss-quiz__feedback", "aria-live": "polite"})
            summary_text = "Toon het juiste antwoord"
            body = [f"Juist antwoord: {q.correct.text}.", q.answer_text]
        else:
            ET.SubElement(item, "p", {"class": "ss-quiz__question"}).text = q.question
            summary_text = "Toon het modelantwoord en de puntenverdeling"
            body = [q.answer_text]
        details = ET.SubElement(item, "details", {"class": "ss-quiz__answer"})
        ET.SubElement(details, "summary").text = summary_text
        for paragraph in body:
            ET.SubElement(details, "p").text = paragraph
        if q.rubric:
            render_rubric(details, q)
    render_key(box, questions)
    controls = ET.SubElement(box, "div", {"class": "ss-quiz__controls", "hidden": "hidden"})
    ET.SubElement(controls, "p", {"class": "ss-quiz__score", "aria-live": "polite"})
    ET.SubElement(
        controls, "button", {"type": "button", "class": "md-button ss-quiz__reset"}
    ).text = "Opnieuw beginnen"
    return ET.tostring(box, encoding="unicode", method="html").replace("\n", " ")
