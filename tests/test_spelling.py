"""Dutch spelling check of everything a reader sees, with Hunspell's nl_NL dictionary.

What is checked (from the built site, the `built` fixture):
- every HTML page: the visible text, text that is hidden until clicked (details, quiz answers),
  the attributes a reader sees or hears (title, aria-label, alt, placeholder) and SVG
  <title>/<desc>/<text>;
- the study data (assets/javascripts/study-data.js): chapter and page titles, terms,
  abbreviations, definitions, questions, options and explanations;
- the Dutch string literals of the interface scripts (overrides/assets/javascripts/*.js).
What is not checked: the hidden search words (`.ss-search-terms`, never shown; they keep the
notes' own misspellings as search aliases), a misspelling the page quotes on purpose
(class ss-sic), <script>/<style>, code (code, pre, kbd, samp),
anything inside an element whose `lang` is not Dutch (the site marks English with lang="en"),
URLs, domain names, file names and e-mail addresses.

Tokens (see `tokens()`, tested below):
- a word is a run of letters; inside it an apostrophe followed by letters (KPI's, auto's, zo'n),
  hyphens (NPS-score: Hunspell accepts a compound when the whole or every part is known) and
  dots between letters (d.w.z., o.a.) stay part of it; a dot right after such an abbreviation
  and after a word Hunspell only knows with its dot (bijv., enz.) is kept: the word is checked
  with and without it;
- a leading 's (’s avonds) is one word;
- a hyphen at the start or end of a word (klant- en marktgericht) is dropped;
- a word that touches a digit (B2B, 4P's, 2e, €1.500, 25%, h1) is not checked: numbers, amounts
  and codes;
- abbreviations in capitals (two or more capitals) are checked like any word, except the
  abbreviations defined in the concept register (its `abbr`), which are accepted: the register
  is their one source.
Unknown words that are right (course terms, names, product names, English terms used as Dutch
terms) go in tests/spelling/words.txt; a second test keeps that list sorted, free of duplicates
and free of entries the text no longer needs.

Hunspell is a Debian package (hunspell, hunspell-nl): `make test` installs it (target
debian-deps); this test installs nothing and fails with one line when it is missing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from tests.conftest import ROOT, Built

WORDS = Path(__file__).parent / "spelling" / "words.txt"
DICTIONARY = "nl_NL"
# The engine's interface scripts and the course's own (its calculators).
SCRIPT_FOLDERS = (ROOT / "overrides" / "assets" / "javascripts", ROOT / "docs" / "assets" / "javascripts")
STUDY_DATA = "assets/javascripts/study-data.js"
INSTALL_HINT = (
    "install Hunspell with the Dutch dictionary: apt-get install hunspell hunspell-nl (make test does)"
)

# -- HTML -----------------------------------------------------------------------------------------

SKIP_ELEMENTS = {"script", "style", "template", "noscript", "code", "pre", "kbd", "samp"}
# ss-search-terms: the hidden search words, never shown. ss-sic: a spelling the page quotes as
# wrong on purpose ("de aantekeningen schrijven <span class="ss-sic">Bottum-up</span>").
SKIP_CLASSES = {"ss-search-terms", "ss-sic"}
READ_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
# Elements that separate words (the rest is inline: <strong>klant</strong>gericht is one word).
BLOCK = {
    "address", "article", "aside", "blockquote", "br", "button", "caption", "dd", "desc", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hr", "input", "label", "legend", "li", "main", "nav", "ol",
    "option", "p", "section", "select", "summary", "svg", "table", "tbody", "td", "text", "textarea",
    "tfoot", "th", "thead", "title", "tr", "tspan", "ul", "g", "head", "body", "html", "meta", "link",
}  # fmt: skip


def _is_dutch(lang: str | None, inherited: bool) -> bool:
    if lang is None:
        return inherited
    return lang.strip().lower().split("-")[0] in {"nl", ""}


def html_texts(html: str, english: set[str] | None = None) -> Iterator[str]:
    """The Dutch texts of one HTML document a reader sees (or hears), in document order.

    The words of passages marked as English (lang="en") are added to `english` when given.
    """
    root = LexborHTMLParser(html).root
    if root is None:
        return
    parts: list[str] = []
    attributes: list[str] = []

    def walk(node: LexborNode, dutch: bool) -> None:
        tag = node.tag or ""
        if tag == "-text":
            if dutch:
                parts.append(node.text_content or "")
            elif english is not None:
                english.update(tokens(node.text_content or ""))
            return
        if tag.startswith("-") or tag == "_comment":  # comments, doctype
            return
        attrs = node.attributes
        if tag in SKIP_ELEMENTS or SKIP_CLASSES & set((attrs.get("class") or "").split()):
            return
        dutch = _is_dutch(attrs.get("lang"), dutch)
        if not dutch and english is None:
            return
        if dutch:
            attributes.extend(v for name in READ_ATTRIBUTES if (v := attrs.get(name)))
        block = tag in BLOCK
        if block:
            parts.append("\n")
        child = node.child
        while child is not None:
            walk(child, dutch)
            child = child.next
        if block:
            parts.append("\n")

    walk(root, True)
    yield from attributes
    yield "".join(parts)


# -- study data -----------------------------------------------------------------------------------

STUDY_TEXT_KEYS = {"title", "term", "abbr", "definition", "text", "explanation", "t"}


def study_texts(source: str) -> tuple[list[str], set[str]]:
    """The reader texts in study-data.js and the register's abbreviations."""
    data = json.loads(source[source.index("{") : source.rindex("}") + 1])
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in STUDY_TEXT_KEYS and isinstance(item, str):
                    texts.append(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    abbreviations = {c["abbr"] for c in data.get("concepts", []) if c.get("abbr")}
    return texts, abbreviations


# -- JavaScript -----------------------------------------------------------------------------------

# After one of these (or at the start), a "/" opens a regular expression, not a division.
_REGEX_AFTER_WORDS = {"return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw"}


def js_strings(source: str) -> list[str]:
    """Every string literal and template text in a script, comments and regexes left out.

    A small lexer (ES2017 as the site writes it): line and block comments, '…', "…", `…${…}…`
    with nested expressions, and regular-expression literals told apart from division by the
    token before them.
    """
    out: list[str] = []
    i, n = 0, len(source)
    prev = ""  # the last significant character or word, to tell a regex from a division
    depth: list[int] = []  # brace depth at each open ${ … } of a template

    def read_quoted(start: int, quote: str) -> tuple[str, int]:
        j, buf = start + 1, []
        while j < n and source[j] != quote:
            if source[j] == "\\" and j + 1 < n:
                buf.append(_unescape(source[j : j + 2]))
                j += 2
            else:
                buf.append(source[j])
                j += 1
        return "".join(buf), j + 1

    def read_template(start: int) -> tuple[str, int, bool]:
        """Template text from `start` to the closing ` (False) or to a ${ (True)."""
        j, buf = start, []
        while j < n:
            c = source[j]
            if c == "\\" and j + 1 < n:
                buf.append(_unescape(source[j : j + 2]))
                j += 2
            elif c == "`":
                return "".join(buf), j + 1, False
            elif c == "$" and source.startswith("${", j):
                return "".join(buf), j + 2, True
            else:
                buf.append(c)
                j += 1
        return "".join(buf), j, False

    braces = 0
    while i < n:
        c = source[i]
        if c.isspace():
            i += 1
        elif source.startswith("//", i):
            i = source.find("\n", i) if "\n" in source[i:] else n
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif c in "'\"":
            text, i = read_quoted(i, c)
            out.append(text)
            prev = "a"
        elif c == "`" or (c == "}" and depth and depth[-1] == braces):
            if c == "}":
                depth.pop()
            text, i, opened = read_template(i + 1)
            out.append(text)
            if opened:
                depth.append(braces)
            prev = "a"
        elif c == "/" and (prev == "" or prev in "(,=:[!&|?{};+-*%<>~^" or prev in _REGEX_AFTER_WORDS):
            j, in_class = i + 1, False
            while j < n and (in_class or source[j] != "/"):
                if source[j] == "\\":
                    j += 1
                elif source[j] == "[":
                    in_class = True
                elif source[j] == "]":
                    in_class = False
                j += 1
            i = j + 1
            while i < n and source[i].isalpha():  # flags
                i += 1
            prev = "a"
        elif c.isalnum() or c in "_$":
            j = i
            while j < n and (source[j].isalnum() or source[j] in "_$"):
                j += 1
            word = source[i:j]
            prev = word if word in _REGEX_AFTER_WORDS else "a"
            i = j
        else:
            if c == "{":
                braces += 1
            elif c == "}":
                braces -= 1
            prev = c if c not in ")]" else "a"
            i += 1
    return out


def _unescape(escape: str) -> str:
    return {"\\n": "\n", "\\t": "\t", "\\r": "\n"}.get(escape, escape[1])


# A literal is text when it has a space between words or is one capitalised word ("Opnieuw",
# "Goed!"); a literal with markup is parsed as HTML. Not text: CSS selectors, class lists,
# directives, key names, and every other one-word literal (event, tag, attribute and storage
# names; a lowercase one-word text such as "meerkeuzevraag" is therefore not checked in scripts).
_CAPITALISED = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]+(?:[-'’][a-zà-ÿ]+)*[.!?:,…]*")
_IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(?:(?:-{1,2}|_{1,2})[a-z0-9]+)*")
_NOT_TEXT = {"use strict", "Enter", "Escape", "Tab", "Space", "Backspace", "Delete", "Home", "End"}


def js_texts(source: str) -> Iterator[str]:
    """The Dutch interface texts among a script's string literals."""
    for literal in js_strings(source):
        text = literal.strip()
        if not any(ch.isalpha() for ch in text) or text in _NOT_TEXT:
            continue
        if "<" in text and ">" in text:
            yield from html_texts(text)
        elif re.search(r"\s", text):
            words = [w.strip(",") for w in text.split()]
            if (
                re.match(r"[.#][\w-]|[:*>]", text)
                or any(c in text for c in "[]=")
                or all(_IDENTIFIER.fullmatch(w) for w in words)
            ):
                continue  # a selector or a class list
            yield text
        elif _CAPITALISED.fullmatch(text):
            yield text


# -- tokens ---------------------------------------------------------------------------------------

_L = r"[^\W\d_]"
_WORD = re.compile(
    r"(?<![^\W_])['’]s(?![^\W_])"  # a leading 's, ’s (’s avonds)
    rf"|{_L}+(?:(?:['’]|-+|\.){_L}+)*\.?"
)
_CHUNK_SKIP = re.compile(
    r"://|^www\.|@|"  # URLs, e-mail addresses
    r"^[\w-]{2,}(?:\.[\w-]+)*\.(?:nl|com|org|net|eu|be|io|dev|html|md|csv|txt|js|json|zip|yml|pdf|epub)\b",
    re.IGNORECASE,
)


def tokens(text: str) -> Iterator[str]:
    """The words of a Dutch text to check (the rules are in the module docstring)."""
    for chunk in unicodedata.normalize("NFC", text).split():
        if _CHUNK_SKIP.search(chunk.strip("\"'’‘“”()[]{}<>,;:!?…")):
            continue
        for match in _WORD.finditer(chunk):
            before, after = chunk[: match.start()][-1:], chunk[match.end() :][:1]
            if before.isdigit() or after.isdigit():
                continue  # B2B, 2e, h1, 4P's: a number or a code
            yield match.group()


_EMPHASIS = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")


def parts(word: str) -> list[str]:
    """What is checked when Hunspell does not know a word as a whole: the word without emphasis
    accents (níet, aantónen, Eén), without an apostrophe-s (Porter's), and split at its hyphens
    (marketing-afdeling, Reichheld-score: every part must be known)."""
    base = word.translate(_EMPHASIS)
    base = re.sub(r"['’]s$", "", base) if len(base) > 3 else base
    return [part for part in base.split("-") if part]


def report_form(word: str) -> str:
    """A word as the report and the word list name it: without a sentence's final dot."""
    return word[:-1] if word.endswith(".") and "." not in word[:-1] else word


# -- Hunspell -------------------------------------------------------------------------------------


def hunspell_unknown(words: Iterable[str], personal: Path | None) -> set[str]:
    """The words Hunspell (nl_NL plus the personal list) does not know, in one process.

    One word a line into `hunspell -l`, which prints each unknown word as it was given (a final
    dot it does not need dropped: "Porterr." comes back as "Porterr." or "Porterr").
    """
    exe = shutil.which("hunspell")
    if exe is None:
        pytest.fail(f"Hunspell is missing: {INSTALL_HINT}", pytrace=False)
    cmd = [exe, "-d", DICTIONARY, "-l", "-i", "utf-8"]
    if personal is not None:
        cmd += ["-p", str(personal)]
    unique = sorted(set(words))
    probe = "xqzwv"  # surely unknown: proves the dictionary was loaded and answers
    result = subprocess.run(
        cmd, input="\n".join([probe, *unique]) + "\n", capture_output=True, text=True, check=False
    )
    out = set(result.stdout.split())
    if result.returncode != 0 or probe not in out:
        detail = "; ".join(result.stderr.strip().splitlines()[:1]) or "no answer"
        pytest.fail(f"Hunspell cannot check with nl_NL ({detail}): {INSTALL_HINT}", pytrace=False)
    return {w for w in unique if w in out or w.rstrip(".") in out}


def word_list(path: Path = WORDS) -> list[str]:
    """The project word list: one word a line; '#' starts a comment line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


# -- collecting the text --------------------------------------------------------------------------


def reader_texts(site: Path, pages: list[str]) -> tuple[dict[str, list[str]], set[str], set[str]]:
    """Texts by source (page, study data, script), the register's abbreviations and the words the
    site marks as English."""
    texts: dict[str, list[str]] = {}
    english: set[str] = set()
    for page in pages:
        texts[page] = list(html_texts((site / page).read_text(encoding="utf-8"), english))
    study, abbreviations = study_texts((site / STUDY_DATA).read_text(encoding="utf-8"))
    texts[STUDY_DATA] = study
    for script in sorted(p for folder in SCRIPT_FOLDERS for p in folder.glob("*.js")):
        texts[script.relative_to(ROOT).as_posix()] = list(js_texts(script.read_text(encoding="utf-8")))
    return texts, abbreviations, {p.casefold() for w in english for p in [w, *parts(w)]}


def unknown_words(site: Path, pages: list[str], personal: Path | None) -> dict[str, set[str]]:
    """Each unknown word (or unknown part of a compound) with the sources it occurs in.

    The study data is plain text without markup: there, words that the pages mark as English
    (the register's English names on the glossary, for one) are accepted as well.
    """
    texts, abbreviations, english = reader_texts(site, pages)
    where: dict[str, set[str]] = defaultdict(set)
    for source, items in texts.items():
        for text in items:
            for word in tokens(text):
                where[word].add(source)

    def accepted(word: str, sources: set[str]) -> bool:
        bare = re.sub(r"['’]s$", "", word.rstrip("."))
        if bare in abbreviations:  # a register abbreviation, also with 's or a final dot
            return True
        return sources == {STUDY_DATA} and bare.casefold() in english

    words = {w for w in where if not accepted(w, where[w])}
    fallback = {w: [p for p in parts(w) if not accepted(p, where[w])] for w in words}
    unknown = hunspell_unknown(words | {p for ps in fallback.values() for p in ps}, personal)
    found: dict[str, set[str]] = defaultdict(set)
    for word in sorted(words & unknown):
        for part in [p for p in fallback[word] if p in unknown] if fallback[word] != [word] else [word]:
            found[report_form(part)] |= where[word]
    return dict(sorted(found.items()))


# -- the tests ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spelling(built: Built) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Unknown words with and without the project word list."""
    pages = [
        *built.pages(),
        *(p.relative_to(built.site).as_posix() for p in (built.site / "c").glob("*.html")),
    ]
    pages = sorted(set(pages))
    return unknown_words(built.site, pages, WORDS), unknown_words(built.site, pages, None)


def test_no_unknown_words(spelling: tuple[dict[str, set[str]], dict[str, set[str]]]) -> None:
    unknown, _ = spelling
    lines = [
        f"{word}  ({', '.join(sorted(sources)[:3])}{' …' if len(sources) > 3 else ''})"
        for word, sources in unknown.items()
    ]
    if unknown:
        pytest.fail(
            f'{len(unknown)} unknown words: fix the spelling, mark an English passage lang="en", '
            f"or (a term or a name) add it to {WORDS.relative_to(ROOT)}:\n" + "\n".join(lines),
            pytrace=False,
        )


def test_word_list_is_sorted_unique_and_needed(
    spelling: tuple[dict[str, set[str]], dict[str, set[str]]],
) -> None:
    entries = word_list()
    assert entries == sorted(entries, key=_sort_key), (
        f"{WORDS.relative_to(ROOT)}: keep the words sorted (case-insensitive)"
    )
    duplicates = sorted({w for w in entries if entries.count(w) > 1})
    assert not duplicates, f"{WORDS.relative_to(ROOT)}: duplicates: {', '.join(duplicates)}"
    _, without_list = spelling
    # Which entries make the words that are unknown without the list pass: their stems
    # (an entry "bijverkoop/verkoop" takes the endings of "verkoop": bijverkopen).
    result = subprocess.run(
        ["hunspell", "-d", DICTIONARY, "-i", "utf-8", "-p", str(WORDS), "-s"],
        input="\n".join(without_list) + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    stems = {line.split()[-1] for line in result.stdout.splitlines() if len(line.split()) == 2}
    unused = [e for e in entries if e.split("/")[0] not in stems]
    assert not unused, f"{WORDS.relative_to(ROOT)}: not needed any more, remove: {', '.join(unused)}"


def _sort_key(word: str) -> tuple[str, str]:
    return (word.split("/")[0].casefold(), word)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De KPI's en auto's, zo’n klant.", ["De", "KPI's", "en", "auto's", "zo’n", "klant."]),
        ("klant- en marktgericht, -gericht", ["klant", "en", "marktgericht", "gericht"]),
        ("NPS-score d.w.z. bijv. ’s avonds", ["NPS-score", "d.w.z.", "bijv.", "’s", "avonds"]),
        ("B2B 4P's 25% € 1.500 h1 2e", []),
        ("zie https://example.nl/x, ap.nl, info@ap.nl en sales-begrippen.csv", ["zie", "en"]),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert list(tokens(text)) == expected


def test_parts_and_report_form() -> None:
    assert parts("marketing-afdeling") == ["marketing", "afdeling"]
    assert parts("níet") == ["niet"]
    assert parts("Porter's") == ["Porter"]
    assert report_form("klant.") == "klant"
    assert report_form("d.w.z.") == "d.w.z."


def test_js_texts_keep_interface_text_only() -> None:
    source = r"""
    // "Commentaar" is no text
    "use strict";
    el.textContent = ok ? "Goed!" : 'Helaas, het juiste antwoord is: ' + x
      + `. Nog ${n > 1 ? "twee" : 'één'} keer`;
    box.querySelector(".ss-quiz__answer p"); el.className = "md-button md-button--primary";
    t.closest("input, textarea, [contenteditable]"); on("click");
    re = /Nee'n "x"/g; y = a / b / c;
    html = '<button title="Opnieuw beginnen">Wis <code>x()</code></button>';
    """
    texts = list(js_texts(source))
    assert texts[:3] == ["Goed!", "Helaas, het juiste antwoord is:", ". Nog"]
    assert "Commentaar" not in " ".join(texts) and "Nee'n" not in " ".join(texts)
    assert "Opnieuw beginnen" in texts and any("Wis" in t for t in texts)
    assert not any("ss-quiz" in t or "md-button" in t or "textarea" in t or "x()" in t for t in texts)


def test_html_texts_skip_what_is_never_shown_or_english() -> None:
    html = (
        '<html lang="nl"><body><p>Zichtbaar <i lang="en">customer intimacy</i></p>'
        '<p class="ss-search-terms" hidden>Zoektermen: bottum</p><details><summary>Antwoord</summary>'
        '<p>Verborgen<span class="ss-sic">Bottum</span></p></details><pre>code</pre>'
        '<svg><title>Diagramtitel</title><text>Label</text></svg><img alt="Afbeelding"></body></html>'
    )
    english: set[str] = set()
    text = " ".join(html_texts(html, english))
    for word in ("Zichtbaar", "Antwoord", "Verborgen", "Diagramtitel", "Label", "Afbeelding"):
        assert word in text
    for word in ("customer", "bottum", "Bottum", "code"):
        assert word not in text
    assert english == {"customer", "intimacy"}
