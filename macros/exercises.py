"""Interactive exercises: `{{ exercise("nps_calculator") }}` and `{{ exercise("target_split") }}`.

Each renderer is a pure function `(uid) -> str` returning one compact HTML block (ElementTree, so
everything is escaped; every id starts with uid): the form, filled with the page's worked example,
and an empty output region. docs/assets/javascripts/exercises.js is the only implementation of the
arithmetic and the result texts; it enables the form and shows the example's result. Without
JavaScript the form stays disabled and a note points to the worked example in the prose.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

# The worked examples of docs/h1/nps.md (the bicycle shop) and docs/h2/targets.md (the point-of-sale
# software supplier), as a reader would type them; tests/test_exercises.py checks them against the
# tables in the built pages.
NPS_EXAMPLE: tuple[int, ...] = (1, 2, 3, 4, 6, 12, 18, 20, 38, 56, 40)
TARGET_EXAMPLE_TOTAL = "2.400.000"
# (region, share in percent, sum of the account plans in euros)
TARGET_EXAMPLE: tuple[tuple[str, str, str], ...] = (
    ("Noord", "25", "560.000"),
    ("Midden", "45", "1.120.000"),
    ("Zuid", "30", "640.000"),
)


def _sub(
    parent: ET.Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None
) -> ET.Element:
    node = ET.SubElement(parent, tag, attrs or {})
    if text is not None:
        node.text = text
    return node


def _frame(uid: str, name: str, title: str, intro: str, example: tuple[str, str]) -> ET.Element:
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
    _sub(box, "p", {"class": "ss-exercise__title", "id": f"{uid}-title"}, title)
    _sub(box, "p", {"class": "ss-exercise__intro"}, intro)
    note = _sub(box, "p", {"class": "ss-exercise__nojs"}, "Zonder JavaScript kun je hier niet rekenen. Het ")
    _sub(note, "a", {"href": f"#{example[0]}"}, "uitgewerkte voorbeeld").tail = f" hierboven {example[1]}."
    return box


def _form(box: ET.Element, uid: str, legend: str) -> ET.Element:
    """The form; its fieldset starts disabled (exercises.js enables it)."""
    form = _sub(box, "form", {"class": "ss-exercise__form", "id": f"{uid}-form", "novalidate": ""})
    fieldset = _sub(form, "fieldset", {"class": "ss-exercise__fieldset", "disabled": "disabled"})
    _sub(fieldset, "legend", {"class": "ss-exercise__legend"}, legend)
    return fieldset


def _field(parent: ET.Element, input_id: str, label: str, value: str, inputmode: str = "numeric") -> None:
    # type="text": a number input would read "1.000" as 1 (see parseDutch in exercises.js).
    cell = _sub(parent, "div", {"class": "ss-exercise__field"})
    _sub(cell, "label", {"for": input_id}, label)
    attrs = {"id": input_id, "name": input_id, "type": "text", "inputmode": inputmode, "autocomplete": "off"}
    _sub(cell, "input", {**attrs, "value": value})


def _finish(box: ET.Element, fieldset: ET.Element, uid: str, table: bool = False) -> str:
    """Buttons, the (empty) live output region and, for a table, its (hidden) place; the whole
    block as one line."""
    row = _sub(fieldset, "div", {"class": "ss-exercise__buttons"})
    primary = {"type": "submit", "class": "ss-exercise__button ss-exercise__button--primary"}
    _sub(row, "button", primary, "Bereken")
    for action, text in (("example", "Voorbeeld invullen"), ("clear", "Wissen")):
        _sub(row, "button", {"type": "button", "class": "ss-exercise__button", "data-action": action}, text)
    status = {"class": "ss-exercise__output", "id": f"{uid}-status", "role": "status", "aria-live": "polite"}
    _sub(box, "div", status)
    if table:
        _sub(box, "div", {"class": "ss-exercise__table-wrap", "id": f"{uid}-table", "hidden": "hidden"})
    return ET.tostring(box, encoding="unicode", method="html").replace("\n", " ")


def render_nps_calculator(uid: str, example: Sequence[int] = NPS_EXAMPLE) -> str:
    box = _frame(
        uid,
        "nps_calculator",
        "Rekenhulp: de NPS berekenen",
        "Vul per cijfer in hoeveel klanten dat cijfer gaven en kies Bereken. De velden staan ingevuld "
        "met het voorbeeld van de fietsenwinkel; met Wissen begin je met lege velden.",
        ("nps-voorbeeld", "laat stap voor stap zien hoe je de NPS berekent"),
    )
    fieldset = _form(box, uid, "Aantal klanten per cijfer (0 tot en met 10)")
    grid = _sub(fieldset, "div", {"class": "ss-exercise__grid ss-exercise__grid--scores"})
    for score, count in enumerate(example):
        _field(grid, f"{uid}-score-{score}", f"Aantal keer score {score}", str(count))
    return _finish(box, fieldset, uid)


def render_target_split(
    uid: str,
    total: str = TARGET_EXAMPLE_TOTAL,
    regions: Sequence[tuple[str, str, str]] = TARGET_EXAMPLE,
) -> str:
    box = _frame(
        uid,
        "target_split",
        "Rekenhulp: target top-down verdelen en vergelijken met bottom-up",
        "Vul het jaartarget in, het aandeel van elke regio (samen 100 %) en per regio de som van de "
        "accountplannen (bottom-up), in hele euro's. De velden staan ingevuld met het rekenvoorbeeld "
        "van de leverancier van kassasoftware.",
        ("rekenvoorbeeld", "laat zien hoe je het target verdeelt en met bottom-up vergelijkt"),
    )
    fieldset = _form(box, uid, "Target en regio's")
    _field(fieldset, f"{uid}-total", "Jaartarget (€)", total)
    grid = _sub(fieldset, "div", {"class": "ss-exercise__grid ss-exercise__grid--regions"})
    for i, (name, share, bottom_up) in enumerate(regions):
        region = _sub(grid, "fieldset", {"class": "ss-exercise__region", "data-region": name})
        _sub(region, "legend", {"class": "ss-exercise__legend"}, f"Regio {name}")
        _field(region, f"{uid}-share-{i}", "Aandeel (%)", share, "decimal")
        _field(region, f"{uid}-bottom-up-{i}", "Bottom-up (€)", bottom_up)
    return _finish(box, fieldset, uid, table=True)


EXERCISES: dict[str, Callable[[str], str]] = {
    "nps_calculator": render_nps_calculator,
    "target_split": render_target_split,
}
