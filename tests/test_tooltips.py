"""macros.tooltips as a pure Python-Markdown extension (Markdown in, HTML out, no
MkDocs), and the register rules behind it (which words may get a tooltip)."""

from __future__ import annotations

import shutil
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from macros import definitions, register
from macros.concepts import load_concepts
from macros.errors import DataError
from macros.tooltips import TooltipExtension
from tests.sales import CONCEPTS_FILE

CONCEPTS = load_concepts(CONCEPTS_FILE)


class Page(HTMLParser):
    """The tooltips of a converted page: (text, title, heading it is in or None,
    section number), the hidden search paragraphs, and the text per section."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tips: list[tuple[str, str, str | None, int]] = []
        self.hidden: list[tuple[int, str]] = []
        self.section = 0
        self._heading: str | None = None
        self._abbr: str | None = None
        self._hidden = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.section += 1
            self._heading = tag
        elif tag == "abbr":
            self._abbr = a.get("title") or ""
        elif tag == "p" and "ss-search-terms" in (a.get("class") or "") and "hidden" in a:
            self._hidden = True

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self._heading = None
        if tag == "p":
            self._hidden = False

    def handle_data(self, data: str) -> None:
        if self._abbr is not None:
            self.tips.append((data, self._abbr, self._heading, self.section))
            self._abbr = None
        if self._hidden:
            self.hidden.append((self.section, data))


def convert(text: str, page: str = "h1/nps.md", concepts_file: Path = CONCEPTS_FILE) -> str:
    ext = TooltipExtension(page=page, concepts_file=str(concepts_file))
    return markdown.markdown(textwrap.dedent(text), extensions=["attr_list", "toc", "fenced_code", ext])


def register_file(tmp_path: Path, entries: str) -> Path:
    path = tmp_path / "concepts.yml"
    shutil.copyfile(CONCEPTS_FILE.parent / "course.yml", tmp_path / "course.yml")  # the ordinary words
    path.write_text("concepts:\n" + textwrap.indent(textwrap.dedent(entries), "  "), encoding="utf-8")
    return path


ENTRY = """\
- id: {id}
  term: {term}
  definition: {definition}
  page: h1/klant.md
  anchor: {id}
"""


# -- tooltips -------------------------------------------------------------------------
def test_once_per_concept_per_section() -> None:
    page = Page(
        convert(
            """
            # Titel

            De NPS meet loyaliteit. Nog eens NPS, en de Net Promoter Score.

            Een tweede alinea over NPS.

            ## Verder { #verder }

            Weer NPS, en Promotors en promotors.
            """
        )
    )
    nps = [t for t in page.tips if t[1].startswith("Net Promoter Score: ")]
    assert [(text, section) for text, _, _, section in nps] == [("NPS", 1), ("NPS", 2)]
    promotors = [t for t in page.tips if t[1].startswith("Promotors: ")]
    assert [(t[0], t[3]) for t in promotors] == [("Promotors", 2)]


def test_title_is_term_and_plain_definition() -> None:
    (tip,) = Page(convert("Over de NPS.")).tips
    nps = CONCEPTS["nps"]
    assert tip[1] == f"{nps.term}: {definitions.definition_text(nps.definition)}"


def test_no_tooltips_in_headings_code_or_links() -> None:
    page = Page(
        convert(
            """
            ## De NPS uitgelegd { #nps }

            `NPS` in code, [NPS](nps.md) in een link.

            ```text
            NPS in een codeblok
            ```

            En dan de NPS.
            """
        )
    )
    assert [(t[0], t[2]) for t in page.tips] == [("NPS", None)]
    html = convert("## De NPS { #nps }\n\n`NPS` en [NPS](x.md)\n")
    assert "<abbr" not in html


def test_whole_words_and_first_letter_case_only() -> None:
    tips = Page(convert("NPS-score, NPSX, nps, de waardeketenmodellen, De waardeketen.")).tips
    # "NPS-score" is NPS plus a hyphen; "nps" is not the abbreviation; a longer word is not the term.
    assert [t[0] for t in tips] == ["NPS", "waardeketen"]


def test_ordinary_words_never_get_a_tooltip() -> None:
    """Klant, Service and Marge are register terms, and ordinary words."""
    for cid in ("service", "marge"):
        assert CONCEPTS[cid].tooltip == ()
    html = convert("De klant vraagt service. Klant, Service en Marge: de marge van de klant.")
    assert "<abbr" not in html


def test_every_register_tooltip_word_is_allowed() -> None:
    for concept in CONCEPTS.values():
        for word in concept.tooltip:
            assert len(word) >= 3 and word.casefold() not in register_common(), (concept.id, word)


def register_common() -> frozenset[str]:
    from tests.sales import SETTINGS

    COMMON_WORDS = SETTINGS.common_words

    return COMMON_WORDS


def test_default_is_the_abbreviation_and_can_be_switched_off(tmp_path: Path) -> None:
    path = register_file(
        tmp_path,
        ENTRY.format(id="abc", term="Alfa bravo charlie", definition="Een test.")
        + "  abbr: ABC\n"
        + ENTRY.format(id="xyz", term="Xray yankee zulu", definition="Nog een.")
        + "  abbr: XYZ\n  tooltip: []\n",
    )
    tips = Page(convert("ABC en XYZ, Alfa bravo charlie.", "h1/klant.md", path)).tips
    assert [(t[0], t[1]) for t in tips] == [("ABC", "Alfa bravo charlie: Een test.")]


def test_definition_markdown_is_plain_text_in_the_title(tmp_path: Path) -> None:
    path = register_file(
        tmp_path,
        ENTRY.format(
            id="abc",
            term="Alfa",
            definition="'Een **vette** uitleg met [een link](h1/nps.md#nps) & <b>tags</b>.'",
        )
        + "  tooltip: [Alfa]\n",
    )
    (tip,) = Page(convert("Over Alfa.", "h1/klant.md", path)).tips
    assert tip[1] == "Alfa: Een vette uitleg met een link & <b>tags</b>."


# -- the register's rules ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("extra", "key", "message"),
    [
        ("  tooltip: [Klant]\n", "concepts[0].tooltip[0]", "ordinary word"),
        ("  tooltip: [Alfa, Service]\n", "concepts[0].tooltip[1]", "ordinary word"),
        ("  tooltip: [AB]\n", "concepts[0].tooltip[0]", "too short"),
        ("  abbr: de\n", "concepts[0].abbr", "too short"),
        ("  abbr: Het\n", "concepts[0].abbr", "ordinary word"),
    ],
)
def test_tooltip_words_that_are_refused(tmp_path: Path, extra: str, key: str, message: str) -> None:
    path = register_file(tmp_path, ENTRY.format(id="abc", term="Alfa", definition="Een test.") + extra)
    with pytest.raises(DataError, match=message) as info:
        load_concepts(path)
    assert str(info.value).startswith(f"{path}: {key}: ")


@pytest.mark.parametrize(
    ("first", "second", "key"),
    [
        ("  abbr: ABC\n", "  abbr: abc\n", "concepts[1].abbr"),
        ("  tooltip: [Alfa bravo]\n", "  tooltip: [alfa  bravo]\n", "concepts[1].tooltip[0]"),
        ("  abbr: ABC\n", "  tooltip: [ABC]\n", "concepts[1].tooltip[0]"),
    ],
)
def test_shared_abbreviation_or_tooltip_word_names_both(
    tmp_path: Path, first: str, second: str, key: str
) -> None:
    path = register_file(
        tmp_path,
        ENTRY.format(id="een", term="Een begrip", definition="Een.")
        + first
        + ENTRY.format(id="twee", term="Twee begrip", definition="Twee.")
        + second,
    )
    with pytest.raises(DataError) as info:
        load_concepts(path)
    text = str(info.value)
    assert text.startswith(f"{path}: {key}: ") and "'een'" in text and "'twee'" in text


# -- hidden search words ------------------------------------------------------------------
def test_search_words_at_the_end_of_the_concepts_section_only() -> None:
    html = convert(
        """
        ## Net Promoter Score { #nps }

        Tekst over de score en promotors.

        ### Daarna { #daarna }

        Meer.
        """
    )
    page = Page(html)
    (section, text), *rest = page.hidden
    assert not rest and section == 1
    assert text.startswith("Zoektermen: ")
    words = text.removeprefix("Zoektermen: ").split(" · ")
    # Words the section already has (every word starts a word of the section) are left out.
    assert {"nps", "aanbeveling", "aanbevelingen"} <= set(words)
    assert not {"net promoter score", "promotor score", "net promotor score"} & set(words)
    assert set(words) < set(register.search_terms(CONCEPTS["nps"]))
    assert html.index("ss-search-terms") < html.index('id="daarna"')


def test_search_words_only_on_the_concepts_page() -> None:
    text = "## Net Promoter Score { #nps }\n\nTekst.\n"
    assert "ss-search-terms" in convert(text, page="h1/nps.md")
    assert "ss-search-terms" not in convert(text, page="h1/samenvatting.md")


def test_search_words_are_escaped_and_last_section_gets_them_too(tmp_path: Path) -> None:
    path = register_file(
        tmp_path,
        ENTRY.format(id="abc", term="Alfa", definition="Een test.") + "  aliases: ['a<b & c']\n",
    )
    html = convert("Intro.\n\n## Alfa { #abc }\n\nTekst.", "h1/klant.md", path)
    assert Page(html).hidden == [(1, "Zoektermen: a<b & c")]
    assert "a<b" not in html and html.rstrip().endswith("</p>")
