"""The data behind the study pages (Mijn voortgang, Herhalen, Toetsen), as one script
`assets/javascripts/study-data.js` that defines `window.StudyData`.

A script rather than JSON: the pages must work from file://, where fetch() of a local
file is refused. Pure functions: register, questions and navigation in, text out.

Every card and question carries its stable id from the data and a short hash of its
content: a stored review schedule whose hash no longer matches starts again (the text
changed), one whose id is gone is dropped (the card was removed).
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

from .concepts import Concept
from .course import Settings
from .errors import DataError
from .quiz import Question, option_key
from .schema import display_path

STUDY_DATA_FILE = "assets/javascripts/study-data.js"


@dataclass(frozen=True)
class Chapter:
    title: str
    pages: tuple[tuple[str, str], ...]  # (docs path, title)


def chapters(nav: Any) -> list[Chapter]:
    """The chapters of mkdocs.yml's nav: each top-level section with its pages in order
    (the section's index page first, titled after the section)."""
    out: list[Chapter] = []
    for item in nav or []:
        if not isinstance(item, dict):
            continue
        for title, value in item.items():
            if not isinstance(value, list):
                continue
            pages: list[tuple[str, str]] = []
            for entry in value:
                if isinstance(entry, str):
                    pages.append((entry, title))
                elif isinstance(entry, dict):
                    pages.extend((path, name) for name, path in entry.items() if isinstance(path, str))
            out.append(Chapter(title, tuple(pages)))
    return out


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:12]


def html_path(page: str) -> str:
    return page.removesuffix(".md") + ".html"


HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BASE = "https://site.invalid/"  # resolves a page's relative links to site-root-relative ones


def section(html: str, page: str, anchor: str) -> tuple[str, str] | None:
    """The section of a rendered page (the Markdown's HTML) that starts at the heading with
    id `anchor`, up to the next heading of its level or higher: (heading text, body HTML).
    None when `anchor` is not a heading's id. Shown again elsewhere (a test, a review card),
    so the body loses its ids and permalinks and its links become relative to the site
    root; done on the parser, never on the text."""
    tree = LexborHTMLParser(html)
    heading = tree.css_first(f'[id="{anchor}"]') if anchor.replace("-", "").isalnum() else None
    if heading is None or heading.tag not in HEADINGS or heading.parent is None:
        return None
    level = heading.tag
    for link in heading.css("a.headerlink"):
        link.decompose()
    title = " ".join(heading.text(deep=True).split())
    inside = []
    node = heading.next
    while node is not None and not (node.tag in HEADINGS and node.tag <= level):
        inside.append(node)
        node = node.next
    parts: list[str] = []
    for part in inside:
        if part.tag == "-text":
            parts.append(part.html or "")
            continue
        for link in part.css("a.headerlink"):
            link.decompose()
        for element in [part, *part.css("*")]:
            if "id" in element.attributes:
                del element.attrs["id"]
            href = element.attributes.get("href") if element.tag == "a" else None
            if href is not None:
                resolved = urljoin(_BASE + html_path(page), href)
                element.attrs["href"] = resolved.removeprefix(_BASE)
        parts.append(part.html or "")
    return title, "".join(parts).strip()


def check_quiz_pages(
    quizzes: Mapping[str, tuple[Question, ...]], pages: Mapping[str, str], source_path: Path
) -> None:
    """Questions are for a page that shows them: `{{ quiz() }}` on it (a quiz section in its
    rendered HTML, `pages`: docs path -> HTML). Else a student never sees them on the page,
    while tests and review do."""
    source = display_path(source_path)
    for page in quizzes:
        html = pages.get(page)
        if html is None:
            raise DataError(source, f"docs/{page} is not a page of the site (not in the nav)", page)
        if LexborHTMLParser(html).css_first(".ss-quiz") is None:
            raise DataError(
                source,
                f"questions for docs/{page}, which shows no quiz: put {{{{ quiz() }}}} on the page "
                "(where the practice questions belong) or move the questions",
                page,
            )


def contexts(
    quizzes: Mapping[str, tuple[Question, ...]], pages: Mapping[str, str], source_path: Path
) -> dict[str, dict[str, str]]:
    """Every section that a question declares as its context (quizzes.yml `context:`), once,
    keyed `page#anchor`: its heading, page, link and HTML, from `pages` (docs path ->
    rendered HTML). A page or heading that does not exist is an error naming the question."""
    out: dict[str, dict[str, str]] = {}
    source = display_path(source_path)
    for qs in quizzes.values():
        for q in qs:
            for c in q.context:
                if c.key in out:
                    continue
                fail = f"question {q.id!r}: "
                if c.page not in pages:
                    raise DataError(source, f"{fail}docs/{c.page} is not a page of the site", c.where)
                found = section(pages[c.page], c.page, c.anchor)
                if found is None:
                    raise DataError(
                        source, f"{fail}no heading with id {c.anchor!r} in docs/{c.page}", c.where
                    )
                title, body = found
                href = f"{html_path(c.page)}#{c.anchor}"
                out[c.key] = {"title": title, "page": c.page, "href": href, "html": body}
    return out


def question_data(page: str, q: Question) -> dict[str, Any]:
    data: dict[str, Any] = {"id": q.id, "page": page, "kind": q.kind, "text": q.question}
    if q.context:
        data["context"] = [c.key for c in q.context]
    if q.kind == "mc":
        data["options"] = [{"k": o.key, "t": o.text} for o in q.options]
        data["correct"] = q.correct.key
        data["explanation"] = q.answer_text
        data["hash"] = digest(q.question, *(o.text for o in q.options), q.correct.key)
    else:
        data["answer"] = q.answer_text
        # Each point with a key from its text (like an option's): the browser keeps the ticked keys.
        data["rubric"] = [{"k": option_key(c.text), "t": c.text, "p": c.points} for c in q.rubric]
        data["hash"] = digest(q.question, q.answer_text, *(f"{c.points}\x1e{c.text}" for c in q.rubric))
    return data


def concept_data(c: Concept, definition: str) -> dict[str, Any]:
    return {
        "id": c.id,
        "term": c.term,
        "abbr": c.abbr or "",
        "definition": definition,
        "page": c.page,
        "href": c.href,
        "hash": digest(c.term, definition),
    }


def study_data(
    concepts: Iterable[Concept],
    quizzes: Mapping[str, tuple[Question, ...]],
    nav: Any,
    settings: Settings,
    plain: Mapping[str, str] | None = None,
    contexts: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, Any]:
    """Everything the study pages show. `plain` maps a concept id to its definition as
    plain text (definitions may hold Markdown); the raw definition otherwise. `contexts`:
    the sections questions declare as their context (see `contexts`). The course's
    settings give the practice tests' sizes (`test`) and the study pages' places (`views`)."""
    by_page: dict[str, list[str]] = {}
    concept_list = []
    for c in sorted(concepts, key=lambda c: c.id):
        definition = (plain or {}).get(c.id, c.definition)
        concept_list.append(concept_data(c, definition))
        by_page.setdefault(c.page, []).append(c.id)
    # Multiple-choice questions are reviewed, tested and counted; open ones come in tests (the
    # student scores them against the rubric) and, once scored, in the review.
    questions = [question_data(page, q) for page, qs in quizzes.items() for q in qs]
    chapter_list = []
    for number, chapter in enumerate(chapters(nav), 1):
        pages = [
            {
                "path": path,
                "title": title,
                "href": html_path(path),
                "questions": [q.id for q in quizzes.get(path, ())],
                "concepts": by_page.get(path, []),
            }
            for path, title in chapter.pages
        ]
        chapter_list.append({"number": number, "title": chapter.title, "pages": pages})
    data: dict[str, Any] = {
        "chapters": chapter_list,
        "questions": questions,
        "concepts": concept_list,
        "test": dict(settings.practice_test),
        "views": {view: html_path(page) for view, page in settings.study_pages.items()},
        "files": settings.files,
    }
    if contexts:
        data["contexts"] = {key: dict(value) for key, value in contexts.items()}
    return data


def study_script(data: Mapping[str, Any]) -> str:
    """The data as a script; `</` is escaped so no text can end a script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return "window.StudyData=" + text.replace("</", "<\\/") + ";\n"


STUDY_VIEWS = {
    "voortgang": "Mijn voortgang",
    "herhalen": "Herhalen",
    "toets": "Toetsen",
    "toetslinks": "Toetslinks voor docenten",
}
# Views with their own status line (role="status"): the rest of the app is not read aloud
# on every re-render.
QUIET_VIEWS = frozenset({"voortgang", "herhalen"})
NO_JS = "{which} heeft JavaScript nodig: schakel het in om {what} te gebruiken."


def store_attributes(settings: Settings) -> dict[str, str]:
    """What store.js needs on every widget that keeps answers: the course's storage
    namespace and its progress page (linked from a notice), site-relative."""
    return {"data-store": settings.storage, "data-progress": html_path(settings.study_pages["voortgang"])}


def render_study(view: str, root: str, settings: Settings) -> str:
    """The mount point of a study page: study.js fills `.ss-study__app`. Without JavaScript
    the reader sees one Dutch sentence that says so; on paper nothing (see extra.css)."""
    box = ET.Element(
        "div",
        {
            "class": "ss-study",
            "data-study": view,
            "data-root": root or "./",
            **store_attributes(settings),
            "data-search-exclude": "",
        },
    )
    part = view == "toetslinks"  # a section of a page, not a page
    what = "de toetslinks" if part else STUDY_VIEWS[view].lower()
    which = "Dit onderdeel" if part else "Deze pagina"
    ET.SubElement(box, "p", {"class": "ss-study__nojs"}).text = NO_JS.format(which=which, what=what)
    app = ET.SubElement(box, "div", {"class": "ss-study__app"})
    if view not in QUIET_VIEWS:
        app.set("aria-live", "polite")
    return ET.tostring(box, encoding="unicode", method="html")
