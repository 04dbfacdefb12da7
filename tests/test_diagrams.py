"""Unit tests of the ladder and value-chain render functions (no MkDocs)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from macros.diagrams import DIAGRAMS, ladder, load_diagram, value_chain
from macros.errors import DataError
from macros.schema import load_root

from .golden_util import assert_golden
from .svg_checks import NS, all_ids, check_accessible, check_ids, parse_figure, svg_of, texts

NASTY = 'R&D <intern> "x"'


@pytest.mark.parametrize("name", ["ladder", "value_chain"])
def test_valid_accessible_unique(name: str) -> None:
    data = load_diagram(name)
    figure = parse_figure(DIAGRAMS[name].render(data, f"{name}-p-1"))
    svg = svg_of(figure)
    check_accessible(svg, f"{name}-p-1")
    check_ids(figure, f"{name}-p-1")


@pytest.mark.parametrize("name", ["ladder", "value_chain"])
def test_two_instances_share_no_id(name: str) -> None:
    data = load_diagram(name)
    one = set(all_ids(parse_figure(DIAGRAMS[name].render(data, "a-1"))))
    two = set(all_ids(parse_figure(DIAGRAMS[name].render(data, "a-2"))))
    assert one and two and not one & two


@pytest.mark.parametrize("name", ["ladder", "value_chain"])
def test_deterministic(name: str) -> None:
    data = load_diagram(name)
    assert DIAGRAMS[name].render(data, "x") == DIAGRAMS[name].render(data, "x")


def test_ladder_steps_in_order_and_rising() -> None:
    data = load_diagram("ladder")
    svg = svg_of(parse_figure(ladder.render(data, "l")))
    steps = svg.findall(f"{NS}g")
    assert [g.get("data-step") for g in steps] == ["1", "2", "3", "4", "5"]
    terms = [texts(g)[1] for g in steps]
    assert terms == [
        "Klantbewustheid",
        "Klantinzicht",
        "Klantgerichtheid",
        "Klantvriendelijkheid",
        "Klanttevredenheid",
    ]
    ys = [float(g.find(f"{NS}rect").get("y")) for g in steps]  # type: ignore[union-attr]
    xs = [float(g.find(f"{NS}rect").get("x")) for g in steps]  # type: ignore[union-attr]
    assert ys == sorted(ys, reverse=True), "each step sits higher than the one before"
    assert xs == sorted(xs) and len(set(xs)) == 5, "each step is shifted to the right"
    for step, g in zip(data.steps, steps, strict=True):
        assert " ".join(texts(g)[2:]) == step.definition


def test_value_chain_has_five_primary_four_support_and_margin() -> None:
    data = load_diagram("value_chain")
    svg = svg_of(parse_figure(value_chain.render(data, "v")))
    primary = svg.find(f"{NS}g[@class='ss-primary']")
    support = svg.find(f"{NS}g[@class='ss-support']")
    margin = svg.find(f"{NS}g[@class='ss-margin']")
    assert primary is not None and support is not None and margin is not None
    assert len(primary.findall(f"{NS}polygon")) == 5
    assert texts(primary)[1:] == [
        "Inkomende logistiek",
        "Operaties",
        "Uitgaande logistiek",
        "Marketing en verkoop",
        "Service",
    ]
    assert len(support.findall(f"{NS}rect")) == 4
    assert texts(margin) == ["Marge"]
    # Support bands sit above the primary chevrons.
    band_bottom = max(float(r.get("y", 0)) + float(r.get("height", 0)) for r in support.findall(f"{NS}rect"))
    first = primary.find(f"{NS}polygon")
    assert first is not None
    top = min(float(p.split(",")[1]) for p in (first.get("points") or "").split())
    assert band_bottom < top


def test_labels_are_escaped() -> None:
    data = load_diagram("ladder")
    nasty = dataclasses.replace(data, steps=(ladder.Step(NASTY, NASTY), *data.steps[1:]))
    markup = ladder.render(nasty, "e")
    assert "<intern>" not in markup
    svg = svg_of(parse_figure(markup))
    assert NASTY in texts(svg)
    chain = load_diagram("value_chain")
    chain = dataclasses.replace(chain, primary=(value_chain.Activity(NASTY), *chain.primary[1:]))
    svg = svg_of(parse_figure(value_chain.render(chain, "e")))
    assert any(NASTY in t for t in texts(svg))
    assert NASTY in (svg.find(f"{NS}desc").text or "")  # type: ignore[union-attr]


def test_text_stays_readable_at_phone_width() -> None:
    """At 360 CSS px the viewBox is scaled to at most 360/width; every font must
    still be at least 9.5 px on screen."""
    for name in ("ladder", "value_chain"):
        svg = svg_of(parse_figure(DIAGRAMS[name].render(load_diagram(name), "r")))
        width = float((svg.get("viewBox") or "").split()[2])
        scale = 360 / width
        sizes = [float(t.get("font-size", 0)) for t in svg.iter(f"{NS}text")]
        assert sizes and min(sizes) * scale >= 9.5, (name, min(sizes) * scale)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ladder.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("title: T\ndescription: D\n", "steps: missing required key"),
        (
            "title: T\ndescription: D\nsteps:\n  - term: A\n    definition: a\n  - term: B\n",
            "steps[1].definition",
        ),
        ("title: T\ndescription: D\nsteps: 3\n", "steps: expected list"),
        ("title: [x\n", "malformed YAML"),
        ("title: T\ndescription: D\nsteps: []\n", "steps: needs at least 2"),
        (
            "title: 5\ndescription: D\nsteps:\n  - {term: A, definition: a}\n  - {term: B, definition: b}\n",
            "title: expected str",
        ),
    ],
)
def test_bad_ladder_data_names_file_and_key(tmp_path: Path, body: str, needle: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(DataError) as info:
        ladder.load(load_root(path))
    message = str(info.value)
    assert "ladder.yml" in message and needle in message


def test_missing_data_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"ladder\.yml: data file not found"):
        load_diagram("ladder", tmp_path)


@pytest.mark.parametrize("name", ["ladder", "value_chain"])
def test_golden_output(name: str) -> None:
    """Compared after parsing; regenerate with UPDATE_GOLDEN=1 after an intended change."""
    assert_golden(name, DIAGRAMS[name].render(load_diagram(name), "golden"))
