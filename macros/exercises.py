"""Interactive exercises: `{{ exercise("nps_calculator") }}` and `{{ exercise("target_split") }}`.

Each renderer is a pure function `(uid) -> str` returning one compact HTML block (ElementTree, so
everything is escaped; every id starts with uid). The form starts filled with the page's worked
example and the output shows that example's result, computed here by macros/calc.py. Without
JavaScript the form stays disabled and a note says so; docs/assets/javascripts/exercises.js enables
it and recalculates with the same arithmetic (tests/test_calc_js.py keeps the two in step).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from .calc import (
    SCORES,
    NpsReport,
    TargetReport,
    fmt_int,
    fmt_tenths,
    nps,
    nps_report,
    target_report,
    target_split,
)

# The worked examples of docs/h1/nps.md (the bicycle shop) and docs/h2/targets.md (the point-of-sale
# software supplier). Keep them in step with the tables in those pages.
NPS_EXAMPLE: tuple[int, ...] = (1, 2, 3, 4, 6, 12, 18, 20, 38, 56, 40)
TARGET_EXAMPLE_TOTAL = 2_400_000
# (region, share in percent, sum of the account plans in euros)
TARGET_EXAMPLE: tuple[tuple[str, float, int], ...] = (
    ("Noord", 25, 560_000),
    ("Midden", 45, 1_120_000),
    ("Zuid", 30, 640_000),
)

NO_JS = "Schakel JavaScript in om zelf te rekenen. Hieronder staat de uitkomst voor het ingevulde voorbeeld."


def _sub(
    parent: ET.Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None
) -> ET.Element:
    node = ET.SubElement(parent, tag, attrs or {})
    if text is not None:
        node.text = text
    return node


def _serialize(box: ET.Element) -> str:
    return ET.tostring(box, encoding="unicode", method="html").replace("\n", " ")


def _frame(uid: str, name: str, title: str, intro: str) -> tuple[ET.Element, ET.Element]:
    """The wrapper with title, intro, no-JS note and a form whose fieldset starts disabled."""
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
    _sub(box, "p", {"class": "ss-exercise__nojs"}, NO_JS)
    form = _sub(box, "form", {"class": "ss-exercise__form", "id": f"{uid}-form", "novalidate": ""})
    fieldset = _sub(form, "fieldset", {"class": "ss-exercise__fieldset", "disabled": "disabled"})
    return box, fieldset


def _buttons(parent: ET.Element) -> None:
    row = _sub(parent, "div", {"class": "ss-exercise__buttons"})
    _sub(
        row,
        "button",
        {"type": "submit", "class": "ss-exercise__button ss-exercise__button--primary"},
        "Bereken",
    )
    _sub(
        row,
        "button",
        {"type": "button", "class": "ss-exercise__button", "data-action": "example"},
        "Voorbeeld invullen",
    )
    _sub(row, "button", {"type": "button", "class": "ss-exercise__button", "data-action": "clear"}, "Wissen")


def _field(parent: ET.Element, input_id: str, label: str, value: str, attrs: dict[str, str]) -> None:
    cell = _sub(parent, "div", {"class": "ss-exercise__field"})
    _sub(cell, "label", {"for": input_id}, label)
    _sub(cell, "input", {"id": input_id, "name": input_id, "value": value, "autocomplete": "off", **attrs})


def _status(parent: ET.Element, uid: str) -> ET.Element:
    return _sub(
        parent,
        "div",
        {"class": "ss-exercise__output", "id": f"{uid}-status", "role": "status", "aria-live": "polite"},
    )


# -- NPS calculator ----------------------------------------------------------------------------


def nps_output(parent: ET.Element, report: NpsReport) -> None:
    """The result markup; exercises.js builds the same elements."""
    _sub(parent, "p", {"class": "ss-exercise__summary"}, report.summary)
    working = _sub(parent, "ul", {"class": "ss-exercise__working"})
    for line in report.lines:
        _sub(working, "li", None, line)
    if report.note:
        _sub(parent, "p", {"class": "ss-exercise__note"}, report.note)


def render_nps_calculator(uid: str, example: Sequence[int] = NPS_EXAMPLE) -> str:
    box, fieldset = _frame(
        uid,
        "nps_calculator",
        "Rekenhulp: de NPS berekenen",
        "Vul per cijfer in hoeveel klanten dat cijfer gaven en kies Bereken. De velden staan ingevuld "
        "met het voorbeeld van de fietsenwinkel; met Wissen begin je met lege velden.",
    )
    _sub(fieldset, "legend", {"class": "ss-exercise__legend"}, "Aantal klanten per cijfer (0 tot en met 10)")
    grid = _sub(fieldset, "div", {"class": "ss-exercise__grid ss-exercise__grid--scores"})
    number = {"type": "number", "inputmode": "numeric", "min": "0", "step": "1"}
    for score in range(SCORES):
        _field(grid, f"{uid}-score-{score}", f"Aantal keer score {score}", str(example[score]), number)
    _buttons(fieldset)
    nps_output(_status(box, uid), nps_report(nps(list(example))))
    return _serialize(box)


# -- Target split ------------------------------------------------------------------------------


def target_output(status: ET.Element, table_wrap: ET.Element, report: TargetReport) -> None:
    """The result markup; exercises.js builds the same elements."""
    _sub(status, "p", {"class": "ss-exercise__summary"}, report.summary)
    for text in report.explanation:
        _sub(status, "p", {"class": "ss-exercise__explanation"}, text)
    table = _sub(table_wrap, "table", {"class": "ss-exercise__table"})
    _sub(table, "caption", None, "Top-down en bottom-up per regio")
    head = _sub(_sub(table, "thead"), "tr")
    for text in report.header:
        _sub(head, "th", {"scope": "col"}, text)
    body = _sub(table, "tbody")
    for n, cells in enumerate(report.rows):
        tr = _sub(body, "tr", {"class": "ss-exercise__total"} if n == len(report.rows) - 1 else None)
        for i, text in enumerate(cells):
            if i == 0:
                _sub(tr, "th", {"scope": "row"}, text)
            else:
                _sub(tr, "td", None, text)


def render_target_split(
    uid: str,
    total: int = TARGET_EXAMPLE_TOTAL,
    regions: Sequence[tuple[str, float, int]] = TARGET_EXAMPLE,
) -> str:
    box, fieldset = _frame(
        uid,
        "target_split",
        "Rekenhulp: target top-down verdelen en vergelijken met bottom-up",
        "Vul de jaartarget in, het aandeel van elke regio (samen 100 %) en per regio de som van de "
        "accountplannen (bottom-up), in hele euro's. De velden staan ingevuld met het rekenvoorbeeld "
        "van de leverancier van kassasoftware.",
    )
    _sub(fieldset, "legend", {"class": "ss-exercise__legend"}, "Target en regio's")
    amount = {"type": "text", "inputmode": "numeric"}
    _field(fieldset, f"{uid}-total", "Jaartarget (€)", fmt_int(total), amount)
    grid = _sub(fieldset, "div", {"class": "ss-exercise__grid ss-exercise__grid--regions"})
    for i, (name, share, bottom_up) in enumerate(regions):
        region = _sub(grid, "fieldset", {"class": "ss-exercise__region", "data-region": name})
        _sub(region, "legend", {"class": "ss-exercise__legend"}, f"Regio {name}")
        share_text = fmt_tenths(round(share * 10))
        _field(
            region, f"{uid}-share-{i}", "Aandeel (%)", share_text, {"type": "text", "inputmode": "decimal"}
        )
        _field(region, f"{uid}-bottom-up-{i}", "Bottom-up (€)", fmt_int(bottom_up), amount)
    _buttons(fieldset)
    status = _status(box, uid)
    table_wrap = _sub(box, "div", {"class": "ss-exercise__table-wrap", "id": f"{uid}-table"})
    names = [name for name, _, _ in regions]
    result = target_split(total, [share for _, share, _ in regions], [bu for _, _, bu in regions], names)
    target_output(status, table_wrap, target_report(result))
    return _serialize(box)


EXERCISES: dict[str, Callable[[str], str]] = {
    "nps_calculator": render_nps_calculator,
    "target_split": render_target_split,
}
