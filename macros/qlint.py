"""The question lint: classes of flawed practice questions that the build refuses.

Each rule looks at one question and says what is wrong with it, or nothing:

- `absolute-distractors`: at least ABSOLUTE_MIN wrong options carry an absolute word
  ("altijd", "nooit", "alleen", ...) and the right option none. A test-wise student
  picks the only hedged option without knowing the content.
- `duplicate-options`: two options of one question say the same, once case, spaces,
  quotes and punctuation are ignored.
- `case-pointer-options`: the stem says its options come from a case or a table ("uit
  de casus", "in de tabel": the pointer words of data/cases.yml), yet an option
  does not occur in the question's `context:` sections; only the right one usually
  does, which gives it away.
- `rubric-total`: a rubric line that says how it scores ("Vier passende vragen, 1 punt
  per vraag", "½ punt per naam en ½ punt per indeling") does not add up to its points,
  or a total stated in the question ("(10 punten)") differs from the rubric's sum.

An exception lives in data/lint_exceptions.yml, as `<question id>: {<rule>:
<reason>}`. It must name a question and a rule that exist, give a reason, and still be
needed: an exception for a rule that no longer fires fails the build too, so every
exception in the file stays meaningful.

The lint runs in the build (macros/outputs.py) once the pages are rendered, because the
case rule compares options with the text of the sections a reader sees.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser

from .course import load_settings
from .errors import DataError
from .quiz import CASES_NAME, Question, load_cases
from .schema import display_path, load_root

EXCEPTIONS_NAME = "lint_exceptions.yml"  # next to quizzes.yml

ABSOLUTE_MIN = 2  # wrong options with an absolute word, while the right one has none

# A stem points at the case for its options when a preposition and an article stand
# before one of the pointer words of cases.yml: "uit de casus", "in de tabel".
POINTING = r"(?:uit|in|volgens|van)\s+(?:de|het|deze|dit)\s+"

# An option "occurs" in the case when its normalised text is a substring of the case's
# text, or when at least this share of its words (of 3 letters or more) occur there.
OCCURS_SHARE = 0.8

# The count of a rubric line is a number word among its first two words ("Vier passende
# vragen", "De vijf genoemde stappen"); "een" is left out: it is mostly the article.
NUMBER_WORDS = {
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
}
_AMOUNT = r"(\d+(?:,\d+)?|½|een half)"
_PER_UNIT = re.compile(rf"{_AMOUNT}\s+punt(?:en)?\s+per\s+\w+", re.IGNORECASE)
_STATED_TOTAL = re.compile(
    r"\((\d+)\s+punten\)|(?:maximaal|totaal|in totaal)\s+(\d+)\s+punten", re.IGNORECASE
)


@dataclass(frozen=True)
class Finding:
    page: str
    question: str
    rule: str
    message: str
    exception: bool = False  # about an entry of the exceptions file, not the question itself

    def line(self, source: str, exceptions_source: str = EXCEPTIONS_NAME) -> str:
        if self.exception:
            return f"{exceptions_source}: {self.question}.{self.rule}: {self.message}"
        return f"{source}: {self.page}: question {self.question!r}: {self.rule}: {self.message}"


class LintError(DataError):
    """One or more findings: one line each, naming file, question id and rule."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("", "")
        self.lines = lines
        self.args = ("\n".join(lines),)

    def __str__(self) -> str:
        return "\n".join(self.lines)


def normalise(text: str) -> str:
    """Case, quotes, punctuation and spaces ignored: the words, lower-case, one space apart.
    Digits, %, € and signs stay (they are content: "+22" is not "22")."""
    kept = []
    for ch in text.casefold():
        kind = unicodedata.category(ch)
        if kind.startswith("P") and ch not in "%":
            kept.append(" ")
        else:
            kept.append(ch)
    return " ".join("".join(kept).split())


def _has_word(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE) is not None


class Words(NamedTuple):
    """The course's words the rules look for: the pointer words of cases.yml and the words
    that make a statement absolute (`absolute_words` in course.yml; a multi-word entry is
    matched as a phrase)."""

    pointers: tuple[str, ...]
    absolute: tuple[str, ...]


def absolute_words(text: str, words: Iterable[str]) -> list[str]:
    return [w for w in words if _has_word(text, w)]


def absolute_distractors(q: Question, context: str, words: Words) -> str | None:
    if q.kind != "mc" or absolute_words(q.correct.text, words.absolute):
        return None
    marked = [(o.text, absolute_words(o.text, words.absolute)) for o in q.options if not o.correct]
    marked = [(text, found) for text, found in marked if found]
    if len(marked) < ABSOLUTE_MIN:
        return None
    listed = "; ".join(f"{text!r} ({', '.join(found)})" for text, found in marked)
    return (
        f"{len(marked)} wrong options carry an absolute word and the right one none, so the "
        f"hedged option gives itself away: {listed}"
    )


def duplicate_options(q: Question, context: str, words: Words) -> str | None:
    seen: dict[str, str] = {}
    for option in q.options:
        key = normalise(option.text)
        if key in seen:
            return f"options {seen[key]!r} and {option.text!r} say the same"
        seen[key] = option.text
    return None


def _words(text: str) -> list[str]:
    return [w for w in text.split() if len(w) >= 3 or any(c.isdigit() for c in w)]


def occurs(option: str, context: str) -> bool:
    """Whether an option occurs in a case text (both normalised): as a substring, or with
    at least OCCURS_SHARE of its words found in the text."""
    needle, haystack = normalise(option), normalise(context)
    if needle in f" {haystack} ":
        return True
    words = _words(needle)
    present = set(haystack.split())
    return bool(words) and sum(w in present for w in words) >= OCCURS_SHARE * len(words)


def case_pointer_options(q: Question, context: str, words: Words) -> str | None:
    pointers = words.pointers
    if q.kind != "mc":
        return None
    pattern = POINTING + "(?:" + "|".join(re.escape(p) for p in pointers) + r")\w*"
    said = re.search(pattern, q.question, re.IGNORECASE)
    if not pointers or said is None:
        return None
    missing = [o.text for o in q.options if not occurs(o.text, context)]
    if not missing:
        return None
    where = ", ".join(c.key for c in q.context) or "no context declared"
    return (
        f"the question says {said.group(0)!r}, but {len(missing)} of its options do not occur "
        f"there ({where}): " + "; ".join(repr(m) for m in missing)
    )


def _amount(raw: str) -> Fraction:
    if raw in ("½", "een half"):
        return Fraction(1, 2)
    return Fraction(raw.replace(",", "."))


def rubric_total(q: Question, context: str, words: Words) -> str | None:
    if q.kind != "open":
        return None
    problems = []
    for n, criterion in enumerate(q.rubric, 1):
        units = _PER_UNIT.findall(criterion.text)
        if not units:
            continue
        first = [w.casefold() for w in criterion.text.split()[:2]]
        counted = [NUMBER_WORDS[w] for w in first if w in NUMBER_WORDS]
        if not counted:
            continue  # "Per perspectief ..., 1 punt per perspectief": the count is not written
        number = counted[0]
        expected = number * sum(_amount(u) for u in units)
        if expected != criterion.points:
            problems.append(
                f"rubric line {n} says {number} x {' + '.join(units)} punt = {expected}, "
                f"but gives {criterion.points} points"
            )
    stated = _STATED_TOTAL.search(q.question)
    if stated:
        total = int(stated.group(1) or stated.group(2))
        if total != q.max_points:
            problems.append(f"the question states {total} points, but the rubric adds up to {q.max_points}")
    return "; ".join(problems) or None


# A rule: the question, the text of its context sections and the course's words in;
# what is wrong with the question out, or None.
Rule = Callable[[Question, str, Words], str | None]
RULES: dict[str, Rule] = {
    "absolute-distractors": absolute_distractors,
    "duplicate-options": duplicate_options,
    "case-pointer-options": case_pointer_options,
    "rubric-total": rubric_total,
}


def section_text(html: str) -> str:
    """The text a reader sees in a section's HTML (parsed, never matched as text)."""
    return LexborHTMLParser(html).text(separator=" ")


def lint(
    quizzes: Mapping[str, tuple[Question, ...]],
    texts: Mapping[str, str],
    pointers: Iterable[str],
    exceptions: Mapping[str, Mapping[str, str]],
    absolute: Iterable[str],
) -> list[Finding]:
    """Every finding of every rule that no exception covers, plus every exception that is
    no longer needed. `texts`: context key (page#anchor) -> the section's text."""
    words = Words(tuple(pointers), tuple(absolute))
    findings: list[Finding] = []
    ids = set()
    for page, questions in quizzes.items():
        for q in questions:
            ids.add(q.id)
            context = "\n".join(texts.get(c.key, "") for c in q.context)
            excepted = exceptions.get(q.id, {})
            for name, rule in RULES.items():
                problem = rule(q, context, words)
                if problem and name not in excepted:
                    findings.append(Finding(page, q.id, name, problem))
                elif not problem and name in excepted:
                    message = "no longer needed (the rule does not fire on this question): remove it"
                    findings.append(Finding(page, q.id, name, message, exception=True))
    for qid, rules_excepted in exceptions.items():
        if qid not in ids:
            findings.append(Finding("", qid, "", "no question has this id", exception=True))
        for name in rules_excepted:
            if name not in RULES:
                message = f"unknown rule (rules: {', '.join(RULES)})"
                findings.append(Finding("", qid, name, message, exception=True))
    return findings


def load_exceptions(path: Path) -> dict[str, dict[str, str]]:
    """`<question id>: {<rule>: <reason>}`; no file means no exceptions."""
    if not path.is_file():
        return {}
    root = load_root(path)
    out: dict[str, dict[str, str]] = {}
    for qid in root.value:
        root.knows(str(qid))
        node = root.child(str(qid))
        out[str(qid)] = {}
        for rule in node.value:
            node.knows(str(rule))
            out[str(qid)][str(rule)] = node.text(str(rule))
    return out


def check(
    quizzes: Mapping[str, tuple[Question, ...]],
    contexts: Mapping[str, Mapping[str, str]],
    quizzes_file: Path,
) -> None:
    """The build's check: `contexts` as macros.study.contexts returns them (key -> its
    section with the HTML). The cases and the exceptions are read next to `quizzes_file`.
    Raises LintError with one line per finding."""
    cases = load_cases(quizzes_file.parent / CASES_NAME)
    texts = {key: section_text(value["html"]) for key, value in contexts.items()}
    exceptions_file = quizzes_file.parent / EXCEPTIONS_NAME
    absolute = load_settings(quizzes_file.parent).absolute_words
    findings = lint(quizzes, texts, cases.pointers, load_exceptions(exceptions_file), absolute)
    if findings:
        sources = (display_path(quizzes_file), display_path(exceptions_file))
        raise LintError([f.line(*sources) for f in findings])
