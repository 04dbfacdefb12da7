"""Tests for the six extra diagrams: structure, accessibility, escaping, order,
data errors and golden files. Pure Python: no MkDocs needed."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.concepts import check_references, load_concepts
from macros.diagrams import data_path, load_diagram
from macros.errors import DataError
from tests.golden_util import assert_golden
from tests.sales import CONCEPTS_FILE, DATA_DIR, DIAGRAMS
from tests.svg_checks import load_raw, locations, stretched_raw

# Every kind of diagram the course has data for, found as the build finds them: a new kind
# is tested here without editing a list.
NAMES = sorted(name for name in DIAGRAMS if data_path(name, DATA_DIR).is_file())
NASTY = 'R&D <intern> "x"'


def render(name: str, uid: str = "t", data: Any = None) -> str:
    diagram = DIAGRAMS[name]
    return diagram.render(load_diagram(name, DATA_DIR) if data is None else data, uid)


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse(markup: str) -> tuple[ET.Element, ET.Element]:
    """The <figure> wrapper and its <svg>."""
    fig = ET.fromstring(markup)
    assert local(fig.tag) == "figure"
    (svg,) = list(fig)
    assert local(svg.tag) == "svg"
    return fig, svg


def find_all(node: ET.Element, tag: str) -> list[ET.Element]:
    return [el for el in node.iter() if local(el.tag) == tag]


def groups(svg: ET.Element, cls: str) -> list[ET.Element]:
    return [g for g in find_all(svg, "g") if cls in (g.get("class") or "").split()]


def texts(node: ET.Element) -> list[str]:
    """Each <text> element's lines joined with spaces, in document order."""
    return [" ".join(span.text or "" for span in t) or (t.text or "") for t in find_all(node, "text")]


def floats(value: str | None) -> float:
    assert value is not None
    return float(value)


# -- every diagram --------------------------------------------------------------


def test_all_registered() -> None:
    assert set(NAMES) <= set(DIAGRAMS)


@pytest.mark.parametrize("name", NAMES)
def test_parses_and_is_accessible(name: str) -> None:
    fig, svg = parse(render(name, "acc"))
    assert "data-search-exclude" in fig.attrib
    # A diagram of links (model_map) is a group of them; a picture is an image.
    assert svg.get("role") == ("group" if find_all(svg, "a") else "img")
    ids = {el.get("id"): el for el in svg.iter() if el.get("id")}
    # Named by its <title> and described by its <desc>: both in aria-labelledby (an image), or
    # the description in aria-describedby (a group, whose links keep their own names).
    named = (svg.get("aria-labelledby") or "").split() + (svg.get("aria-describedby") or "").split()
    assert [local(ids[i].tag) for i in named] == ["title", "desc"]
    title, desc = (ids[i].text or "" for i in named)
    data = load_diagram(name, DATA_DIR)
    assert title == data.title
    assert desc.startswith(data.description)
    # The description names every visible text element's words in one place.
    assert len(desc) > 80


@pytest.mark.parametrize("name", NAMES)
def test_ids_unique_and_prefixed(name: str) -> None:
    _, one = parse(render(name, "diag-a-1"))
    _, two = parse(render(name, "diag-a-2"))
    ids_one = [el.get("id") or "" for el in one.iter() if el.get("id")]
    ids_two = {el.get("id") for el in two.iter() if el.get("id")}
    assert len(ids_one) == len(set(ids_one)) >= 3
    assert all(i == "diag-a-1" or i.startswith("diag-a-1-") for i in ids_one)
    assert not set(ids_one) & ids_two


@pytest.mark.parametrize("name", NAMES)
def test_compact_deterministic_and_phone_sized(name: str) -> None:
    markup = render(name, "c")
    assert "\n" not in markup
    assert markup.startswith("<figure ")
    assert markup == render(name, "c")
    _, svg = parse(markup)
    _, _, width, height = (float(v) for v in (svg.get("viewBox") or "").split())
    assert 360 <= width <= 380
    assert 0 < height < 1000
    sizes = [floats(t.get("font-size")) for t in find_all(svg, "text")]
    assert sizes
    assert min(sizes) >= 11


@pytest.mark.parametrize("name", NAMES)
def test_colours_only_through_classes(name: str) -> None:
    _, svg = parse(render(name))
    for el in svg.iter():
        assert not {"fill", "stroke", "style", "color"} & set(el.attrib), el.attrib
        if local(el.tag) in ("rect", "polygon"):
            assert "ss-box" in (el.get("class") or "") or "ss-arrowhead" in (el.get("class") or "")


@pytest.mark.parametrize("name", NAMES)
def test_concept_ids_exist(name: str) -> None:
    if not CONCEPTS_FILE.is_file():
        pytest.skip("concepts.yml not written yet")
    data = load_diagram(name, DATA_DIR)
    assert data.concept_ids(), "every diagram links its items to the concept register"
    check_references(name, data.concept_ids(), load_concepts(CONCEPTS_FILE))


@pytest.mark.parametrize("name", NAMES)
def test_golden(name: str) -> None:
    assert_golden(name, render(name, "golden"))


# -- escaping -------------------------------------------------------------------

Mutate = Callable[[Any], Any]


def _replace_at(items: tuple[Any, ...], index: int, **changes: Any) -> tuple[Any, ...]:
    out = list(items)
    out[index] = dataclasses.replace(out[index], **changes)
    return tuple(out)


def nasty(name: str) -> Any:
    """The diagram's data with every label the YAML itself gives (no concept links) set to
    text full of markup, cut to the label's limit: built from LIMITS, for any kind."""
    raw = stretched_raw(name, "fewest")
    for path, length in DIAGRAMS[name].limits.chars.items():
        for parent, key, _ in locations(raw, path):
            parent[key] = NASTY if length >= len(NASTY) else "<i>&"[:length]  # markup all the same
    return load_raw(name, raw)


@pytest.mark.parametrize("name", NAMES)
def test_labels_are_escaped(name: str) -> None:
    data = nasty(name)
    markup = render(name, "esc", data)
    assert "<intern>" not in markup
    _, svg = parse(markup)
    assert not find_all(svg, "intern")
    desc = next(el for el in svg if local(el.tag) == "desc")
    assert NASTY in (desc.text or "")
    assert any(NASTY in t for t in texts(svg)), texts(svg)
    # Also in the title.
    markup = render(name, "esc", dataclasses.replace(data, title=NASTY))
    _, svg = parse(markup)
    assert next(el for el in svg if local(el.tag) == "title").text == NASTY


# -- order and layout, per diagram ---------------------------------------------


def test_nps_bands_in_order() -> None:
    _, svg = parse(render("nps_scale"))
    bands = groups(svg, "ss-band")
    assert [(b.get("data-low"), b.get("data-high")) for b in bands] == [("0", "6"), ("7", "8"), ("9", "10")]
    scores = [t for t in find_all(svg, "text") if "ss-score" in (t.get("class") or "")]
    assert [texts(s)[0] for s in scores] == [str(i) for i in range(11)]
    xs = [floats(s.get("x")) for s in scores]
    assert xs == sorted(xs)
    first_caption = next(t for t in texts(bands[0]) if not t.isdigit())
    assert first_caption == "Criticasters"
    assert [t for t in texts(bands[2]) if not t.isdigit()][:2] == ["Promotors", "(promoters)"]
    assert "9\u201310" in texts(bands[2])
    formula = groups(svg, "ss-formula")[0]
    assert texts(formula)[0] == "NPS = % promotors \u2212 % criticasters"


def test_value_disciplines_in_order_with_rule_last() -> None:
    data = load_diagram("value_disciplines", DATA_DIR)
    _, svg = parse(render("value_disciplines"))
    rows = groups(svg, "ss-discipline")
    assert [texts(r)[0] for r in rows] == [d.name for d in data.disciplines]
    tops = [floats(find_all(r, "rect")[0].get("y")) for r in rows]
    assert tops == sorted(tops)
    rule = groups(svg, "ss-rule")[0]
    assert texts(rule) == [data.rule]
    assert floats(find_all(rule, "rect")[0].get("y")) > tops[-1]


def test_balanced_scorecard_layout() -> None:
    _, svg = parse(render("balanced_scorecard"))
    boxes = {}
    for g in groups(svg, "ss-perspective"):
        r = find_all(g, "rect")[0]
        boxes[g.get("data-position")] = (floats(r.get("x")), floats(r.get("y")), texts(g)[0])
    assert boxes["top"][2] == "Financieel"
    assert boxes["left"][2] == "Klant"
    assert boxes["right"][2] == "Interne bedrijfsprocessen"
    assert boxes["bottom"][2] == "Leren en groeien"
    assert boxes["top"][1] < boxes["left"][1] == boxes["right"][1] < boxes["bottom"][1]
    assert boxes["left"][0] < boxes["right"][0]
    assert texts(groups(svg, "ss-centre")[0]) == ["Visie en strategie"]
    # The questions go with their perspective.
    perspectives = groups(svg, "ss-perspective")
    assert texts(perspectives[0])[1] == "Hoe aantrekkelijk zijn we voor onze aandeelhouders?"


def test_target_setting_levels_and_arrow_directions() -> None:
    _, svg = parse(render("target_setting"))
    levels = groups(svg, "ss-level")
    assert [texts(lv)[0] for lv in levels] == ["Strategisch niveau", "Tactisch niveau", "Operationeel niveau"]
    ys = [floats(find_all(lv, "rect")[0].get("y")) for lv in levels]
    assert ys == sorted(ys)
    top_down = [texts(c)[0] for c in groups(svg, "ss-cell") if c.get("data-route") == "top-down"]
    assert top_down == ["Directie", "Management", "Medewerkers"]
    bottom_up = [texts(c)[0] for c in groups(svg, "ss-cell") if c.get("data-route") == "bottom-up"]
    assert bottom_up[::-1] == ["Klantdoelstellingen", "Accountplan", "Doelstellingen en plannen"]
    for between in groups(svg, "ss-arrows"):
        left, right = groups(between, "ss-arrow")
        # The head (polygon) sits at the end the arrow points to.
        assert _arrow_dir(left) == "down"
        assert _arrow_dir(right) == "up"
        assert _arrow_x(left) < _arrow_x(right)


def _arrow_dir(arrow: ET.Element) -> str:
    shaft = find_all(arrow, "line")[0]
    tip_y = float((find_all(arrow, "polygon")[0].get("points") or "").split()[0].split(",")[1])
    return "down" if tip_y > floats(shaft.get("y1")) else "up"


def _arrow_x(arrow: ET.Element) -> float:
    return floats(find_all(arrow, "line")[0].get("x1"))


def _polygon_points(el: ET.Element) -> list[tuple[float, float]]:
    pts = [p.split(",") for p in (el.get("points") or "").split()]
    return [(float(x), float(y)) for x, y in pts]


def test_funnel_steps_in_order() -> None:
    _, svg = parse(render("funnel"))
    steps = groups(svg, "ss-step")
    assert [texts(s)[0] for s in steps] == [
        "1. Marktanalyse",
        "2. Leadgeneratie",
        "3. Funnelmanagement",
        "4. Accountmanagement",
    ]
    shapes = [_polygon_points(find_all(s, "polygon")[0]) for s in steps]
    tops = [p[0][1] for p in shapes]
    widths = [p[1][0] - p[0][0] for p in shapes]
    assert tops == sorted(tops)
    assert widths == sorted(widths, reverse=True)  # it narrows: a funnel


def test_sales_versions_left_to_right() -> None:
    _, svg = parse(render("sales_versions"))
    versions = groups(svg, "ss-version")
    assert [texts(v)[0] for v in versions] == ["Sales 1.0", "Sales 2.0", "Sales 3.0"]
    assert [texts(v)[1] for v in versions] == ["Transactie", "Relatie", "Relatie"]
    lefts = [_polygon_points(find_all(v, "polygon")[0])[0][0] for v in versions]
    assert lefts == sorted(lefts)
    assert groups(svg, "ss-arrow"), "an arrow under the chevrons shows the direction"


# -- bad data -------------------------------------------------------------------


def _del(path: str) -> Callable[[dict[str, Any]], None]:
    def apply(raw: dict[str, Any]) -> None:
        *parents, last = _steps(path)
        del _walk(raw, parents)[last]

    return apply


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(raw: dict[str, Any]) -> None:
        *parents, last = _steps(path)
        _walk(raw, parents)[last] = value

    return apply


def _steps(path: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", path)]


def _walk(raw: Any, steps: list[str | int]) -> Any:
    for step in steps:
        raw = raw[step]
    return raw


BAD_DATA: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("nps_scale", _set("bands[1].term", ["Passief", "tevredenen"]), "bands[1].term"),
    ("nps_scale", _set("bands[0].to", "zes"), "bands[0].to"),
    ("nps_scale", _set("bands[1].from", 8), "bands[1].from"),
    ("nps_scale", _del("formula.text"), "formula.text"),
    ("nps_scale", _set("bands[2].to", 9), "bands[2].to"),
    ("value_disciplines", _del("disciplines[2].focus"), "disciplines[2].focus"),
    ("value_disciplines", _set("rule", ["een", "lijst"]), "rule"),
    ("balanced_scorecard", _del("perspectives[0].question"), "perspectives[0].question"),
    ("balanced_scorecard", _set("perspectives[1].position", "midden"), "perspectives[1].position"),
    ("balanced_scorecard", _set("perspectives[3].position", "top"), "perspectives[3].position"),
    ("target_setting", _del("levels[1].bottom_up.text"), "levels[1].bottom_up.text"),
    ("target_setting", _set("top_down", "Top-down"), "top_down"),
    # A step with a concept takes its definition from the register: repeating it is an error.
    ("funnel", _set("steps[0].definition", "Een eigen definitie."), "steps[0].definition"),
    ("funnel", _set("steps[1].concept", "bestaat-niet"), "steps[1].concept"),
    ("funnel", _set("steps", {"term": "Marktanalyse"}), "steps"),
    ("sales_versions", _del("versions[0].focus"), "versions[0].focus"),
    ("value_disciplines", _set("disciplines[0].nme", "Typo"), "disciplines[0].nme"),
    ("sales_versions", _set("versions[1].concept", "Sales 2.0"), "versions[1].concept"),
]


@pytest.mark.parametrize(("name", "mutate", "key"), BAD_DATA, ids=[f"{n}-{k}" for n, _, k in BAD_DATA])
def test_bad_data_names_file_and_key(
    tmp_path: Path, name: str, mutate: Callable[[dict[str, Any]], None], key: str
) -> None:
    raw = yaml.safe_load(data_path(name, DATA_DIR).read_text(encoding="utf-8"))
    mutate(raw)
    target = data_path(name, tmp_path)
    target.parent.mkdir(parents=True)
    target.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_diagram(name, tmp_path, load_concepts(CONCEPTS_FILE), DIAGRAMS[name])
    message = str(info.value)
    assert f"{name}.yml" in message
    assert f": {key}: " in message, message
    assert info.value.key == key


@pytest.mark.parametrize("name", NAMES)
def test_empty_file_names_file(tmp_path: Path, name: str) -> None:
    target = data_path(name, tmp_path)
    target.parent.mkdir(parents=True)
    target.write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"{name}\.yml"):
        load_diagram(name, tmp_path, kind=DIAGRAMS[name])
