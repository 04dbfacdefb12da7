"""Interactive exercises: `{{ exercise("nps_calculator") }}` and `{{ exercise("target_split") }}`.

Each renderer is a pure function `(uid) -> str` returning one compact HTML block (ElementTree, so
everything is escaped; every id starts with uid): the form and an empty output region. The form has
two groups: the figures of an exercise and "Jouw uitwerking", the student's own result of each step
of the page's method. Every field starts empty; the figure fields carry the page's worked example in
data-example, which "Voorbeeld invullen" fills in. overrides/assets/javascripts/exercises.js is the only
implementation of the arithmetic, the checking and the result texts; it enables the form. Without
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


def _form(box: ET.Element, uid: str) -> ET.Element:
    """The form; its fieldset starts disabled (exercises.js enables it)."""
    form = _sub(box, "form", {"class": "ss-exercise__form", "id": f"{uid}-form", "novalidate": ""})
    return _sub(form, "fieldset", {"class": "ss-exercise__fieldset", "disabled": "disabled"})


def _group(parent: ET.Element, legend: str, name: str) -> ET.Element:
    """A titled group of fields: the exercise's figures or the student's own answers."""
    group = _sub(parent, "fieldset", {"class": f"ss-exercise__group ss-exercise__group--{name}"})
    _sub(group, "legend", {"class": "ss-exercise__legend"}, legend)
    return group


def _field(
    parent: ET.Element, input_id: str, label: str, example: str | None = None, inputmode: str = "numeric"
) -> None:
    """A labelled text field, empty; `example` is the worked example's value ("Voorbeeld
    invullen"). A field that may be negative uses inputmode="text": the phone keyboards of
    "numeric" and "decimal" may have no minus key."""
    # type="text": a number input would read "1.000" as 1 (see parseDutch in exercises.js).
    cell = _sub(parent, "div", {"class": "ss-exercise__field"})
    _sub(cell, "label", {"for": input_id}, label)
    attrs = {"id": input_id, "name": input_id, "type": "text", "inputmode": inputmode, "autocomplete": "off"}
    _sub(cell, "input", {**attrs, **({"data-example": example} if example is not None else {})})


def _answers(fieldset: ET.Element, uid: str, fields: Sequence[tuple[str, str, str]]) -> None:
    """The group "Jouw uitwerking": per step of the page's method (id suffix, label, inputmode)."""
    grid = _sub(
        _group(fieldset, "Jouw uitwerking", "answers"),
        "div",
        {"class": "ss-exercise__grid ss-exercise__grid--answers"},
    )
    for suffix, label, inputmode in fields:
        _field(grid, f"{uid}-answer-{suffix}", label, inputmode=inputmode)


def _finish(box: ET.Element, fieldset: ET.Element, uid: str, table: bool = False) -> str:
    """Buttons, the (empty) live output region and, for a table, its (hidden) place; the whole
    block as one line."""
    row = _sub(fieldset, "div", {"class": "ss-exercise__buttons"})
    primary = {"type": "submit", "class": "ss-exercise__button ss-exercise__button--primary"}
    _sub(row, "button", primary, "Controleer")
    for action, text in (
        ("solve", "Toon de uitwerking"),
        ("example", "Voorbeeld invullen"),
        ("clear", "Wissen"),
    ):
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
        "Reken zelf: de NPS",
        "Vul per cijfer in hoeveel klanten dat cijfer gaven, of kies Voorbeeld invullen. Reken zelf, "
        "vul je uitkomsten in bij Jouw uitwerking en kies Controleer: je ziet per stap of het klopt. "
        "Afronden mag: een uitkomst die juist is afgerond op een heel getal of op decimalen, is goed, "
        "ook een NPS uit je afgeronde percentages. Toon de uitwerking laat de hele berekening zien.",
        ("nps-voorbeeld", "laat stap voor stap zien hoe je de NPS berekent"),
    )
    fieldset = _form(box, uid)
    group = _group(fieldset, "Aantal klanten per cijfer (0 tot en met 10)", "figures")
    grid = _sub(group, "div", {"class": "ss-exercise__grid ss-exercise__grid--scores"})
    for score, count in enumerate(example):
        _field(grid, f"{uid}-score-{score}", f"Aantal keer score {score}", str(count))
    _answers(
        fieldset,
        uid,
        (
            ("respondents", "Totaal aantal respondenten", "numeric"),
            ("promoters", "Percentage promotors (%)", "decimal"),
            ("detractors", "Percentage criticasters (%)", "decimal"),
            ("score", "NPS", "text"),
        ),
    )
    return _finish(box, fieldset, uid)


def render_target_split(
    uid: str,
    total: str = TARGET_EXAMPLE_TOTAL,
    regions: Sequence[tuple[str, str, str]] = TARGET_EXAMPLE,
) -> str:
    box = _frame(
        uid,
        "target_split",
        "Reken zelf: target top-down verdelen en vergelijken met bottom-up",
        "Vul het jaartarget in, het aandeel van elke regio (samen 100 %) en per regio de som van de "
        "accountplannen (bottom-up), of kies Voorbeeld invullen. Reken per regio het target top-down "
        "en het verschil (bottom-up min top-down) uit, en het totale verschil. Vul je uitkomsten in bij "
        "Jouw uitwerking en kies Controleer: je ziet per stap of het klopt. Afronden mag: een bedrag "
        "dat minder dan € 1 afwijkt, is goed. Toon de uitwerking laat de hele berekening zien.",
        ("rekenvoorbeeld", "laat zien hoe je het target verdeelt en met bottom-up vergelijkt"),
    )
    fieldset = _form(box, uid)
    group = _group(fieldset, "Target en regio's", "figures")
    _field(group, f"{uid}-total", "Jaartarget (€)", total)
    grid = _sub(group, "div", {"class": "ss-exercise__grid ss-exercise__grid--regions"})
    for i, (name, share, bottom_up) in enumerate(regions):
        region = _sub(grid, "fieldset", {"class": "ss-exercise__region", "data-region": name})
        _sub(region, "legend", {"class": "ss-exercise__legend"}, f"Regio {name}")
        _field(region, f"{uid}-share-{i}", "Aandeel (%)", share, "decimal")
        _field(region, f"{uid}-bottom-up-{i}", "Bottom-up (€)", bottom_up)
    names = [name for name, _, _ in regions]
    _answers(
        fieldset,
        uid,
        [(f"top-down-{i}", f"Target top-down {name} (€)", "numeric") for i, name in enumerate(names)]
        + [(f"difference-{i}", f"Verschil {name} (€)", "text") for i, name in enumerate(names)]
        + [("total-difference", "Totaal verschil (€)", "text")],
    )
    return _finish(box, fieldset, uid, table=True)


EXERCISES: dict[str, Callable[[str], str]] = {
    "nps_calculator": render_nps_calculator,
    "target_split": render_target_split,
}
