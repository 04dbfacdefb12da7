"""The exercise widgets' markup (macros/exercises.py): parseable, escaped, labelled, unique ids,
empty, with the page's worked example one tap away and fields for the student's own answers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.sales import CALCULATORS, EXERCISES

from .conftest import Built

NPS_EXAMPLE = CALCULATORS.NPS_EXAMPLE
TARGET_EXAMPLE = CALCULATORS.TARGET_EXAMPLE
TARGET_EXAMPLE_TOTAL = CALCULATORS.TARGET_EXAMPLE_TOTAL
render_target_split = CALCULATORS.render_target_split


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
DUTCH_LABEL = re.compile(
    r"^(Aantal keer score (?:[0-9]|10)|Jaartarget \(€\)|Aandeel \(%\)|Bottom-up \(€\)"
    r"|Totaal aantal respondenten|Percentage (?:promotors|criticasters) \(%\)|NPS"
    r"|Target top-down (?:Noord|Midden|Zuid) \(€\)|Verschil (?:Noord|Midden|Zuid) \(€\)"
    r"|Totaal verschil \(€\))$"
)


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    content: list[Node | str] = field(default_factory=list)  # children and text, in document order

    def iter(self, tag: str | None = None) -> list[Node]:
        out = [self] if tag is None or self.tag == tag else []
        for child in self.children:
            out.extend(child.iter(tag))
        return out

    def all_text(self) -> str:
        return "".join(part if isinstance(part, str) else part.all_text() for part in self.content)


class TreeBuilder(HTMLParser):
    """A strict little HTML tree builder: end tags must match, void elements close themselves."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        assert len(node.attrs) == len(attrs), f"duplicate attribute on <{tag}>"
        self.stack[-1].children.append(node)
        self.stack[-1].content.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in VOID, f"<{tag}/> is not a void element"
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        self.stack[-1].content.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert tag not in VOID, f"</{tag}> closes a void element"
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].content.append(data)


def parse(markup: str) -> Node:
    builder = TreeBuilder()
    builder.feed(markup)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    assert len(builder.root.children) == 1, "one block, one root element"
    return builder.root.children[0]


@pytest.fixture(params=sorted(EXERCISES))
def name(request: pytest.FixtureRequest) -> str:
    value: str = request.param
    return value


def test_registry() -> None:
    assert sorted(EXERCISES) == ["nps_calculator", "target_split"]


def test_one_compact_block(name: str) -> None:
    markup = EXERCISES[name]("oef-1")
    assert "\n" not in markup
    assert markup.startswith("<section ") and markup.endswith("</section>")
    assert markup == EXERCISES[name]("oef-1"), "deterministic"


def test_wrapper(name: str) -> None:
    box = parse(EXERCISES[name]("oef-1"))
    assert "ss-exercise" in box.attrs["class"].split()
    assert box.attrs["data-search-exclude"] == ""
    assert box.attrs["data-exercise"] == name
    assert box.attrs["id"] == "oef-1"


def test_ids_derive_from_uid_and_references_resolve(name: str) -> None:
    box = parse(EXERCISES[name]("oef-1"))
    ids = [node.attrs["id"] for node in box.iter() if "id" in node.attrs]
    assert len(ids) == len(set(ids)), "ids are unique"
    assert all(i == "oef-1" or i.startswith("oef-1-") for i in ids), ids
    for node in box.iter():
        for attr in ("for", "aria-labelledby", "aria-describedby"):
            for ref in node.attrs.get(attr, "").split():
                assert ref in ids, f"{attr}={ref!r} points nowhere"


def test_two_uids_give_disjoint_ids(name: str) -> None:
    def ids(uid: str) -> set[str]:
        return {node.attrs["id"] for node in parse(EXERCISES[name](uid)).iter() if "id" in node.attrs}

    assert ids("oef-a-1").isdisjoint(ids("oef-a-2"))


def test_every_input_has_a_dutch_label(name: str) -> None:
    box = parse(EXERCISES[name]("oef-1"))
    labels = {node.attrs["for"]: node.all_text() for node in box.iter("label")}
    inputs = box.iter("input")
    assert inputs
    for node in inputs:
        assert node.attrs["id"] in labels, f"input {node.attrs['id']} has no label"
        assert DUTCH_LABEL.match(labels[node.attrs["id"]]), labels[node.attrs["id"]]
        # "text" where a value may be negative: a phone's number keyboard may lack the minus
        signed = re.search(r"-answer-(score|difference-\d|total-difference)$", node.attrs["id"])
        assert (
            node.attrs.get("inputmode") == "text"
            if signed
            else node.attrs.get("inputmode") in {"numeric", "decimal"}
        )


def test_no_english_ui_text(name: str) -> None:
    text = parse(EXERCISES[name]("oef-1")).all_text().lower()
    for word in ("calculate", "reset", "clear", "score:", "share", "amount", "example", "region", "total"):
        assert not re.search(rf"\b{word}\b", text), word


def test_buttons_and_live_output(name: str) -> None:
    box = parse(EXERCISES[name]("oef-1"))
    buttons = {node.all_text(): node.attrs for node in box.iter("button")}
    assert list(buttons) == ["Controleer", "Toon de uitwerking", "Voorbeeld invullen", "Wissen"]
    assert buttons["Controleer"]["type"] == "submit"
    for text, action in (
        ("Toon de uitwerking", "solve"),
        ("Voorbeeld invullen", "example"),
        ("Wissen", "clear"),
    ):
        assert (buttons[text]["type"], buttons[text]["data-action"]) == ("button", action)
    status = [node for node in box.iter() if node.attrs.get("id") == "oef-1-status"]
    assert status and status[0].attrs["aria-live"] == "polite" and status[0].attrs["role"] == "status"


@pytest.mark.parametrize(
    ("name", "anchor"), [("nps_calculator", "nps-voorbeeld"), ("target_split", "rekenvoorbeeld")]
)
def test_without_javascript_the_form_is_disabled_and_points_to_the_worked_example(
    name: str, anchor: str
) -> None:
    box = parse(EXERCISES[name]("oef-1"))
    form = box.iter("form")[0]
    assert "novalidate" in form.attrs
    assert form.children[0].tag == "fieldset" and "disabled" in form.children[0].attrs
    notes = [node for node in box.iter("p") if node.attrs.get("class") == "ss-exercise__nojs"]
    assert len(notes) == 1
    assert (
        notes[0]
        .all_text()
        .startswith("Zonder JavaScript kun je hier niet rekenen. Het uitgewerkte voorbeeld")
    )
    assert [link.attrs["href"] for link in notes[0].iter("a")] == [f"#{anchor}"]


def test_no_result_is_computed_in_python(name: str) -> None:
    """exercises.js is the only implementation: the output region starts empty."""
    box = parse(EXERCISES[name]("oef-1"))
    status = next(node for node in box.iter() if node.attrs.get("id") == "oef-1-status")
    assert status.children == [] and status.all_text() == ""
    assert not box.iter("table")
    assert "Uitkomst" not in box.all_text() and "Bottom-up komt" not in box.all_text()


def test_inputs_are_text_so_that_dutch_numbers_survive(name: str) -> None:
    # A number input reads "1.000" as 1; exercises.js reads the text the Dutch way.
    assert {node.attrs["type"] for node in parse(EXERCISES[name]("oef-1")).iter("input")} == {"text"}


def test_every_field_starts_empty(name: str) -> None:
    """The student calculates first: no field hands over the worked example."""
    inputs = parse(EXERCISES[name]("oef-1")).iter("input")
    assert [node.attrs.get("value", "") for node in inputs] == [""] * len(inputs)


def groups(box: Node) -> dict[str, list[str]]:
    """The ids of the inputs per group (fieldset legend) that holds them directly or in a grid."""
    out: dict[str, list[str]] = {}
    for fieldset in box.iter("fieldset"):
        legend = [child.all_text() for child in fieldset.children if child.tag == "legend"]
        if legend and "data-region" not in fieldset.attrs:
            out[legend[0]] = [node.attrs["id"] for node in fieldset.iter("input")]
    return out


def test_nps_form_has_the_figures_and_the_students_own_steps() -> None:
    box = parse(EXERCISES["nps_calculator"]("oef-1"))
    assert groups(box) == {
        "Aantal klanten per cijfer (0 tot en met 10)": [f"oef-1-score-{i}" for i in range(11)],
        "Jouw uitwerking": [
            f"oef-1-answer-{step}" for step in ("respondents", "promoters", "detractors", "score")
        ],
    }
    examples = [node.attrs.get("data-example") for node in box.iter("input")]
    assert examples == [str(n) for n in NPS_EXAMPLE] + [None] * 4


def test_target_form_has_the_figures_and_the_students_own_steps() -> None:
    box = parse(EXERCISES["target_split"]("oef-1"))
    assert groups(box) == {
        "Target en regio's": ["oef-1-total"]
        + [f"oef-1-{kind}-{i}" for i in range(3) for kind in ("share", "bottom-up")],
        "Jouw uitwerking": [f"oef-1-answer-top-down-{i}" for i in range(3)]
        + [f"oef-1-answer-difference-{i}" for i in range(3)]
        + ["oef-1-answer-total-difference"],
    }
    examples = {node.attrs["id"]: node.attrs.get("data-example") for node in box.iter("input")}
    assert examples["oef-1-total"] == "2.400.000"
    assert (examples["oef-1-share-1"], examples["oef-1-bottom-up-1"]) == ("45", "1.120.000")
    assert examples["oef-1-answer-top-down-0"] is None
    assert [node.attrs["data-region"] for node in box.iter("fieldset") if "data-region" in node.attrs] == [
        name for name, _, _ in TARGET_EXAMPLE
    ]
    table = [node for node in box.iter("div") if node.attrs.get("id") == "oef-1-table"]
    assert table and "hidden" in table[0].attrs


def _page_tables(path: Path) -> list[list[list[str]]]:
    """Every <table> of a built page as rows of cell texts (the prose's worked examples)."""

    class Tables(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.tables: list[list[list[str]]] = []
            self.cell: list[str] | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "table":
                self.tables.append([])
            elif tag == "tr" and self.tables:
                self.tables[-1].append([])
            elif tag in {"td", "th"}:
                self.cell = []

        def handle_endtag(self, tag: str) -> None:
            if tag in {"td", "th"} and self.cell is not None:
                self.tables[-1][-1].append(" ".join("".join(self.cell).replace("\u00a0", " ").split()))
                self.cell = None

        def handle_data(self, data: str) -> None:
            if self.cell is not None:
                self.cell.append(data)

    parser = Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tables


def test_the_examples_are_the_pages_worked_examples(built: Built) -> None:
    """The examples in macros/exercises.py repeat the tables of the prose: they must not drift."""
    rows = {row[0]: row[1:] for table in _page_tables(built.site / "h1" / "nps.html") for row in table}
    assert rows["Cijfer"] == [str(i) for i in range(11)]
    assert rows["Aantal klanten"] == [str(n) for n in NPS_EXAMPLE]
    tables = {
        table[0][1]: {row[0]: row[1:] for row in table[1:]}
        for table in _page_tables(built.site / "h2" / "targets.html")
        if table and len(table[0]) > 1
    }
    top_down, bottom_up = tables["Aandeel vorig jaar"], tables["Som van de accountplannen"]
    assert list(top_down) == list(bottom_up) == [name for name, _, _ in TARGET_EXAMPLE] + ["Totaal"]
    for name, share, amount in TARGET_EXAMPLE:
        assert (top_down[name][0], bottom_up[name][0]) == (f"{share} %", f"€ {amount}"), name
    assert top_down["Totaal"][-1] == f"€ {TARGET_EXAMPLE_TOTAL}"


def test_text_is_escaped() -> None:
    markup = render_target_split("oef-1", "100", [("R&D <intern>", "50", "10"), ('"Zuid"', "50", "20")])
    assert "<intern>" not in markup
    box = parse(markup)
    legends = [node.all_text() for node in box.iter("legend")]
    assert "Regio R&D <intern>" in legends
    regions = [node for node in box.iter("fieldset") if "data-region" in node.attrs]
    assert [node.attrs["data-region"] for node in regions] == ["R&D <intern>", '"Zuid"']
    labels = [node.all_text() for node in box.iter("label")]
    assert "Target top-down R&D <intern> (€)" in labels and 'Verschil "Zuid" (€)' in labels


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("nps_calculator", "een uitkomst die juist is afgerond op een heel getal of op decimalen, is goed"),
        ("target_split", "een bedrag dat minder dan € 1 afwijkt, is goed"),
    ],
)
def test_the_intro_says_how_to_check_and_the_rounding_rule(name: str, rule: str) -> None:
    intro = next(
        node
        for node in parse(EXERCISES[name]("oef-1")).iter("p")
        if node.attrs.get("class") == "ss-exercise__intro"
    )
    text = intro.all_text()
    assert "Controleer" in text and "Voorbeeld invullen" in text and "Toon de uitwerking" in text
    assert rule in text
