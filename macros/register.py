"""Everything the concept register feeds, as pure functions (data in, text out):
the glossary, the teacher-links table, tooltips (abbreviations), short concept
URLs (c/<id>.html), flashcards (Anki and CSV) and extra search terms."""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping

from .concepts import Concept

SHORT_DIR = "c"
FLASHCARD_DIR = "flashcards"
ANKI_FILE = f"{FLASHCARD_DIR}/sales-begrippen-anki.txt"
CSV_FILE = f"{FLASHCARD_DIR}/sales-begrippen.csv"
DECK = "Sales studiesite"


def sort_key(text: str) -> str:
    """Alphabetical order as a Dutch reader expects: case and accents ignored."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain.casefold()


def _html(element: ET.Element) -> str:
    return ET.tostring(element, encoding="unicode", method="html").replace("\n", " ")


def relative(href: str, depth: int) -> str:
    """A site-relative URL as seen from a page `depth` folders deep."""
    return "../" * depth + href


# -- glossary -------------------------------------------------------------------
def glossary(concepts: Iterable[Concept], titles: Mapping[str, str], depth: int = 0) -> str:
    """Markdown: a heading per letter and a <dl> of entries, each with its own id
    (the concept id), definition, abbreviation / English term and a link."""
    entries = sorted(concepts, key=lambda c: sort_key(c.term))
    out: list[str] = []
    letter = ""
    block: ET.Element | None = None
    for concept in entries:
        first = sort_key(concept.term)[:1].upper() or "#"
        if first != letter:
            if block is not None:
                out.append(_html(block))
            letter = first
            out.append(f"## {letter} {{ #letter-{letter.lower()} }}")
            block = ET.Element("dl", {"class": "ss-glossary"})
        assert block is not None
        dt = ET.SubElement(block, "dt", {"id": concept.id})
        ET.SubElement(dt, "dfn").text = concept.term
        if concept.abbr:
            dt[-1].tail = " "
            ET.SubElement(dt, "span", {"class": "ss-glossary__abbr"}).text = f"({concept.abbr})"
        dd = ET.SubElement(block, "dd")
        ET.SubElement(dd, "p").text = concept.definition
        if concept.en and concept.en.casefold() != concept.term.casefold():
            extra = ET.SubElement(dd, "p", {"class": "ss-glossary__en"})
            extra.text = "Engels: "
            ET.SubElement(extra, "i", {"lang": "en"}).text = concept.en
        more = ET.SubElement(dd, "p", {"class": "ss-glossary__more"})
        link = ET.SubElement(more, "a", {"href": relative(concept.href, depth)})
        link.text = f"Lees meer in {titles.get(concept.page, concept.page)}"
    if block is not None:
        out.append(_html(block))
    return "\n\n".join(out) + "\n"


# -- teacher links --------------------------------------------------------------
def teacher_table(
    rows: Iterable[tuple[str, str]], caption: str, depth: int = 0, label_heading: str = "Onderwerp"
) -> str:
    """An HTML table of (label, site-relative URL) with a copy button per row.
    Without JavaScript the URL is still a visible, selectable link."""
    # Excluded from search: every term is already indexed where it is explained.
    table = ET.Element("table", {"class": "ss-links", "data-search-exclude": ""})
    ET.SubElement(table, "caption").text = caption
    head = ET.SubElement(ET.SubElement(table, "thead"), "tr")
    for text in (label_heading, "Link", "Kopiëren"):
        ET.SubElement(head, "th", {"scope": "col"}).text = text
    body = ET.SubElement(table, "tbody")
    for label, href in rows:
        tr = ET.SubElement(body, "tr")
        ET.SubElement(tr, "td").text = label
        cell = ET.SubElement(tr, "td")
        link = ET.SubElement(cell, "a", {"href": relative(href, depth), "class": "ss-links__url"})
        ET.SubElement(link, "code").text = href
        action = ET.SubElement(tr, "td")
        button = ET.SubElement(
            action,
            "button",
            {
                "type": "button",
                "class": "md-button ss-copy",
                "data-copy": relative(href, depth),
                "hidden": "",
            },
        )
        button.text = "Kopieer link"
        ET.SubElement(button, "span", {"class": "md-visually-hidden"}).text = f" naar {label}"
    return _html(table)


def concept_rows(concepts: Iterable[Concept]) -> list[tuple[str, str]]:
    return [
        (f"{c.term} ({c.abbr})" if c.abbr else c.term, short_url(c))
        for c in sorted(concepts, key=lambda c: sort_key(c.term))
    ]


# -- short URLs -----------------------------------------------------------------
def short_url(concept: Concept) -> str:
    return f"{SHORT_DIR}/{concept.id}.html"


def redirect_page(concept: Concept, title: str) -> str:
    """A tiny page at c/<id>.html that sends the reader to the explaining section.
    Works on file:// and without JavaScript (meta refresh plus a visible link)."""
    target = relative(concept.href, 1)
    esc = html.escape
    return (
        '<!doctype html><html lang="nl"><meta charset="utf-8">'
        f"<title>{esc(concept.term)} – {esc(title)}</title>"
        f'<meta http-equiv="refresh" content="0; url={esc(target)}">'
        f'<p>Ga naar <a href="{esc(target)}">{esc(concept.term)}</a>.</p>\n'
    )


# -- tooltips -------------------------------------------------------------------
def abbreviations(concepts: Iterable[Concept]) -> str:
    """Python-Markdown abbr definitions (`*[NPS]: ...`) for every abbreviation and
    term in the register, so Material shows the definition as a tooltip."""
    seen: dict[str, str] = {}
    for concept in sorted(concepts, key=lambda c: c.id):
        tip = f"{concept.term}: {concept.definition}"
        words = [concept.abbr] if concept.abbr else []
        words += [concept.term, concept.term[:1].lower() + concept.term[1:]]
        for word in words:
            if word and word not in seen and "]" not in word:
                seen[word] = tip
    return "\n".join(f"*[{word}]: {tip}" for word, tip in seen.items()) + "\n"


HEADING_BLOCK = re.compile(r"<h([1-6])\b[^>]*>.*?</h\1>", re.S)
ABBR_TAG = re.compile(r"<abbr\b[^>]*>(.*?)</abbr>", re.S)


def plain_headings(page_html: str) -> str:
    """No tooltips inside headings (the section itself explains the term, and the
    table of contents repeats headings)."""
    return HEADING_BLOCK.sub(lambda m: ABBR_TAG.sub(r"\1", m.group(0)), page_html)


# -- flashcards -----------------------------------------------------------------
def _back(concept: Concept, base_url: str) -> str:
    url = base_url.rstrip("/") + "/" + concept.href if base_url else concept.href
    extra = f" ({html.escape(concept.abbr)})" if concept.abbr else ""
    return (
        f"{html.escape(concept.definition)}<br><br>"
        f'<a href="{html.escape(url)}">Lees meer{extra}: {html.escape(url)}</a>'
    )


def anki_deck(concepts: Iterable[Concept], base_url: str = "") -> str:
    """Anki's text import format with file headers. Column 1 is a stable guid
    (`sales-<id>`), so importing an updated file updates the existing cards."""
    out = io.StringIO()
    out.write("#separator:tab\n#html:true\n#notetype:Basic\n")
    out.write(f"#deck:{DECK}\n#guid column:1\n#tags column:4\n")
    out.write("#columns:GUID\tFront\tBack\tTags\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for c in sorted(concepts, key=lambda c: c.id):
        front = html.escape(f"{c.term} ({c.abbr})" if c.abbr else c.term)
        writer.writerow([f"sales-{c.id}", front, _back(c, base_url), f"sales {c.page.split('/')[0]}"])
    return out.getvalue()


def flashcards_csv(concepts: Iterable[Concept], base_url: str = "") -> str:
    """Plain CSV (comma, UTF-8) for any other flashcard app or a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "begrip", "afkorting", "engels", "definitie", "link"])
    for c in sorted(concepts, key=lambda c: c.id):
        url = base_url.rstrip("/") + "/" + c.href if base_url else c.href
        writer.writerow([c.id, c.term, c.abbr or "", c.en or "", c.definition, url])
    return "\ufeff" + out.getvalue()  # BOM so spreadsheet programs read UTF-8


# -- search ---------------------------------------------------------------------
def search_terms(concept: Concept) -> list[str]:
    """Extra words a student may type for a concept: its abbreviation, English
    term, aliases, and simple Dutch plural forms of the term and aliases."""
    words: list[str] = []
    for text in (concept.term, concept.abbr, concept.en, *concept.aliases):
        if not text:
            continue
        words.append(text)
        last = text.split()[-1]
        if last.isalpha() and last.islower() and len(last) > 3:
            words.extend([text + "s", text + "en"] if not last.endswith("s") else [])
    seen: dict[str, None] = {}
    for word in words:
        seen.setdefault(word.casefold(), None)
    return list(seen)


HEADING = re.compile(r"<h([1-6])\b[^>]*>")


def add_search_terms(page_html: str, terms_by_anchor: Mapping[str, list[str]]) -> str:
    """Append a hidden paragraph with extra search words at the end of the text
    under each heading whose id is a concept anchor. The search indexer reads it;
    `hidden` keeps it from readers and screen readers."""
    for anchor, terms in terms_by_anchor.items():
        if not terms:
            continue
        start = re.search(rf'<h([1-6])\b[^>]*\bid="{re.escape(anchor)}"', page_html)
        if not start:
            continue
        # Before the next heading of any level: the search index splits there.
        following = HEADING.search(page_html, start.end())
        end = following.start() if following else len(page_html)
        hidden = ET.Element("p", {"class": "ss-search-terms", "hidden": ""})
        hidden.text = " · ".join(terms)
        page_html = page_html[:end] + _html(hidden) + page_html[end:]
    return page_html
