"""The model map (macros/diagrams/model_map.py, docs/samenhang.md): data, layout, links
and their targets in the built site, the golden file, and Site.diagram's page root."""

from __future__ import annotations

import dataclasses
import itertools
import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from macros.concepts import load_concepts
from macros.diagrams import data_path, load_diagram, model_map
from macros.errors import DataError
from macros.site import Site
from tests.sales import CONCEPTS_FILE, DATA_DIR, DIAGRAMS

from .conftest import ROOT, Built
from .golden_util import assert_golden
from .svg_checks import NS, check_ids, parse_figure, stretched, svg_of, texts

PAGE = "samenhang.html"


def _svg(data: model_map.ModelMap, root: str = "") -> ET.Element:
    return svg_of(parse_figure(model_map.render(data, "m-1", root)))


def _links(svg: ET.Element) -> list[ET.Element]:
    return list(svg.iter(f"{NS}a"))


def _box(el: ET.Element) -> tuple[float, float, float, float]:
    rect = el.find(f"{NS}rect")
    assert rect is not None
    x, y = float(rect.get("x", 0)), float(rect.get("y", 0))
    return x, y, x + float(rect.get("width", 0)), y + float(rect.get("height", 0))


def test_golden_output() -> None:
    """Compared after parsing; regenerate with UPDATE_GOLDEN=1 after an intended change."""
    assert_golden("model_map", DIAGRAMS["model_map"].render(load_diagram("model_map", DATA_DIR), "golden"))


def test_nodes_take_label_and_link_from_the_register() -> None:
    concepts = load_concepts(CONCEPTS_FILE)
    data = load_diagram("model_map", DATA_DIR)
    raw = yaml.safe_load(data_path("model_map", DATA_DIR).read_text(encoding="utf-8"))
    own = {n["concept"]: n["label"] for s in raw["strands"] for n in [s["first"], *s["then"]] if "label" in n}
    nodes = [n for s in data.strands for n in s.nodes]
    assert nodes and all(n.concept for n in nodes)
    for node in nodes:
        entry = concepts[node.concept or ""]
        assert node.href == f"{entry.html_path}#{entry.anchor}"
        assert node.label == own.get(entry.id, model_map.register_label(entry))
    assert concepts["nps"].abbr and model_map.register_label(concepts["nps"]) == "Net Promoter Score (NPS)"
    # A teacher's fix in the register shows in the diagram.
    changed = {**concepts, "abm": dataclasses.replace(concepts["abm"], term="Accountgerichte marketing")}
    again = load_diagram("model_map", DATA_DIR, concepts=changed)
    assert "Accountgerichte marketing (ABM)" in texts(_svg(again))


def test_the_issues_relations_are_drawn() -> None:
    """The chains the course relies on, in this order within their strand."""
    chains = [[n.concept for n in s.nodes] for s in load_diagram("model_map", DATA_DIR).strands]
    expected = [
        ["klantgerichtheidsladder", "nps", "klachtenmanagement", "klantperspectief"],
        ["waardedisciplines", "waardeketen"],
        ["abm", "avg"],
        ["targets", "kpi", "ote"],
    ]
    for want in expected:
        assert any(chain[i : i + len(want)] == want for chain in chains for i in range(len(chain))), (
            f"{want} is not a chain of the model map: {chains}"
        )


def test_layout_nodes_in_order_inside_their_lane_joined_by_arrows() -> None:
    data = load_diagram("model_map", DATA_DIR)
    svg = _svg(data)
    width = float((svg.get("viewBox") or "").split()[2])
    lanes = svg.findall(f"{NS}g[@class='ss-map-strand']")
    assert len(lanes) == len(data.strands)
    previous_bottom = -1.0
    for lane, strand in zip(lanes, data.strands, strict=True):
        left, top, right, bottom = _box(lane)
        assert top > previous_bottom and right <= width, "lanes are stacked without overlap"
        previous_bottom = bottom
        nodes = lane.findall(f"{NS}a")
        assert [n.get("data-concept") for n in nodes] == [n.concept for n in strand.nodes]
        boxes = [_box(n) for n in nodes]
        for (x0, y0, x1, y1), node in zip(boxes, nodes, strict=True):
            assert left < x0 < x1 <= right and top < y0 < y1 < bottom, node.get("data-concept")
        arrows = lane.findall(f"{NS}g[@class='ss-arrow']")
        assert len(arrows) == len(nodes) - 1
        for arrow, (upper, lower) in zip(arrows, itertools.pairwise(boxes), strict=True):
            shaft = arrow.find(f"{NS}line")
            assert shaft is not None
            x = float(shaft.get("x1", 0))
            assert upper[0] < x < upper[2] and lower[0] < x < lower[2], "the arrow starts and ends on a node"
            assert float(shaft.get("y1", 0)) == pytest.approx(upper[3])
            head = arrow.find(f"{NS}polygon")
            assert head is not None
            tip = float((head.get("points") or "").split()[0].split(",")[1])
            assert tip == pytest.approx(lower[1]), "the head touches the next node"


def test_desc_states_every_relation_and_reading_order_follows_it() -> None:
    data = load_diagram("model_map", DATA_DIR)
    svg = _svg(data)
    desc = svg.find(f"{NS}desc")
    assert desc is not None and desc.text
    for strand in data.strands:
        assert strand.heading in desc.text
        for a, b in itertools.pairwise(strand.nodes):
            assert f"{a.label} {b.relation} {b.label}." in desc.text
    # Document order is reading order: heading, node, relation, node, ...
    lane = svg.find(f"{NS}g[@class='ss-map-strand']")
    assert lane is not None
    first = data.strands[0]
    expected = [first.heading]
    for node in first.nodes:
        expected += [node.relation, node.label] if node.relation else [node.label]
    assert [" ".join(t.split()) for t in texts(lane)] == expected


def test_linked_map_is_a_labelled_group_of_focusable_links() -> None:
    """Links inside role=img would be hidden from screen readers (axe: nested-interactive)."""
    svg = _svg(load_diagram("model_map", DATA_DIR))
    assert svg.get("role") == "group"
    assert svg.get("aria-labelledby") == "m-1-title" and svg.get("aria-describedby") == "m-1-desc"
    links = _links(svg)
    assert links and all(a.get("href") for a in links)
    assert all(a.get("tabindex") in (None, "0") for a in links), "every link stays in the tab order"
    check_ids(parse_figure(model_map.render(load_diagram("model_map", DATA_DIR), "m-1")), "m-1")
    # Without any link (no concepts) it is an ordinary image.
    plain = _svg(stretched("model_map", "words"))
    assert plain.get("role") == "img" and not _links(plain)


def test_links_are_relative_to_the_page_root() -> None:
    data = load_diagram("model_map", DATA_DIR)
    at_root = [a.get("href") for a in _links(_svg(data))]
    deeper = [a.get("href") for a in _links(_svg(data, "../"))]
    assert at_root == [n.href for s in data.strands for n in s.nodes]
    assert deeper == [f"../{h}" for h in at_root]


def test_site_diagram_passes_the_page_root_only_to_diagrams_that_take_it() -> None:
    site = Site(ROOT / "docs", DATA_DIR)
    for page, prefix in (("samenhang.md", ""), ("h1/samenvatting.md", "../")):
        site.start_page(page)
        svg = svg_of(parse_figure(site.diagram("model_map")))
        hrefs = [a.get("href") or "" for a in _links(svg)]
        assert hrefs and all(h.startswith(prefix) and not h.startswith(prefix + "../") for h in hrefs)
    # Every other diagram is rendered exactly as before: render(data, uid).
    site.start_page("h1/klantgerichtheid.md")
    markup = site.diagram("ladder")
    uid = svg_of(parse_figure(markup)).get("id") or ""
    assert markup == DIAGRAMS["ladder"].render(site.diagrams["ladder"], uid)


# -- strict data -----------------------------------------------------------------------


def _write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "diagrams").mkdir()
    (tmp_path / "diagrams" / "model_map.yml").write_text(body, encoding="utf-8")
    return tmp_path


HEAD = "title: T\ndescription: D\nstrands:\n  - heading: H\n"


@pytest.mark.parametrize(
    ("body", "key", "needle"),
    [
        (
            HEAD + "    first: {concept: nps}\n    then:\n      - {concept: kpi}\n",
            "strands[0].then[0].relation",
            "missing required key",
        ),
        (
            HEAD
            + "    first: {concept: nps, relation: meet}\n    then:\n      - {concept: kpi, relation: r}\n",
            "strands[0].first.relation",
            "unknown key",
        ),
        (
            HEAD + "    first: {concept: bestaat-niet}\n    then:\n      - {concept: kpi, relation: r}\n",
            "strands[0].first.concept",
            "unknown concept id 'bestaat-niet'",
        ),
        (HEAD + "    first: {label: Eigen model}\n    then: []\n", "strands[0].then", "needs at least 1"),
        (
            HEAD + "    then:\n      - {concept: kpi, relation: r}\n",
            "strands[0].first",
            "missing required key",
        ),
    ],
)
def test_bad_data_names_file_and_key(tmp_path: Path, body: str, key: str, needle: str) -> None:
    data_dir = _write(tmp_path, body)
    with pytest.raises(DataError) as info:
        load_diagram("model_map", data_dir, load_concepts(CONCEPTS_FILE))
    assert info.value.key == key and needle in str(info.value)
    assert str(info.value).startswith(str(info.value.source)) and "model_map.yml" in str(info.value)


def test_node_without_concept_has_its_own_label_and_no_link(tmp_path: Path) -> None:
    body = (
        HEAD + "    first: {label: Eigen model}\n    then:\n      - {concept: kpi, relation: meet met een}\n"
    )
    data = load_diagram(
        "model_map", _write(tmp_path, body), load_concepts(CONCEPTS_FILE), DIAGRAMS["model_map"]
    )
    svg = _svg(data)
    assert [a.get("data-concept") for a in _links(svg)] == ["kpi"]
    assert "Eigen model" in texts(svg)


# -- the built site --------------------------------------------------------------------


def _ids(path: Path) -> set[str]:
    tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
    return {n.attributes.get("id") or "" for n in tree.css("[id]")}


def _map_links(path: Path) -> list[tuple[str, str]]:
    tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
    figures = tree.css("figure.ss-diagram--model-map")
    assert len(figures) == 1, f"{path.name}: expected one model map"
    links = [
        (a.attributes.get("data-concept") or "", a.attributes.get("href") or "") for a in figures[0].css("a")
    ]
    assert links
    return links


def test_every_node_links_to_its_concepts_anchor(built: Built) -> None:
    concepts = load_concepts(CONCEPTS_FILE)
    for cid, href in _map_links(built.site / PAGE):
        target, _, anchor = posixpath.normpath(posixpath.join(posixpath.dirname(PAGE), href)).partition("#")
        entry = concepts[cid]
        assert (target, anchor) == (entry.html_path, entry.anchor), cid
        assert anchor in _ids(built.site / target), f"{href}: no id {anchor!r} in {target}"


def test_print_page_links_stay_inside_the_print_page(built: Built) -> None:
    ids = _ids(built.site / "afdrukken.html")
    links = _map_links(built.site / "afdrukken.html")
    assert all(href.startswith("#") and href[1:] in ids for _, href in links), links


def test_page_is_in_the_nav_after_the_chapters_and_linked_from_both_summaries(built: Built) -> None:
    tree = LexborHTMLParser((built.site / "index.html").read_text(encoding="utf-8"))
    nav = [(a.attributes.get("href"), a.text(strip=True)) for a in tree.css("nav.md-nav--primary a[href]")]
    hrefs = [h for h, _ in nav]
    at = hrefs.index(PAGE)
    assert nav[at][1] == "Samenhang tussen de modellen"
    assert hrefs.index("h2/samenvatting.html") < at and hrefs[at + 1] == "begrippen.html"
    for summary in ("h1/samenvatting.html", "h2/samenvatting.html"):
        tree = LexborHTMLParser((built.site / summary).read_text(encoding="utf-8"))
        links = [a.attributes.get("href") for a in tree.css("article a")]
        assert f"../{PAGE}" in links, summary
