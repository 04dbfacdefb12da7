"""Content facts from the content review (/work/shared/reviews/content-review-2.md), checked
on the built pages: learning goals on every paragraph page (P7), the deviation boxes as
two-column tables (P6), additions to the notes labelled in one form (F1, F3, F4, P2, P3, P8),
the "Rekenregels op een rij" page (P4) and the house wording (L6, L7, L9, L10, T2, T4)."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from .conftest import ROOT, Built

GOALS_LEAD = "Na deze paragraaf kun je …"
DEVIATION = "Let op: afwijking van de aantekeningen"
ADDITION = "Aanvulling op de aantekeningen"
TABLE_HEAD = ["Aantekeningen zeggen", "Leer voor de toets"]

# Every paragraph page: a chapter's pages except its index, case and summary.
PARAGRAPHS = sorted(
    p.relative_to(ROOT / "docs").with_suffix(".html").as_posix()
    for chapter in ("h1", "h2")
    for p in (ROOT / "docs" / chapter).glob("*.md")
    if p.stem not in ("index", "casus", "samenvatting")
)


def _article(built: Built, page: str) -> LexborNode:
    tree = LexborHTMLParser((built.site / page).read_text(encoding="utf-8"))
    article = tree.css_first("article")
    assert article is not None, page
    return article


def _boxes(article: LexborNode, title: str) -> list[tuple[str, LexborNode]]:
    """(id of the heading the box stands under, box) for each admonition with this title."""
    out: list[tuple[str, LexborNode]] = []
    section = ""
    for node in article.iter():
        if node.tag in ("h1", "h2", "h3"):
            section = node.attributes.get("id") or ""
        elif "admonition" in (node.attributes.get("class") or "").split():
            head = node.css_first(".admonition-title")
            if head is not None and head.text(strip=True) == title:
                out.append((section, node))
    return out


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) >= 4}


def test_every_paragraph_page_opens_with_two_or_three_learning_goals_from_its_chapter(built: Built) -> None:
    assert len(PARAGRAPHS) == 12, PARAGRAPHS
    for page in PARAGRAPHS:
        article = _article(built, page)
        chapter = _article(built, posixpath.join(posixpath.dirname(page), "index.html"))
        chapter_goals = chapter.css_first("#leerdoelen + p + ul")
        assert chapter_goals is not None, page
        chapter_words = _words(chapter_goals.text())
        nodes = [n for n in article.iter() if n.tag != "-text"]
        first_h2 = next(i for i, n in enumerate(nodes) if n.tag == "h2")
        lead = next((i for i, n in enumerate(nodes[:first_h2]) if n.text(strip=True) == GOALS_LEAD), None)
        assert lead is not None, f"{page}: no '{GOALS_LEAD}' above the first section"
        goals = nodes[lead + 1]
        assert goals.tag == "ul", page
        items = [li.text().strip() for li in goals.css("li")]
        assert 2 <= len(items) <= 3, (page, items)
        for item in items:
            missing = _words(item) - chapter_words
            assert not missing, f"{page}: goal {item!r} uses words not in the chapter's goals: {missing}"
        links = [a.attributes.get("href") for n in nodes[lead:first_h2] for a in n.css("a")]
        assert "#oefenvragen" in links, page
        assert article.css_first("#oefenvragen") is not None, page


@pytest.mark.parametrize(
    "page",
    [
        "h1/nps.html",
        "h1/waardedisciplines.html",
        "h1/technologie-en-data.html",
        "h1/waardeketen.html",
        "h2/balanced-scorecard.html",
    ],
)
def test_deviation_boxes_with_several_points_are_two_column_tables(built: Built, page: str) -> None:
    tables = [box.css_first("table") for _, box in _boxes(_article(built, page), DEVIATION)]
    tables = [t for t in tables if t is not None]
    assert len(tables) == 1, page
    head = [th.text(strip=True) for th in tables[0].css("thead th")]
    assert head == TABLE_HEAD, (page, head)
    rows = tables[0].css("tbody tr")
    assert len(rows) >= 3, page
    for row in rows:
        cells = [td.text(strip=True) for td in row.css("td")]
        assert len(cells) == 2 and all(cells), (page, cells)


def test_the_value_chain_box_explains_the_notes_terms_it_renames(built: Built) -> None:
    ((_, box),) = _boxes(_article(built, "h1/waardeketen.html"), DEVIATION)
    first_column = [row.css_first("td").text(strip=True) for row in box.css("tbody tr")]
    assert any("Technologische ontwikkelingen" in cell for cell in first_column), first_column
    # T2: the notes' "operationele activiteiten" is ordinary Dutch, not a deviation.
    assert not any("perationele activiteiten" in cell for cell in first_column), first_column


ADDITIONS = [
    ("h1/klant.html", "loyale-klant"),
    ("h1/klantgerichtheid.html", "klantervaring"),
    ("h1/waardedisciplines.html", "vergelijking"),
    ("h1/technologie-en-data.html", "crm"),
    ("h1/technologie-en-data.html", "avg"),
    ("h1/van-marktanalyse-tot-accountmanagement.html", "funnel-conversie"),
    ("h1/mensen-in-sales.html", "sales-3-0"),
    ("h2/market-to-sales.html", "rol-van-sales"),
    ("h2/market-to-sales.html", "drempel-en-maximum"),
    ("h2/index.html", "lesboek"),
    ("rekenregels.html", "rekenregels-op-een-rij"),
]


def test_additions_to_the_notes_are_labelled_in_one_form(built: Built) -> None:
    for page, section in ADDITIONS:
        boxes = _boxes(_article(built, page), ADDITION)
        assert section in [s for s, _ in boxes], (page, [s for s, _ in boxes])
    for page in built.pages():
        for _, box in _boxes(_article(built, page), ADDITION):
            assert box.attributes.get("class") == "admonition note", page
    titles = [t.text(strip=True) for t in _article(built, "h1/klant.html").css(".admonition-title")]
    assert "Gedrag en houding" not in titles, titles
    # The site's own topics are no longer "info" boxes beside the labelled ones.
    for page in ("h1/waardedisciplines.html", "h1/mensen-in-sales.html"):
        assert not _article(built, page).css(".admonition.info"), page


RULES = [
    "nps",
    "marge",
    "funnel-conversie",
    "ote",
    "vast-variabel",
    "drempel-en-maximum",
    "verdeelsleutel",
    "bottom-up-min-top-down",
]


def test_rekenregels_page_has_every_rule_with_a_link_to_its_section(built: Built) -> None:
    article = _article(built, "rekenregels.html")
    assert [h.attributes.get("id") for h in article.css("h2")] == RULES
    nodes = [n for n in article.iter() if n.tag != "-text"]
    starts = [i for i, n in enumerate(nodes) if n.tag == "h2"] + [len(nodes)]
    for rule, start, end in zip(RULES, starts, starts[1:], strict=False):
        text = " ".join(n.text() for n in nodes[start:end] if n.tag == "p")
        assert "Regel:" in text and "voorbeeld" in text, rule
        hrefs = [a.attributes.get("href") or "" for n in nodes[start:end] for a in n.css("a[href]")]
        targets = [h for h in hrefs if h.startswith(("h1/", "h2/")) and "#" in h]
        assert targets, f"{rule}: no link to its section"
        for href in targets:
            page, fragment = href.split("#")
            ids = {n.attributes.get("id") for n in _article(built, page).css("[id]")}
            assert fragment in ids, href


def test_rekenregels_page_is_in_the_nav_and_on_the_print_page(built: Built) -> None:
    tree = LexborHTMLParser((built.site / "index.html").read_text(encoding="utf-8"))
    nav = [(a.attributes.get("href"), a.text(strip=True)) for a in tree.css("nav.md-nav--primary a[href]")]
    assert ("rekenregels.html", "Rekenregels op een rij") in nav
    hrefs = [h for h, _ in nav]
    assert hrefs.index("h2/samenvatting.html") < hrefs.index("rekenregels.html")
    printed = LexborHTMLParser((built.site / "afdrukken.html").read_text(encoding="utf-8"))
    section = printed.css_first("section#rekenregels")
    assert section is not None
    assert len(section.css("h2")) == len(RULES)
    for summary in ("h1/samenvatting.html", "h2/samenvatting.html"):
        links = [a.attributes.get("href") for a in _article(built, summary).css("a")]
        assert "../rekenregels.html" in links, summary


# House wording (the lead's decisions on the review): what a reader must not see in the
# site's own prose. The quizzes are another file's text and are left out here.
AVOID = {
    "één van": "een van (L6)",
    "één of meer": "een of meer (L6)",
    "t.o.v.": "ten opzichte van (L10)",
    "benaderd met": "vaak gemeten met (L7)",
    "in de andere twee": "op de andere twee (L9)",
    "Operaties": "Productie (T2)",
    "bereid zijn te betalen": "wat klanten ervoor (willen) betalen (T4)",
}


def _prose(built: Built, page: str) -> str:
    tree = LexborHTMLParser((built.site / page).read_text(encoding="utf-8"))
    article = tree.css_first("article")
    if article is None:
        return ""
    for quiz in article.css(".ss-quiz, .ss-quiz__key"):  # the questions and their printed key
        quiz.decompose()
    return article.text(separator=" ")


def test_house_wording_in_the_pages_and_diagrams(built: Built) -> None:
    found = [
        f"{page}: {word!r} (write {instead})"
        for page in built.pages()
        if page != "afdrukken.html"
        for word, instead in AVOID.items()
        if word in _prose(built, page)
    ]
    assert not found, found


def test_the_notes_definition_of_a_loyal_customer_is_the_register_s(built: Built) -> None:
    # F1: the glossary and tooltips give the notes' behavioural definition only.
    text = Path(built.site / "begrippen.html").read_text(encoding="utf-8")
    glossary = LexborHTMLParser(text).css_first("article")
    assert glossary is not None
    entry = glossary.css_first("#loyale-klant")
    assert entry is not None
    definition = entry.next
    while definition is not None and definition.tag != "dd":
        definition = definition.next
    assert definition is not None and "houding" not in definition.text()
