"""Unit tests of the diagram loaders and render functions (no MkDocs): the ladder and
the value chain in detail, and every registered diagram at the limits its LIMITS state
(longest labels, most and fewest items), so a new diagram is covered without edits."""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.concepts import Concept, load_concepts
from macros.diagrams import data_path, funnel, load_diagram
from macros.diagrams.limits import generic
from macros.errors import DataError
from macros.schema import load_root
from tests.sales import CONCEPTS_FILE, DATA_DIR, DIAGRAMS

from .golden_util import assert_golden
from .svg_checks import (
    NS,
    VARIANTS,
    all_ids,
    check_accessible,
    check_ids,
    load_raw,
    locations,
    long_label,
    parse_figure,
    stretched,
    stretched_raw,
    svg_of,
    texts,
)

ladder = DIAGRAMS["ladder"].module  # the course's own kinds
value_chain = DIAGRAMS["value_chain"].module
NASTY = 'R&D <intern> "x"'


@pytest.mark.parametrize("name", ["ladder", "value_chain"])
def test_valid_accessible_unique(name: str) -> None:
    data = load_diagram(name, DATA_DIR)
    figure = parse_figure(DIAGRAMS[name].render(data, f"{name}-p-1"))
    svg = svg_of(figure)
    check_accessible(svg, f"{name}-p-1")
    check_ids(figure, f"{name}-p-1")


@pytest.mark.parametrize("name", ["ladder", "value_chain"])
def test_two_instances_share_no_id(name: str) -> None:
    data = load_diagram(name, DATA_DIR)
    one = set(all_ids(parse_figure(DIAGRAMS[name].render(data, "a-1"))))
    two = set(all_ids(parse_figure(DIAGRAMS[name].render(data, "a-2"))))
    assert one and two and not one & two


@pytest.mark.parametrize("name", ["ladder", "value_chain"])
def test_deterministic(name: str) -> None:
    data = load_diagram(name, DATA_DIR)
    assert DIAGRAMS[name].render(data, "x") == DIAGRAMS[name].render(data, "x")


def test_ladder_steps_in_order_and_rising() -> None:
    data = load_diagram("ladder", DATA_DIR)
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
    data = load_diagram("value_chain", DATA_DIR)
    svg = svg_of(parse_figure(value_chain.render(data, "v")))
    primary = svg.find(f"{NS}g[@class='ss-primary']")
    support = svg.find(f"{NS}g[@class='ss-support']")
    margin = svg.find(f"{NS}g[@class='ss-margin']")
    assert primary is not None and support is not None and margin is not None
    assert len(list(primary.iter(f"{NS}polygon"))) == 5
    assert texts(primary)[1:] == [
        "Inkomende logistiek",
        "Productie",
        "Uitgaande logistiek",
        "Marketing en verkoop",
        "Service",
    ]
    assert len(list(support.iter(f"{NS}rect"))) == 4
    assert texts(margin) == ["Marge"]
    # Support bands sit above the primary chevrons.
    band_bottom = max(float(r.get("y", 0)) + float(r.get("height", 0)) for r in support.iter(f"{NS}rect"))
    first = next(primary.iter(f"{NS}polygon"), None)
    assert first is not None
    top = min(float(p.split(",")[1]) for p in (first.get("points") or "").split())
    assert band_bottom < top


def test_labels_are_escaped() -> None:
    data = load_diagram("ladder", DATA_DIR)
    nasty = dataclasses.replace(data, steps=(ladder.Step(NASTY, NASTY), *data.steps[1:]))
    markup = ladder.render(nasty, "e")
    assert "<intern>" not in markup
    svg = svg_of(parse_figure(markup))
    assert NASTY in texts(svg)
    chain = load_diagram("value_chain", DATA_DIR)
    chain = dataclasses.replace(chain, primary=(value_chain.Activity(NASTY), *chain.primary[1:]))
    svg = svg_of(parse_figure(value_chain.render(chain, "e")))
    assert any(NASTY in t for t in texts(svg))
    assert NASTY in (svg.find(f"{NS}desc").text or "")  # type: ignore[union-attr]


def test_text_stays_readable_at_phone_width() -> None:
    """At 360 CSS px the viewBox is scaled to at most 360/width; every font must
    still be at least 9.5 px on screen."""
    for name in ("ladder", "value_chain"):
        svg = svg_of(parse_figure(DIAGRAMS[name].render(load_diagram(name, DATA_DIR), "r")))
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
        ladder.load(load_root(path), {})
    message = str(info.value)
    assert "ladder.yml" in message and needle in message


def test_missing_data_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"ladder\.yml: data file not found"):
        load_diagram("ladder", tmp_path, kind=DIAGRAMS["ladder"])


@pytest.mark.parametrize("name", ["ladder", "value_chain"])
def test_golden_output(name: str) -> None:
    """Compared after parsing; regenerate with UPDATE_GOLDEN=1 after an intended change."""
    assert_golden(name, DIAGRAMS[name].render(load_diagram(name, DATA_DIR), "golden"))


# -- every registered diagram at its limits ---------------------------------------------

NAMES = sorted(DIAGRAMS)
NUMERIC = ("x", "y", "width", "height", "cx", "cy", "r", "rx", "x1", "y1", "x2", "y2", "font-size", "dy")
POSITIVE = ("width", "height", "r", "font-size")


def _leaves(raw: Any, path: str = "") -> list[tuple[str, Any]]:
    if isinstance(raw, dict):
        return [leaf for k, v in raw.items() for leaf in _leaves(v, f"{path}.{k}" if path else k)]
    if isinstance(raw, list):
        return [leaf for i, v in enumerate(raw) for leaf in _leaves(v, f"{path}[{i}]")]
    return [(path, raw)]


@pytest.mark.parametrize("name", NAMES)
def test_limits_cover_every_label(name: str) -> None:
    """Every text in the YAML has a stated limit (or is a concept id or a fixed choice),
    and every stated limit names a key the data has."""
    limits = DIAGRAMS[name].limits
    raw = yaml.safe_load(data_path(name, DATA_DIR).read_text(encoding="utf-8"))
    for path, value in _leaves(raw):
        if isinstance(value, str) and not path.endswith("concept"):
            assert generic(path) in {*limits.chars, *limits.choices}, f"{name}: no limit for {path}"
    stretched_paths = {generic(p) for p, _ in _leaves(stretched_raw(name, "words"))}
    assert set(limits.chars) <= stretched_paths


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", NAMES)
def test_renders_at_the_limits(name: str, variant: str) -> None:
    """Longest labels with the most (or fewest) items: accessible, no negative, zero or
    non-finite size anywhere, every shape and label position inside the viewBox."""
    data = stretched(name, variant)
    uid = f"{name}-limits-1"
    figure = parse_figure(DIAGRAMS[name].render(data, uid))
    svg = svg_of(figure)
    check_accessible(svg, uid)
    check_ids(figure, uid)
    _, _, width, height = (float(v) for v in (svg.get("viewBox") or "").split())
    assert math.isfinite(width) and math.isfinite(height) and width > 0 and height > 0
    for el in svg.iter():
        for attr in NUMERIC:
            if el.get(attr) is None:
                continue
            value = float(el.get(attr) or "nan")
            assert math.isfinite(value) and value >= 0, (el.tag, attr, value)
            if attr in POSITIVE:
                assert value > 0, (el.tag, attr, value)
            if attr in ("x", "cx", "x1", "x2"):
                assert value <= width + 0.01, (el.tag, attr, value)
            if attr in ("y", "cy", "y1", "y2"):
                assert value <= height + 0.01, (el.tag, attr, value)
        if el.tag == f"{NS}rect":
            assert float(el.get("x", 0)) + float(el.get("width", 0)) <= width + 0.01
            assert float(el.get("y", 0)) + float(el.get("height", 0)) <= height + 0.01
        for pair in (el.get("points") or "").split():
            x, y = (float(v) for v in pair.split(","))
            assert 0 <= x <= width + 0.01 and 0 <= y <= height + 0.01, (el.tag, pair)
    # Every label is drawn: no word is lost in wrapping (split words are joined again).
    shown = re.sub(r"-\s", "", " ".join(texts(svg)))
    label = variant if variant in ("one-word", "unlisted-glyphs") else "words"
    assert long_label(10, label)[:10] in shown


def _limit_cases() -> list[tuple[str, str]]:
    return [(name, path) for name in NAMES for path in DIAGRAMS[name].limits.chars]


@pytest.mark.parametrize(("name", "path"), _limit_cases(), ids=[f"{n}-{p}" for n, p in _limit_cases()])
def test_label_too_long_names_key(name: str, path: str) -> None:
    limit = DIAGRAMS[name].limits.chars[path]
    raw = stretched_raw(name, "words")
    load_raw(name, raw)  # at the limit: fine
    parent, key, where = locations(raw, path)[-1]
    parent[key] = long_label(limit + 1, "words")
    with pytest.raises(DataError) as info:
        load_raw(name, raw)
    assert info.value.key == where
    assert str(info.value) == f"{name}.yml: {where}: label too long (max {limit} characters)"


def _item_cases() -> list[tuple[str, str]]:
    return [(name, path) for name in NAMES for path in DIAGRAMS[name].limits.items]


@pytest.mark.parametrize(("name", "path"), _item_cases(), ids=[f"{n}-{p}" for n, p in _item_cases()])
def test_item_counts_are_enforced(name: str, path: str) -> None:
    low, high = DIAGRAMS[name].limits.items[path]
    for count, message in ((high + 1, f"at most {high} item(s)"), (low - 1, f"needs at least {low} item(s)")):
        if count < 0:
            continue
        raw = stretched_raw(name, "words")
        parent, key, where = locations(raw, path)[0]
        items = parent[key]
        del items[count:]
        while len(items) < count:
            items.append(dict(items[-1]))
        with pytest.raises(DataError, match=re.escape(message)) as info:
            load_raw(name, raw)
        assert info.value.key == where


# -- items that name a concept take the register's text ---------------------------------


@pytest.mark.parametrize("module", [ladder, funnel])
def test_steps_take_term_and_definition_from_the_register(module: Any) -> None:
    concepts = load_concepts(CONCEPTS_FILE)
    data = load_diagram(module.__name__.rsplit(".", 1)[-1], DATA_DIR)
    assert data.steps and all(step.concept for step in data.steps)
    for step in data.steps:
        entry = concepts[step.concept]
        assert (step.term, step.definition) == (entry.term, entry.definition)
    # A teacher's fix in the register shows in the diagram.
    first = data.steps[0].concept
    changed = {**concepts, first: dataclasses.replace(concepts[first], definition="Nieuwe definitie.")}
    again = load_diagram(module.__name__.rsplit(".", 1)[-1], DATA_DIR, concepts=changed)
    assert again.steps[0].definition == "Nieuwe definitie."
    assert "Nieuwe definitie." in " ".join(texts(svg_of(parse_figure(module.render(again, "r")))))


def _ladder_raw() -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load(data_path("ladder", DATA_DIR).read_text(encoding="utf-8"))
    return raw


def test_step_with_concept_and_own_definition_is_an_error() -> None:
    raw = _ladder_raw()
    raw["steps"][2]["definition"] = "Een eigen definitie."
    expected = "remove this key: a step with a concept takes its definition"
    with pytest.raises(DataError, match=expected) as info:
        load_raw("ladder", raw, load_concepts(CONCEPTS_FILE))
    assert info.value.key == "steps[2].definition"


def test_step_may_shorten_the_register_term() -> None:
    raw = _ladder_raw()
    raw["steps"][0]["term"] = "Bewust"
    data = load_raw("ladder", raw, load_concepts(CONCEPTS_FILE))
    assert data.steps[0].term == "Bewust"
    assert data.steps[0].definition == load_concepts(CONCEPTS_FILE)["klantbewustheid"].definition


def test_register_text_too_long_names_the_step() -> None:
    concepts = load_concepts(CONCEPTS_FILE)
    limit = ladder.LIMITS.chars["steps[].definition"]
    long = dataclasses.replace(concepts["klantinzicht"], definition=long_label(limit + 1, "words"))
    with pytest.raises(DataError) as info:
        load_raw("ladder", _ladder_raw(), {**concepts, "klantinzicht": long})
    assert info.value.key == "steps[1].concept"
    expected = f"label too long (max {limit} characters): the definition of concept 'klantinzicht'"
    assert expected in str(info.value)


def test_unknown_concept_names_the_key() -> None:
    raw = _ladder_raw()
    raw["steps"][3]["concept"] = "bestaat-niet"
    with pytest.raises(DataError, match="unknown concept id 'bestaat-niet'") as info:
        load_raw("ladder", raw, load_concepts(CONCEPTS_FILE))
    assert info.value.key == "steps[3].concept"


def test_step_without_concept_needs_its_own_definition() -> None:
    raw = {"title": "T", "description": "D", "steps": [{"term": "A", "definition": "a"}, {"term": "B"}]}
    with pytest.raises(DataError, match="missing required key") as info:
        load_raw("ladder", raw, {})
    assert info.value.key == "steps[1].definition"


def test_concept_type_is_the_register_entry() -> None:
    assert all(isinstance(c, Concept) for c in load_concepts(CONCEPTS_FILE).values())
