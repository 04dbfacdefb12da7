"""The exercise widgets' markup (macros/exercises.py): parseable, escaped, labelled, unique ids."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from macros.calc import nps, nps_report, target_report, target_split
from macros.exercises import EXERCISES, NPS_EXAMPLE, TARGET_EXAMPLE, TARGET_EXAMPLE_TOTAL, render_target_split

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
DUTCH_LABEL = re.compile(r"^(Aantal keer score (?:[0-9]|10)|Jaartarget \(€\)|Aandeel \(%\)|Bottom-up \(€\))$")
NB = "\u00a0"


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def iter(self, tag: str | None = None) -> list[Node]:
        out = [self] if tag is None or self.tag == tag else []
        for child in self.children:
            out.extend(child.iter(tag))
        return out

    def all_text(self) -> str:
        return "".join(self.text) + "".join(child.all_text() for child in self.children)


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
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in VOID, f"<{tag}/> is not a void element"
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert tag not in VOID, f"</{tag}> closes a void element"
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].text.append(data)


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
        assert node.attrs.get("inputmode") in {"numeric", "decimal"}


def test_no_english_ui_text(name: str) -> None:
    text = parse(EXERCISES[name]("oef-1")).all_text().lower()
    for word in ("calculate", "reset", "clear", "score:", "share", "amount", "example", "region", "total"):
        assert not re.search(rf"\b{word}\b", text), word


def test_buttons_and_live_output(name: str) -> None:
    box = parse(EXERCISES[name]("oef-1"))
    buttons = {node.all_text(): node.attrs for node in box.iter("button")}
    assert buttons["Bereken"]["type"] == "submit"
    assert buttons["Voorbeeld invullen"]["type"] == "button"
    assert buttons["Wissen"]["type"] == "button"
    status = [node for node in box.iter() if node.attrs.get("id") == "oef-1-status"]
    assert status and status[0].attrs["aria-live"] == "polite" and status[0].attrs["role"] == "status"


def test_without_javascript_the_form_is_disabled_and_says_so(name: str) -> None:
    box = parse(EXERCISES[name]("oef-1"))
    form = box.iter("form")[0]
    assert "novalidate" in form.attrs
    assert form.children[0].tag == "fieldset" and "disabled" in form.children[0].attrs
    notes = [node for node in box.iter("p") if node.attrs.get("class") == "ss-exercise__nojs"]
    assert "Schakel JavaScript in" in notes[0].all_text()


def test_nps_static_example_is_the_computed_result() -> None:
    box = parse(EXERCISES["nps_calculator"]("oef-1"))
    values = [int(node.attrs["value"]) for node in box.iter("input")]
    assert values == list(NPS_EXAMPLE)
    assert [node.attrs["type"] for node in box.iter("input")] == ["number"] * 11
    assert all(node.attrs["min"] == "0" for node in box.iter("input"))
    report = nps_report(nps(list(NPS_EXAMPLE)))
    text = box.all_text()
    assert report.summary == "Uitkomst: NPS = +25."
    assert report.summary in text
    assert all(line in text for line in report.lines)


def test_target_static_example_is_the_computed_result() -> None:
    box = parse(EXERCISES["target_split"]("oef-1"))
    values = {node.attrs["id"]: node.attrs["value"] for node in box.iter("input")}
    assert values["oef-1-total"] == "2.400.000"
    assert (values["oef-1-share-1"], values["oef-1-bottom-up-1"]) == ("45", "1.120.000")
    names = [name for name, _, _ in TARGET_EXAMPLE]
    assert [
        node.attrs["data-region"] for node in box.iter("fieldset") if "data-region" in node.attrs
    ] == names
    result = target_split(
        TARGET_EXAMPLE_TOTAL, [s for _, s, _ in TARGET_EXAMPLE], [b for _, _, b in TARGET_EXAMPLE], names
    )
    report = target_report(result)
    text = box.all_text()
    assert report.summary in text and all(line in text for line in report.explanation)
    rows = [[cell.all_text() for cell in tr.children] for tr in box.iter("tr")]
    assert rows[0] == list(report.header)
    assert rows[1:] == [list(row) for row in report.rows]
    assert rows[-1][-1] == f"\u2212{NB}€{NB}80.000"


def test_text_is_escaped() -> None:
    markup = render_target_split("oef-1", 100, [("R&D <intern>", 50, 10), ('"Zuid"', 50.0, 20)])
    assert "<intern>" not in markup
    box = parse(markup)
    legends = [node.all_text() for node in box.iter("legend")]
    assert "Regio R&D <intern>" in legends
    assert box.iter("fieldset")[1].attrs["data-region"] == "R&D <intern>"
    assert box.iter("fieldset")[2].attrs["data-region"] == '"Zuid"'


def test_one_decimal_share_is_written_with_a_comma() -> None:
    box = parse(render_target_split("oef-1", 100, [("A", 33.3, 1), ("B", 66.7, 1)]))
    assert box.iter("input")[1].attrs["value"] == "33,3"
