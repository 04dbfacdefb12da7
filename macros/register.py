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
from html.parser import HTMLParser

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
        ET.SubElement(button, "span", {"class": "ss-visually-hidden"}).text = f" naar {label}"
    # A row per line: print-site's anchor rewriting is quadratic on long lines.
    return _html(table).replace("</tr>", "</tr>\n")


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
def abbreviations(concepts: Iterable[Concept]) -> dict[str, str]:
    """Tooltips: every abbreviation and term in the register mapped to its
    definition, for Python-Markdown's abbr extension (its `glossary` option),
    so Material shows the definition as a tooltip on every page."""
    seen: dict[str, str] = {}
    for concept in sorted(concepts, key=lambda c: c.id):
        tip = f"{concept.term}: {concept.definition}"
        words = [concept.abbr] if concept.abbr else []
        words += [concept.term, concept.term[:1].lower() + concept.term[1:]]
        for word in words:
            if word and word not in seen:
                seen[word] = tip
    return seen


HEADING_BLOCK = re.compile(r"<h([1-6])\b[^>]*>.*?</h\1>", re.S)
ABBR_TAG = re.compile(r"<abbr\b[^>]*>(.*?)</abbr>", re.S)


def without_tooltips(page_html: str) -> str:
    """Paper has no hover: the print page drops the tooltip markup (the
    definitions repeated in every <abbr title>) and keeps the term text."""
    return ABBR_TAG.sub(r"\1", page_html)


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
def dutch_plural(word: str) -> str | None:
    """The Dutch plural of one lowercase word, only for endings where a suffix rule
    is reliable; otherwise None (put other plurals in the register's aliases)."""
    if not (word.isalpha() and word.islower() and len(word) > 3):
        return None
    if word.endswith("ing"):
        return word + "en"  # aanbeveling -> aanbevelingen
    if word.endswith("model"):
        return word + "len"  # waardeketenmodel -> waardeketenmodellen
    if word.endswith("ie"):
        # provisie -> provisies; strategie -> strategieën is not a suffix rule
        return word + "s" if word.endswith(("tie", "sie")) else None
    if word.endswith("e") and not word.endswith("ee"):
        return word + "s"  # score -> scores
    if word[-2:] in ("el", "em", "er") and word[-3] not in "aeiou":
        return word + "s"  # ladder -> ladders, funnel -> funnels
    return None


def search_terms(concept: Concept) -> list[str]:
    """Extra words a student may type for a concept: its term, abbreviation, English
    term and aliases, plus the Dutch plural of the term's last word and of each
    one-word alias. Search matches the start of words, so a plural also finds the
    singular."""
    words: list[str] = []
    for text in (concept.term, concept.abbr, concept.en, *concept.aliases):
        if not text:
            continue
        words.append(text)
        parts = text.split()
        english = concept.en and text.casefold() == concept.en.casefold()
        if english or text == concept.abbr or (len(parts) > 1 and text != concept.term):
            continue
        plural = dutch_plural(parts[-1])
        if plural:
            words.append(plural)
    seen: dict[str, None] = {}
    for word in words:
        seen.setdefault(word.casefold(), None)
    return list(seen)


# Material's search separator: tokens keep punctuation, so "(BSC)" is not "bsc".
SEPARATOR = re.compile(r"[\s\-]+")
INLINE = {"abbr", "a", "strong", "em", "b", "i", "code", "span", "dfn", "mark", "sub", "sup", "small"}
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}


class _IndexedText(HTMLParser):
    """The text of an HTML fragment roughly as Material's search indexes it:
    inline tags vanish without a space, elements marked data-search-exclude
    (diagrams, quizzes, exercises) are left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[str] = []
        self.skip_at: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.parts.append(" ")
            return
        self.stack.append(tag)
        if self.skip_at is None and any(k == "data-search-exclude" for k, _ in attrs):
            self.skip_at = len(self.stack)
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in self.stack:
            return
        while self.stack:
            if self.skip_at is not None and len(self.stack) <= self.skip_at:
                self.skip_at = None
            if self.stack.pop() == tag:
                break
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.skip_at is None:
            self.parts.append(data)


def indexed_text(fragment: str) -> str:
    parser = _IndexedText()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)


def _tokens(text: str) -> list[str]:
    return [t for t in SEPARATOR.split(text.casefold()) if t]


def _already_findable(term: str, tokens: list[str]) -> bool:
    """True when every word of term starts a token of the section, so Material's
    prefix search already finds the section without the extra term."""
    return all(any(tok.startswith(part) for tok in tokens) for part in _tokens(term))


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
        tokens = _tokens(indexed_text(page_html[start.start() : end]))
        extra = [t for t in terms if not _already_findable(t, tokens)]
        if not extra:
            continue
        # Search-result previews may show this line, so it says what it is.
        hidden = ET.Element("p", {"class": "ss-search-terms", "hidden": ""})
        hidden.text = "Zoektermen: " + " · ".join(extra)
        page_html = page_html[:end] + _html(hidden) + page_html[end:]
    return page_html
