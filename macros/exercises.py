"""Interactive exercises (`{{ exercise("<name>") }}`): the parts every calculator is built of,
and the discovery of a course's calculators.

A course's calculators live in its `exercises/` folder: each module there has `EXERCISES`, a
mapping of name -> renderer, and the course's script `docs/assets/javascripts/exercises.js`
(with `docs/assets/stylesheets/exercises.css`) does their arithmetic; lazy.js loads both when a
page has a calculator. Each renderer is a pure function `(uid) -> str` returning one compact HTML
block (ElementTree, so everything is escaped; every id starts with uid): the form and an empty
output region, built from the helpers here. The form has
two groups: the figures of an exercise and "Jouw uitwerking", the student's own result of each step
of the page's method. Every field starts empty; the figure fields carry the page's worked example in
data-example, which "Voorbeeld invullen" fills in. the course's exercises.js is the only
implementation of the arithmetic, the checking and the result texts; it enables the form. Without
JavaScript the form stays disabled and a note points to the worked example in the prose.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from .discovery import course_module
from .errors import DataError
from .schema import display_path


def sub(
    parent: ET.Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None
) -> ET.Element:
    node = ET.SubElement(parent, tag, attrs or {})
    if text is not None:
        node.text = text
    return node


def frame(uid: str, name: str, title: str, intro: str, example: tuple[str, str]) -> ET.Element:
    """The wrapper with title, intro and the no-JS note, which links to the worked example
    (`example`: its anchor on the page, what it shows)."""
    box = ET.Element(
        "section",
        {
            "class": f"ss-exercise ss-exercise--{name.replace('_', '-')}",
            "id": uid,
            "data-exercise": name,
            "data-search-exclude": "",
            "aria-labelledby": f"{uid}-title",
        },
    )
    sub(box, "p", {"class": "ss-exercise__title", "id": f"{uid}-title"}, title)
    sub(box, "p", {"class": "ss-exercise__intro"}, intro)
    note = sub(box, "p", {"class": "ss-exercise__nojs"}, "Zonder JavaScript kun je hier niet rekenen. Het ")
    sub(note, "a", {"href": f"#{example[0]}"}, "uitgewerkte voorbeeld").tail = f" hierboven {example[1]}."
    return box


def form(box: ET.Element, uid: str) -> ET.Element:
    """The form; its fieldset starts disabled (exercises.js enables it)."""
    form = sub(box, "form", {"class": "ss-exercise__form", "id": f"{uid}-form", "novalidate": ""})
    return sub(form, "fieldset", {"class": "ss-exercise__fieldset", "disabled": "disabled"})


def group(parent: ET.Element, legend: str, name: str) -> ET.Element:
    """A titled group of fields: the exercise's figures or the student's own answers."""
    group = sub(parent, "fieldset", {"class": f"ss-exercise__group ss-exercise__group--{name}"})
    sub(group, "legend", {"class": "ss-exercise__legend"}, legend)
    return group


def field(
    parent: ET.Element, input_id: str, label: str, example: str | None = None, inputmode: str = "numeric"
) -> None:
    """A labelled text field, empty; `example` is the worked example's value ("Voorbeeld
    invullen"). A field that may be negative uses inputmode="text": the phone keyboards of
    "numeric" and "decimal" may have no minus key."""
    # type="text": a number input would read "1.000" as 1 (see parseDutch in exercises.js).
    cell = sub(parent, "div", {"class": "ss-exercise__field"})
    sub(cell, "label", {"for": input_id}, label)
    attrs = {"id": input_id, "name": input_id, "type": "text", "inputmode": inputmode, "autocomplete": "off"}
    sub(cell, "input", {**attrs, **({"data-example": example} if example is not None else {})})


def answers(fieldset: ET.Element, uid: str, fields: Sequence[tuple[str, str, str]]) -> None:
    """The group "Jouw uitwerking": per step of the page's method (id suffix, label, inputmode)."""
    grid = sub(
        group(fieldset, "Jouw uitwerking", "answers"),
        "div",
        {"class": "ss-exercise__grid ss-exercise__grid--answers"},
    )
    for suffix, label, inputmode in fields:
        field(grid, f"{uid}-answer-{suffix}", label, inputmode=inputmode)


def finish(box: ET.Element, fieldset: ET.Element, uid: str, table: bool = False) -> str:
    """Buttons, the (empty) live output region and, for a table, its (hidden) place; the whole
    block as one line."""
    row = sub(fieldset, "div", {"class": "ss-exercise__buttons"})
    primary = {"type": "submit", "class": "ss-exercise__button ss-exercise__button--primary"}
    sub(row, "button", primary, "Controleer")
    for action, text in (
        ("solve", "Toon de uitwerking"),
        ("example", "Voorbeeld invullen"),
        ("clear", "Wissen"),
    ):
        sub(row, "button", {"type": "button", "class": "ss-exercise__button", "data-action": action}, text)
    status = {"class": "ss-exercise__output", "id": f"{uid}-status", "role": "status", "aria-live": "polite"}
    sub(box, "div", status)
    if table:
        sub(box, "div", {"class": "ss-exercise__table-wrap", "id": f"{uid}-table", "hidden": "hidden"})
    return ET.tostring(box, encoding="unicode", method="html").replace("\n", " ")


Renderer = Callable[[str], str]
COURSE_EXERCISES = "exercises"  # a course's calculators: <course>/exercises/<module>.py


def exercises(course_root: Path) -> dict[str, Renderer]:
    """Every calculator of the course, by name (its `exercises/` modules' EXERCISES); a module
    is imported again when its file changes (make serve)."""
    folder = course_root / COURSE_EXERCISES
    files = [f for f in sorted(folder.glob("*.py")) if not f.name.startswith("_")] if folder.is_dir() else []
    return dict(_exercises(tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)))


@lru_cache(maxsize=8)
def _exercises(stamps: tuple[tuple[str, int, int], ...]) -> dict[str, Renderer]:
    out: dict[str, Renderer] = {}
    for path, _, _ in stamps:
        file = Path(path)
        module = course_module(file, COURSE_EXERCISES)
        found = getattr(module, "EXERCISES", None)
        if not isinstance(found, dict):
            raise DataError(display_path(file), "a module of calculators needs EXERCISES: {name: renderer}")
        for name, render in found.items():
            if name in out:
                raise DataError(display_path(file), f"calculator {name!r} is defined twice")
            out[name] = render
    return out
