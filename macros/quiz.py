"""Practice questions (macros/data/quizzes.yml) rendered as a progressive quiz.

Without JavaScript every question, option and model answer is readable;
docs/assets/javascripts/quiz.js adds feedback, a score and localStorage.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .schema import DATA_DIR, Node, load_root

QUIZZES_FILE = DATA_DIR / "quizzes.yml"


@dataclass(frozen=True)
class Question:
    kind: str  # "mc" or "open"
    question: str
    answer_text: str
    options: tuple[str, ...] = ()
    answer: int = -1


def _question(node: Node) -> Question:
    kind = node.text("type")
    if kind == "mc":
        options = tuple(node.strings("options"))
        if len(options) < 2:
            raise DataError(
                node.source, "a multiple-choice question needs at least 2 options", node.path("options")
            )
        answer = node.integer("answer")
        if not 0 <= answer < len(options):
            raise DataError(
                node.source,
                f"answer {answer} is not an option index (0-{len(options) - 1})",
                node.path("answer"),
            )
        return Question("mc", node.text("question"), node.text("explanation"), options, answer)
    if kind == "open":
        return Question("open", node.text("question"), node.text("answer"))
    raise DataError(node.source, f"unknown question type {kind!r} (use 'mc' or 'open')", node.path("type"))


def load_quizzes(path: Path = QUIZZES_FILE) -> dict[str, tuple[Question, ...]]:
    root = load_root(path)
    out: dict[str, tuple[Question, ...]] = {}
    for page in root.value:
        if not isinstance(page, str) or not page.endswith(".md"):
            raise DataError(root.source, "keys must be page paths ending in .md", str(page))
        out[page] = tuple(_question(q) for q in root.children(page))
    return out


def render_quiz(questions: tuple[Question, ...], uid: str, page: str) -> str:
    """One compact HTML block; ids derive from uid so several quizzes can share a page."""
    box = ET.Element("div", {"class": "ss-quiz", "id": uid, "data-quiz": page, "data-search-exclude": ""})
    ET.SubElement(box, "p", {"class": "ss-quiz__intro"}).text = (
        "Test jezelf. Bij meerkeuzevragen krijg je direct feedback; "
        "je score wordt alleen in deze browser bewaard."
    )
    listing = ET.SubElement(box, "ol", {"class": "ss-quiz__list"})
    for n, q in enumerate(questions, 1):
        qid = f"{uid}-q{n}"
        item = ET.SubElement(listing, "li", {"class": f"ss-quiz__item ss-quiz__item--{q.kind}", "id": qid})
        if q.kind == "mc":
            item.set("data-answer", str(q.answer))
            fieldset = ET.SubElement(item, "fieldset", {"class": "ss-quiz__fieldset"})
            ET.SubElement(fieldset, "legend", {"class": "ss-quiz__question"}).text = q.question
            for i, option in enumerate(q.options):
                label = ET.SubElement(fieldset, "label", {"class": "ss-quiz__option"})
                ET.SubElement(label, "input", {"type": "radio", "name": qid, "value": str(i)})
                ET.SubElement(label, "span").text = option
            ET.SubElement(item, "p", {"class": "ss-quiz__feedback", "aria-live": "polite"})
            summary_text = "Toon het juiste antwoord"
            body = [f"Juist antwoord: {q.options[q.answer]}.", q.answer_text]
        else:
            ET.SubElement(item, "p", {"class": "ss-quiz__question"}).text = q.question
            summary_text = "Toon het modelantwoord"
            body = [q.answer_text]
        details = ET.SubElement(item, "details", {"class": "ss-quiz__answer"})
        ET.SubElement(details, "summary").text = summary_text
        for paragraph in body:
            ET.SubElement(details, "p").text = paragraph
    controls = ET.SubElement(box, "div", {"class": "ss-quiz__controls", "hidden": "hidden"})
    ET.SubElement(controls, "p", {"class": "ss-quiz__score", "aria-live": "polite"})
    ET.SubElement(
        controls, "button", {"type": "button", "class": "md-button ss-quiz__reset"}
    ).text = "Opnieuw beginnen"
    return ET.tostring(box, encoding="unicode", method="html").replace("\n", " ")
