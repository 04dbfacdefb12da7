"""The site on paper and on an e-reader (tools/paper.py, print.css, the print-page
part of macros/postbuild.py), checked on the session's one build (`built`):
the PDF read back with poppler (pdftotext) and pypdf, the EPUB with epubcheck,
every page with the Nu HTML checker and a link and anchor check."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from pypdf import PdfReader
from selectolax.lexbor import LexborHTMLParser

from macros import postbuild
from macros.quiz import load_quizzes, option_letter
from tests.sales import EPUB_NAME, PDF_NAME, PRINT_PAGE, QUIZZES_FILE, TITLE
from tools import paper

from .conftest import ROOT, Built

pytestmark = pytest.mark.paper  # the PDF and the EPUB: not in make check (it builds without them)

VNU = ROOT / "tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
# epubcheck and the Nu checker each run once, a few seconds: most of the JVM's CPU time went to
# its optimising (C2) compiler and parallel GC threads. The quick (C1) compiler alone halves
# it; its code uses more stack, and the Nu checker's schema needs a deep one (a StackOverflowError
# otherwise).
JAVA = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m", "-jar"]


def tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is missing: run `make debian-deps` (Debian packages)"
    return found


@pytest.fixture(scope="module")
def pdf(built: Built) -> Path:
    path = built.site / paper.DOWNLOAD_DIR / PDF_NAME
    assert path.is_file(), "the build made no PDF"
    return path


@pytest.fixture(scope="module")
def pdf_pages(pdf: Path) -> list[str]:
    """The text of every PDF page, whitespace folded."""
    out = subprocess.run(
        [tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in out.split("\f")]


def print_tree(built: Built) -> LexborHTMLParser:
    return LexborHTMLParser((built.site / PRINT_PAGE).read_text(encoding="utf-8"))


def titles_in_order(built: Built) -> list[str]:
    """Every page (h1) and section (h2) title of the print page, in order, but for
    those in passages marked for a screen or the online site (not on paper)."""
    tree = print_tree(built)
    for passage in tree.css(f".{postbuild.SCREEN_ONLY}, .{postbuild.ONLINE_ONLY}"):
        passage.decompose()
    return [postbuild.heading_text(h) for h in tree.css("#print-site-page h1, #print-site-page h2")]


def test_pdf_has_every_title_in_order_and_dutch_page_numbers(pdf_pages: list[str], built: Built) -> None:
    text = " ".join(pdf_pages)
    at = 0
    for title in titles_in_order(built):
        found = text.find(title, at)
        assert found >= 0, f"{title!r} not in the PDF after position {at}"
        at = found
    assert "Pagina 5 van " in pdf_pages[4]
    assert not re.search(r"\bPage\b", text), "an English 'Page' in the PDF"
    # The title page carries the build date; it has no header or footer.
    assert "versie van" in pdf_pages[0].lower() and "Pagina" not in pdf_pages[0]


def test_pdf_metadata_outline_and_size(pdf: Path, built: Built) -> None:
    reader = PdfReader(pdf)
    info = reader.metadata
    assert info is not None and info.title == TITLE
    assert reader.trailer["/Root"]["/Lang"] == paper.LANG
    assert "/ID" in reader.trailer, "no document ID"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842), "not A4"
    outline = [item.title for item in _flat(reader.outline)]
    chapters = [t for t in titles_in_order(built) if re.match(r"^\d(\.\d+)? ", t)]
    assert len(chapters) >= 15
    for title in chapters:
        assert title in outline, f"no bookmark for {title!r}"


def _flat(items: list[object]) -> list[object]:
    out: list[object] = []
    for item in items:
        out += _flat(item) if isinstance(item, list) else [item]
    return out


def test_pdf_body_text_is_at_least_10_pt(pdf: Path) -> None:
    """The size most characters are set in (the body), measured on pages of text."""
    reader = PdfReader(pdf)
    sizes: dict[float, int] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        scale = ((tm[0] * cm[0] + tm[1] * cm[2]) ** 2 + (tm[0] * cm[1] + tm[1] * cm[3]) ** 2) ** 0.5
        key = round(size * scale, 1)
        sizes[key] = sizes.get(key, 0) + len(text.strip())

    for number in range(4, min(len(reader.pages), 40), 3):
        reader.pages[number].extract_text(visitor_text=visit)
    body = max(sizes, key=lambda k: sizes[k])
    assert body >= 10, f"body text is {body} pt ({sorted(sizes.items())})"
    small = sum(v for k, v in sizes.items() if k < 9) / sum(sizes.values())
    assert small < 0.03, f"{small:.0%} of the text is under 9 pt"


def test_no_answer_on_the_page_of_its_question(pdf_pages: list[str]) -> None:
    checked = 0
    for questions in load_quizzes(QUIZZES_FILE).values():
        for q in questions:
            ask = " ".join(q.question.split())[:60]
            answer = " ".join(q.answer_text.split())[:60]
            pages = [i for i, text in enumerate(pdf_pages) if ask in text]
            if not pages:
                continue  # the question breaks across two pages
            checked += 1
            assert answer not in pdf_pages[pages[0]], f"the answer to {q.id} is on its page"
            assert any(answer in text for text in pdf_pages[pages[0] + 1 :]), f"{q.id}: no answer after it"
    assert checked >= 30


def test_no_near_empty_pages(pdf_pages: list[str]) -> None:
    """Every page but the title page and the last one of a part carries real text."""
    thin = [i + 1 for i, text in enumerate(pdf_pages[1:-1], 1) if len(text) < 250]
    assert len(thin) <= 2, f"near-empty pages: {thin}"


def test_answer_keys_are_numbered_like_their_questions(built: Built) -> None:
    tree = print_tree(built)
    keys = tree.css(f"section.{postbuild.KEY_SECTION}")
    assert [postbuild.heading_text(k.css_first("h1")) for k in keys] == [
        "Antwoorden: 1 De klant centraal",
        "Antwoorden: 2 Marktonderzoek, analyse en verkoopplan",
    ]
    assert not tree.css(postbuild.QUIZ_KEY), "a quiz kept its own key on the print page"
    quizzes = {q.question: q for qs in load_quizzes(QUIZZES_FILE).values() for q in qs}
    for quiz in tree.css("#print-site-page div.ss-quiz"):
        page = quiz.parent
        while page is not None and page.tag != "section":
            page = page.parent
        assert page is not None
        title = postbuild.section_title(page)
        heading = next(h for k in keys for h in k.css("h2") if postbuild.heading_text(h) == title)
        answers = heading.next
        assert answers is not None and answers.tag == "ol"
        asked = [" ".join(n.text().split()) for n in quiz.css(".ss-quiz__question")]
        given = [item for item in answers.iter() if item.tag == "li"]
        assert len(given) == len(asked), title
        for item, question in zip(given, asked, strict=True):
            q = quizzes[question]
            if q.kind == "mc":
                expected = f"{option_letter(q.options.index(q.correct))} \N{EM DASH} {q.correct.text}"
                first = item.css_first("p")
                assert first is not None and " ".join(first.text().split()) == expected, q.id


def test_a_page_printed_alone_has_its_key_last_and_a_header(built: Built) -> None:
    tree = LexborHTMLParser((built.site / "h1/nps.html").read_text(encoding="utf-8"))
    article = tree.css_first("article.md-content__inner")
    key = article.css(postbuild.QUIZ_KEY)
    assert len(key) == 1 and "hidden" in key[0].attributes
    last = [n for n in article.iter() if n.tag != "-text"][-1]
    assert "ss-quiz__key" in (last.attributes.get("class") or "")
    styles = " ".join(s.text() for s in tree.css("head style"))
    assert '@top-left{content:"1 De klant centraal \N{EM DASH} 1.3 Net Promoter Score"}' in styles


def test_print_css_keeps_paper_light_for_every_dark_variable(built: Built) -> None:
    """Each colour variable Material's slate scheme sets is reset in print.css."""
    palette = next((built.site / "assets/stylesheets").glob("palette.*.min.css")).read_text()
    dark: set[str] = set()
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", palette):
        if "slate" in selector:
            dark |= set(re.findall(r"(--[\w-]+)\s*:", body))
    css = (ROOT / "overrides/assets/stylesheets/print.css").read_text(encoding="utf-8")
    missing = sorted(name for name in dark if f"{name}: inherit" not in css)
    assert len(dark) > 20 and not missing, missing
    assert f"@page {postbuild.FRONT_PAGE}" in css


def test_epub_passes_epubcheck_and_holds_the_course(built: Built) -> None:
    epub = built.site / paper.DOWNLOAD_DIR / EPUB_NAME
    assert epub.is_file(), "the build made no EPUB"
    assert EPUBCHECK.is_file(), "epubcheck is missing: run `make debian-deps`"
    result = subprocess.run([*JAVA, str(EPUBCHECK), "--quiet", str(epub)], capture_output=True, text=True)
    assert result.returncode == 0 and "WARNING" not in result.stdout + result.stderr, result.stdout[-2000:]
    with zipfile.ZipFile(epub) as book:
        names = book.namelist()
        nav = book.read("EPUB/nav.xhtml").decode()
        opf = book.read("EPUB/content.opf").decode()
        chapters = [n for n in names if re.fullmatch(r"EPUB/text/ch\d+\.xhtml", n)]
        text = " ".join(book.read(n).decode() for n in chapters)
    assert "<dc:language>nl-NL</dc:language>" in opf
    assert len([n for n in names if n.endswith(".svg")]) >= 9, "diagrams missing"
    toc = [" ".join(a.text().split()) for a in LexborHTMLParser(nav).css("nav#toc a")]
    titles = iter(titles_in_order(built))
    assert all(entry in titles for entry in toc), "the table of contents is not in site order"
    assert len(chapters) >= 20
    for needed in ("Begrippenlijst", "Antwoorden: 1 De klant centraal", 'type="A"'):
        assert needed in text, needed


def test_downloads_are_listed_with_sizes_and_stay_out_of_the_zip(built: Built) -> None:
    with zipfile.ZipFile(built.zip) as archive:
        inside = archive.namelist()
    assert not [n for n in inside if n.endswith((".pdf", ".epub"))]
    tree = LexborHTMLParser((built.site / "offline.html").read_text(encoding="utf-8"))
    for marker, name in (("pdf", PDF_NAME), ("epub", EPUB_NAME)):
        labels = [n.text() for n in tree.css(f"span.ss-{marker}-size")]
        assert labels and all(re.fullmatch(r"\d+(,\d)? (kB|MB)", label) for label in labels), labels
        assert tree.css(f'a[href="downloads/{name}"]'), name
    home = LexborHTMLParser((built.site / "index.html").read_text(encoding="utf-8"))
    assert home.css(f'a[href="downloads/{PDF_NAME}"]'), "the home page does not link the PDF"


def local_target(page: Path, href: str, site: Path) -> tuple[Path, str] | None:
    parts = urlsplit(href)
    if parts.scheme or href.startswith(("//", "mailto:", "javascript:")):
        return None
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    return target, unquote(parts.fragment)


def test_every_link_and_anchor_resolves(built: Built) -> None:
    """LinkChecker's check, on the parsed pages: every local href/src exists, every
    #fragment is an id of its page."""
    ids: dict[Path, set[str]] = {}
    broken: list[str] = []
    pages = sorted(built.site.rglob("*.html"))
    trees = {p: LexborHTMLParser(p.read_text(encoding="utf-8")) for p in pages}
    for path, tree in trees.items():
        ids[path.resolve()] = {n.attributes.get("id") or "" for n in tree.css("[id]")}
    for path, tree in trees.items():
        rel = path.relative_to(built.site).as_posix()
        for node in tree.css("a[href], link[href], script[src], img[src]"):
            href = node.attributes.get("href") or node.attributes.get("src") or ""
            found = local_target(path, href, built.site)
            if found is None or rel == "404.html":
                continue
            target, fragment = found
            if not target.exists():
                broken.append(f"{rel}: {href}")
            elif (
                fragment
                and "=" not in fragment  # a page's own state (toets.html#hoofdstuk=2), read by its script
                and target.suffix == ".html"
                and fragment not in ids.get(target, set())
            ):
                broken.append(f"{rel}: {href} (no such anchor)")
    assert not broken, broken[:20]


def test_every_page_passes_the_nu_html_checker(built: Built) -> None:
    assert VNU.is_file(), "vnu.jar is missing: run `make test` (npm ci in tools/vnu)"
    pages = [str(built.site / rel) for rel in built.pages()]
    result = subprocess.run(
        [*JAVA, str(VNU), "--errors-only", "--format", "gnu", *pages],
        capture_output=True,
        text=True,
    )
    errors = (result.stdout + result.stderr).strip().splitlines()
    assert result.returncode == 0 and not errors, errors[:20]
