"""Everything the concept register feeds, as pure functions (data in, text out):
the glossary, the teacher-links table, definitions (Markdown to HTML or plain
text), short concept URLs (c/<id>.html), flashcards (Anki and CSV), extra search
terms and the ids of a built page. The tooltips and the hidden search words are
added to each page's element tree by macros.tooltips (a Markdown extension)."""

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
from .definitions import definition_blocks, definition_text, relative

SHORT_DIR = "c"
FLASHCARD_DIR = "flashcards"


def anki_file(stem: str) -> str:
    """flashcards/<stem>-anki.txt (stem: `flashcards.files` in the course's course.yml)."""
    return f"{FLASHCARD_DIR}/{stem}-anki.txt"


def csv_file(stem: str) -> str:
    return f"{FLASHCARD_DIR}/{stem}.csv"


def sort_key(text: str) -> str:
    """Alphabetical order as a Dutch reader expects: case and accents ignored."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain.casefold()


def _html(element: ET.Element) -> str:
    return ET.tostring(element, encoding="unicode", method="html").replace("\n", " ")


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
        dd.extend(definition_blocks(concept.definition, depth))
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
    rows: Iterable[tuple[str, str]],
    caption: str,
    depth: int = 0,
    label_heading: str = "Onderwerp",
    site_url: str = "",
) -> str:
    """An HTML table of (label, site-relative URL): the label links to the page,
    the second column shows the full link to share (from `site_url`) with a copy
    button. The URL may break only after a slash (<wbr>) or at a hyphen, never
    inside a word. Buttons are rendered hidden; copy-links.js shows them, so
    without JavaScript there is no dead button. Without a site_url the build does
    not know its own address: the column is hidden (class ss-links--nourl) and
    copy-links.js fills it in from the page's address on http(s) only."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    classes = "ss-links" if base else "ss-links ss-links--nourl"
    # Excluded from search: every term is already indexed where it is explained.
    table = ET.Element("table", {"class": classes, "data-search-exclude": ""})
    ET.SubElement(table, "caption").text = caption
    head = ET.SubElement(ET.SubElement(table, "thead"), "tr")
    ET.SubElement(head, "th", {"scope": "col"}).text = label_heading
    ET.SubElement(head, "th", {"scope": "col", "class": "ss-links__share"}).text = "Link om te delen"
    body = ET.SubElement(table, "tbody")
    for label, href in rows:
        tr = ET.SubElement(body, "tr")
        name = ET.SubElement(tr, "td", {"class": "ss-links__name"})
        ET.SubElement(name, "a", {"href": relative(href, depth)}).text = label
        cell = ET.SubElement(ET.SubElement(tr, "td", {"class": "ss-links__share"}), "div")
        cell.set("class", "ss-links__cell")
        url = ET.SubElement(cell, "code", {"class": "ss-links__url"})
        if base:
            _breakable_url(url, base + href)
        button = ET.SubElement(
            cell,
            "button",
            {
                "type": "button",
                "class": "md-button ss-copy",
                "data-copy": base + href if base else relative(href, depth),
                "hidden": "",
            },
        )
        ET.SubElement(button, "span", {"class": "ss-copy__label"}).text = "Kopieer link"
        ET.SubElement(button, "span", {"class": "ss-visually-hidden"}).text = f" naar {label}"
    # A row per line: print-site's anchor rewriting is quadratic on long lines.
    return _html(table).replace("</tr>", "</tr>\n")


def _breakable_url(parent: ET.Element, url: str) -> None:
    """The URL as text with a <wbr> after every slash (hyphens break by themselves)."""
    pieces = re.split(r"(?<=/)(?!/)", url)
    parent.text = pieces[0]
    for piece in pieces[1:]:
        ET.SubElement(parent, "wbr").tail = piece


def teacher_notice(site_url: str) -> str:
    """What the teacher page says when the build has no site_url (the offline copy,
    a local build): its links then only work inside this copy."""
    if site_url:
        return ""
    return (
        '<p class="ss-links__notice"><strong>Deze links werken alleen op deze computer.</strong> '
        "Dit is een kopie van de site zonder vast webadres, zoals de offline versie. Wil je links "
        "delen met je klas? Open deze pagina dan op de online site en kopieer ze daar.</p>"
    )


def concept_rows(concepts: Iterable[Concept]) -> list[tuple[str, str]]:
    return [
        (f"{c.term} ({c.abbr})" if c.abbr else c.term, short_url(c))
        for c in sorted(concepts, key=lambda c: sort_key(c.term))
    ]


# -- short URLs -----------------------------------------------------------------
def short_url(concept: Concept) -> str:
    return f"{SHORT_DIR}/{concept.id}.html"


def redirect_page(concept: Concept, title: str, icon: str = "") -> str:
    """A tiny page at c/<id>.html that sends the reader to the explaining section.
    Works on file:// and without JavaScript (meta refresh plus a visible link).
    `icon` is the site's favicon (site-relative, as in mkdocs.yml theme.favicon): named
    here, the browser does not ask for /favicon.ico (a failed request on most hosts)."""
    target = relative(concept.href, 1)
    esc = html.escape
    link = f'<link rel="icon" href="{esc(relative(icon, 1))}">' if icon else ""
    return (
        '<!doctype html><html lang="nl"><meta charset="utf-8">'
        f"<title>{esc(concept.term)} – {esc(title)}</title>{link}"
        f'<meta http-equiv="refresh" content="0; url={esc(target)}">'
        f'<p>Ga naar <a href="{esc(target)}">{esc(concept.term)}</a>.</p>\n'
    )


def tooltip_title(concept: Concept) -> str:
    """What a tooltip on one of the concept's words says."""
    return f"{concept.term}: {definition_text(concept.definition)}"


# -- flashcards -----------------------------------------------------------------
def _back(concept: Concept, base_url: str) -> str:
    url = base_url.rstrip("/") + "/" + concept.href if base_url else concept.href
    extra = f" ({html.escape(concept.abbr)})" if concept.abbr else ""
    return (
        f"{html.escape(definition_text(concept.definition))}<br><br>"
        f'<a href="{html.escape(url)}">Lees meer{extra}: {html.escape(url)}</a>'
    )


def anki_deck(concepts: Iterable[Concept], deck: str, prefix: str, base_url: str = "") -> str:
    """Anki's text import format with file headers, the deck named `deck` (the site's name).
    Column 1 is a stable guid (`<prefix>-<id>`, the prefix from the course's settings), so
    importing an updated file updates the existing cards; the tags are the prefix and the
    chapter folder."""
    out = io.StringIO()
    out.write("#separator:tab\n#html:true\n#notetype:Basic\n")
    out.write(f"#deck:{deck}\n#guid column:1\n#tags column:4\n")
    out.write("#columns:GUID\tFront\tBack\tTags\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for c in sorted(concepts, key=lambda c: c.id):
        front = html.escape(f"{c.term} ({c.abbr})" if c.abbr else c.term)
        writer.writerow([f"{prefix}-{c.id}", front, _back(c, base_url), f"{prefix} {c.page.split('/')[0]}"])
    return out.getvalue()


def flashcards_csv(concepts: Iterable[Concept], base_url: str = "") -> str:
    """Plain CSV (comma, UTF-8) for any other flashcard app or a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "begrip", "afkorting", "engels", "definitie", "link"])
    for c in sorted(concepts, key=lambda c: c.id):
        url = base_url.rstrip("/") + "/" + c.href if base_url else c.href
        writer.writerow([c.id, c.term, c.abbr or "", c.en or "", definition_text(c.definition), url])
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


# Material's search separator: tokens keep punctuation, so "(ABC)" is not "abc".
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


def tokens(text: str) -> list[str]:
    return [t for t in SEPARATOR.split(text.casefold()) if t]


def already_findable(term: str, words: list[str]) -> bool:
    """True when every word of term starts a token of the section, so Material's
    prefix search already finds the section without the extra term."""
    return all(any(tok.startswith(part) for tok in words) for part in tokens(term))


# -- anchors ----------------------------------------------------------------------
class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if key == "id" and value:
                self.ids.add(value)

    handle_startendtag = handle_starttag


def element_ids(page_html: str) -> set[str]:
    """Every id in an HTML page or fragment (one parse, any quoting)."""
    parser = _Ids()
    parser.feed(page_html)
    parser.close()
    return parser.ids


class _Headings(HTMLParser):
    """Heading ids in order, repeats kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.ids.extend(value for key, value in attrs if key == "id" and value)


def heading_ids(page_html: str) -> list[str]:
    """Every heading id of a page or fragment, in order (a repeat is a mistake)."""
    parser = _Headings()
    parser.feed(page_html)
    parser.close()
    return parser.ids


def nav_pages(nav: object) -> list[str]:
    """Every page in mkdocs.yml's nav, in order, repeats kept (links left out)."""
    if isinstance(nav, str):
        return [] if "://" in nav else [nav]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_pages(value)]
    if isinstance(nav, list):
        return [page for item in nav for page in nav_pages(item)]
    return []
