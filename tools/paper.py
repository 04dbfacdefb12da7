"""The site on paper and on an e-reader: a PDF and an EPUB made from the print page.

    tools/build.py calls make(site, epoch, names) after the site is built and pruned,
    before the offline zip (which leaves downloads/ out). `names` (see names()) come from
    the course: the file stem (`files` in data/course.yml), the title (site_name) and the
    print page (print-site's print_page_basename).

- downloads/<files>.pdf: the print page printed by
  headless Chromium (Playwright's page.pdf) with every request but file:// blocked:
  A4, tagged, an outline from the headings (chapter and section bookmarks), the
  page header and "Pagina N van M" footer from overrides/assets/stylesheets/print.css
  and macros/postbuild.py, page numbers in the contents and after every link
  (print_numbered: printed until the numbers hold). Afterwards its document info (Dutch title, subject,
  dates from SOURCE_DATE_EPOCH) is set with pypdf and qpdf gives it a
  deterministic document ID, so two builds of one commit are byte-identical.
- downloads/<files>.epub: EPUB 3 made by pandoc from the same print page,
  cleaned for a reader (no buttons, inputs, calculators, hidden search words or
  passages marked for a screen or the online site; quiz options as a lettered
  list; the answer keys are the chapters' own answer sections; a chapter's pages
  nested under it in the contents), styled by tools/epub.css. The
  diagrams become SVG files whose colours Chromium resolved (the page's CSS does
  not travel with them). One EPUB chapter per page of the site, in site order.

Without a browser (or pandoc, or qpdf) the build goes on and says in one line
what to install; the download page then shows that the file is missing.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import subprocess
import tempfile
import uuid
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from macros import postbuild
from macros.course import Course
from macros.outputs import SiteInfo

DOWNLOAD_DIR = "downloads"


@dataclass(frozen=True)
class Names:
    """The course's names on paper and in the downloads."""

    files: str  # stem of the download names (data/course.yml `files`)
    title: str  # the site's name: the PDF's and EPUB's title and author
    print_page: str  # the print page's site path ("" without one)

    @property
    def pdf(self) -> str:
        return f"{self.files}.pdf"

    @property
    def epub(self) -> str:
        return f"{self.files}.epub"


def names(root: Path, info: SiteInfo) -> Names:
    return Names(Course(root).settings.files, info.name, info.print_page)


EPUB_CSS = Path(__file__).with_name("epub.css")  # the EPUB's stylesheet (pandoc's default justifies)
LANG = "nl-NL"
# Chromium without a sandbox (CI runs as root) and without its calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOW_TO_GET = {
    "browser": (
        "install Chromium (Debian: apt-get install chromium) "
        "or run .venv/bin/python -m playwright install chromium"
    ),
    "pandoc": "install pandoc (Debian: apt-get install pandoc)",
    "qpdf": "install qpdf (Debian: apt-get install qpdf)",
}


class PaperError(Exception):
    """A PDF or EPUB could not be made although its tools are there."""


@dataclass(frozen=True)
class Made:
    pdf: Path | None
    epub: Path | None
    skipped: tuple[str, ...]  # one line per file that was not made, saying what to install


def chromium() -> str | None:
    """Debian's /usr/bin/chromium (CI), else Playwright's own browser when installed."""
    system = shutil.which("chromium") or shutil.which("chromium-browser")
    if system:
        return system
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as p:
        managed = p.chromium.executable_path
    return managed if managed and Path(managed).is_file() else None


BROWSER_ERR = re.compile(r"\[pid=\d+\]\[err\] (?P<line>.+)")


def first_line(text: str) -> str:
    """A tool's own first line of output (its error), without what follows."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "no message")


def browser_message(error: str) -> str:
    """What Chromium itself said: Playwright's error starts with its own words
    ("Target page ... has been closed") and quotes the browser's stderr lines
    further down as `[pid=N][err] ...`; the first of those, else Playwright's line."""
    for line in error.splitlines():
        match = BROWSER_ERR.fullmatch(line.strip().removeprefix("- ").strip())
        if match:
            return match.group("line").strip()
    return first_line(error)


def pdf_date(epoch: int) -> str:
    return f"D:{dt.datetime.fromtimestamp(epoch, dt.UTC):%Y%m%d%H%M%S}+00'00'"


@contextmanager
def print_page(site: Path, executable: str, path: str) -> Iterator[object]:
    """The print page open in headless Chromium, as printed (light scheme), with
    every request that is not file:// or data: aborted."""
    from playwright.sync_api import Route, sync_playwright

    def local_only(route: Route) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(color_scheme="light", locale=LANG)
            page = context.new_page()
            page.route("**/*", local_only)
            page.goto((site / path).as_uri(), wait_until="load")
            page.emulate_media(media="print", color_scheme="light")
            # What the browser does before printing (print-site's table of contents is
            # already built on DOMContentLoaded; this opens every <details>).
            page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
            # A link to another file of the site (the flashcard decks) would go into the
            # PDF as this machine's file:// path: on paper it is plain text.
            page.evaluate(LOCAL_FILE_LINKS)
            yield page
        finally:
            browser.close()


LOCAL_FILE_LINKS = """() => {
  for (const link of document.querySelectorAll('a[href]')) {
    const url = new URL(link.getAttribute('href'), document.baseURI);
    if (url.protocol === 'file:' && url.pathname !== location.pathname) link.removeAttribute('href');
  }
}"""


# Chromium has no target-counter(): the page a link points to is read from the
# printed PDF's own link destinations (Chromium names one after every id a link
# points to) and written on the link as data-ss-page; print.css shows it (in the
# contents as a right-aligned number, elsewhere as "(blz. N)"). Then the page is
# printed again, until no destination moved.
PAGE_REFS = """(pages) => {
  for (const link of document.querySelectorAll('#print-site-page a[href^="#"]')) {
    if (link.closest('.headerlink, [hidden]') || link.classList.contains('headerlink')) continue;
    const page = pages[decodeURIComponent(link.getAttribute('href').slice(1))];
    if (page) link.setAttribute('data-ss-page', String(page));
    else link.removeAttribute('data-ss-page');
  }
}"""
PRINT_ROUNDS = 4  # the first print, then at most three with page numbers


def destinations(pdf: bytes) -> dict[str, int]:
    """Every named destination of a PDF (an id of the page) -> its page, from 1."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    found: dict[str, int] = {}
    for name, dest in reader.named_destinations.items():
        number = reader.get_destination_page_number(dest)
        if number is not None:
            found[str(name).removeprefix("/")] = number + 1
    return found


def print_numbered(page: object) -> bytes:
    """The print page as PDF with the page numbers of its links filled in, printed
    again until every linked heading stays on the page its links name."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    pages: dict[str, int] = {}
    for _ in range(PRINT_ROUNDS):
        page.evaluate(PAGE_REFS, pages)
        pdf = page.pdf(prefer_css_page_size=True, print_background=True, tagged=True, outline=True)
        found = destinations(pdf)
        if pages and found == pages:
            return pdf
        pages = found
    raise PaperError(f"the print page: page numbers still moved after {PRINT_ROUNDS} prints")


def write_pdf(page: object, target: Path, epoch: int, description: str, title: str) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    raw = target.with_suffix(".raw.pdf")
    raw.write_bytes(print_numbered(page))
    writer = PdfWriter(clone_from=PdfReader(raw))
    writer.add_metadata(
        {
            "/Title": title,
            "/Subject": description,
            "/Author": title,
            "/Creator": f"{title} (tools/paper.py)",
            "/CreationDate": pdf_date(epoch),
            "/ModDate": pdf_date(epoch),
        }
    )
    writer.root_object[NameObject("/Lang")] = TextStringObject(LANG)
    renumber_struct_ids(writer.root_object)
    writer.page_mode = "/UseOutlines"  # open with the bookmarks shown
    unstamped = target.with_suffix(".meta.pdf")
    with unstamped.open("wb") as handle:
        writer.write(handle)
    result = subprocess.run(
        ["qpdf", "--deterministic-id", "--object-streams=generate", str(unstamped), str(target)],
        capture_output=True,
        text=True,
    )
    raw.unlink()
    unstamped.unlink()
    if result.returncode not in (0, 3):  # 3: warnings only, the file is written
        raise PaperError(f"qpdf could not finish {target.name}: {first_line(result.stderr)}")


STRUCT_ID = re.compile(r"node\d{8}")


def renumber_struct_ids(root: object) -> None:
    """Chromium names tagged table cells after DOM node numbers ("node00000037"),
    which shift from run to run: rename them by rank, in their own order (so the
    sorted IDTree stays sorted), for a byte-identical PDF."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, TextStringObject

    found: set[str] = set()
    spots: list[tuple[object, object, str]] = []  # (container, key or index, value)
    seen: set[int] = set()
    stack: list[object] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            pairs: list[tuple[object, object]] = list(item.items())
        elif isinstance(item, ArrayObject):
            pairs = list(enumerate(item))
        else:
            continue
        for key, value in pairs:
            if isinstance(value, str) and STRUCT_ID.fullmatch(value):
                found.add(value)
                spots.append((item, key, value))
            elif isinstance(value, (DictionaryObject, ArrayObject, IndirectObject)):
                stack.append(value)
    rank = {name: f"node{n:08d}" for n, name in enumerate(sorted(found), 1)}
    for container, key, value in spots:
        container[key] = TextStringObject(rank[value])  # type: ignore[index]


# Computed styles that make an SVG diagram look the same outside the page.
SVG_STYLES = (
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-opacity",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "display",
)
RESOLVE_SVGS = """(props) => [
  ...document.querySelectorAll('#print-site-page figure.ss-diagram svg')
].map(svg => {
  const copy = svg.cloneNode(true);
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((el, i) => {
    const style = getComputedStyle(el);
    const keep = props.map(p => `${p}:${style.getPropertyValue(p)}`).join(';');
    to[i].setAttribute('style', keep);
    to[i].removeAttribute('class');
  });
  // An image in an EPUB: no links, no roles or ARIA (the <title> names it).
  for (const link of [...copy.querySelectorAll('a')]) link.replaceWith(...link.childNodes);
  for (const el of [copy, ...copy.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      if (/^(role|aria-|focusable|tabindex|data-)/.test(attr.name)) el.removeAttribute(attr.name);
    }
  }
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.removeAttribute('style');
  return new XMLSerializer().serializeToString(copy);
})"""


def resolved_svgs(page: object) -> list[str]:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    found = page.evaluate(RESOLVE_SVGS, list(SVG_STYLES))
    return [str(svg) for svg in found]


# What an e-reader cannot use or must not show.
EPUB_DROP = (
    "script, style, noscript, button, input, select, textarea, .headerlink, [hidden], "
    ".md-button, .ss-quiz__intro, .ss-quiz__controls, .ss-quiz__feedback, .ss-quiz__answer, "
    ".ss-copy, .ss-exercise, "
    # Passages for a screen or for the online site (the web-only classes; print.css
    # hides the same on paper).
    ".ss-screen-only, .ss-online-only"
)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _attr(node: LexborNode, name: str) -> str:
    return node.attributes.get(name) or ""


def _fragment(markup: str) -> LexborNode:
    tree = LexborHTMLParser(f"<body>{markup}</body>")
    found = tree.body.child if tree.body is not None else None
    if found is None:
        raise PaperError(f"no element in {markup[:40]!r}")
    return found


def epub_source(print_html: str, svgs: list[str], folder: Path, book_title: str = "") -> str:
    """A plain HTML document for pandoc from the finished print page: its sections
    in site order (the title page and print-site's table of contents left out:
    pandoc makes both), diagrams as SVG files in `folder`."""
    tree = LexborHTMLParser(print_html)
    holder = tree.css_first("#print-site-page")
    if holder is None:
        raise PaperError("the print page: print-site's #print-site-page is missing")
    for node in holder.css(EPUB_DROP):
        node.decompose()
    figures = holder.css("figure.ss-diagram")
    if len(figures) != len(svgs):
        raise PaperError(f"the print page: {len(figures)} diagrams but the browser drew {len(svgs)}")
    for n, (figure, svg) in enumerate(zip(figures, svgs, strict=True), 1):
        name = f"schema-{n:02d}.svg"
        (folder / name).write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + svg, encoding="utf-8")
        drawing = figure.css_first("svg")
        title = drawing.css_first("title") if drawing is not None else None
        alt = " ".join(title.text().split()) if title is not None else "Schema"
        caption = figure.css_first("figcaption")
        caption_html = caption.html if caption is not None else ""
        figure.replace_with(
            _fragment(f'<figure><img src="{name}" alt="{html.escape(alt)}">{caption_html or ""}</figure>')
        )
    for fieldset in holder.css("fieldset.ss-quiz__fieldset"):
        legend = fieldset.css_first("legend")
        options = "".join(
            f"<li>{html.escape(' '.join(o.text().split()))}</li>" for o in fieldset.css("label")
        )
        asked = html.escape(" ".join(legend.text().split())) if legend is not None else ""
        fieldset.replace_with(
            _fragment(f'<div><p><strong>{asked}</strong></p><ol type="A">{options}</ol></div>')
        )
    for open_question in holder.css("p.ss-quiz__question"):
        asked = html.escape(" ".join(open_question.text().split()))
        open_question.replace_with(_fragment(f"<p><strong>{asked}</strong></p>"))
    # pandoc keeps a <div>'s class but not a <p>'s: a box's title goes into a div of
    # its own, so the stylesheet can set it off.
    for title in holder.css(".admonition > p.admonition-title"):
        title.replace_with(_fragment(f'<div class="admonition-title"><p>{title.inner_html or ""}</p></div>'))
    nest_chapters(holder)
    body = []
    for section in holder.css("#print-site-page > section"):
        if not _attr(section, "id") or "ss-title-page" in _attr(section, "class"):
            continue
        body.append(flatten(section))
    return tidy_links(body, book_title)


def demote(heading: LexborNode) -> None:
    """One heading level down (h1 -> h2 ...; h6 stays), attributes and content kept."""
    level = HEADINGS.index(heading.tag)
    tag = HEADINGS[min(level + 1, len(HEADINGS) - 1)]
    attrs = "".join(f' {name}="{html.escape(value or "")}"' for name, value in heading.attributes.items())
    heading.replace_with(_fragment(f"<{tag}{attrs}>{heading.inner_html or ''}</{tag}>"))


def nest_chapters(holder: LexborNode) -> None:
    """The contents nest a chapter's sections under it: in a chapter (print-site's
    md-section) every page but the first (the chapter's own, whose h1 is the
    chapter title) and the chapter's answers go one heading level down, so 1.1 is
    an h2 under "1 De klant centraal" (pandoc: --epub-chapter-level=2)."""
    for chapter in holder.css("#print-site-page > section.md-section"):
        parts = [n for n in chapter.iter() if n.tag == "section"]
        for part in parts[1:]:
            for heading in part.css(", ".join(HEADINGS)):
                demote(heading)


def flatten(section: LexborNode) -> str:
    """One top-level section of the print page without ARIA references (their
    targets may not survive pandoc)."""
    for node in [section, *section.css("*")]:
        for name in [a for a in node.attributes if a.startswith("aria-") or a == "role"]:
            del node.attrs[name]
    return section.html or ""


def tidy_links(body: list[str], title: str = "") -> str:
    """pandoc starts an EPUB chapter only at a heading outside any <section>, so the
    sections are unwrapped; a link to a section (a page of the site) then points at
    its first heading. Links an e-reader can follow stay: within the book (an id
    that exists) and to the web; a link to a download of the site (flashcards)
    becomes plain text."""
    tree = LexborHTMLParser(f"<body>{''.join(body)}</body>")
    alias = {}
    for section in tree.css("section[id]"):
        heading = section.css_first("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]")
        if heading is not None:
            alias[_attr(section, "id")] = _attr(heading, "id")
    tree.unwrap_tags(["section"])
    ids = {_attr(n, "id") for n in tree.css("[id]")}
    for link in tree.css("a[href]"):
        href = _attr(link, "href")
        if href.startswith("#") and href[1:] in alias:
            href = link.attrs["href"] = f"#{alias[href[1:]]}"
        inside = href.startswith("#") and href[1:] in ids
        if not (inside or href.startswith(("https://", "http://", "mailto:"))):
            link.unwrap()
    head = f'<meta charset="utf-8"><title>{html.escape(title)}</title>'
    content = tree.body.inner_html if tree.body is not None else ""
    return f'<!DOCTYPE html><html lang="{LANG}"><head>{head}</head><body>{content}</body></html>'


def write_epub(site: Path, svgs: list[str], target: Path, epoch: int, description: str, names: Names) -> None:
    with tempfile.TemporaryDirectory(prefix="ss-epub-") as tmp:
        folder = Path(tmp)
        source = folder / "boek.html"
        source.write_text(
            epub_source((site / names.print_page).read_text(encoding="utf-8"), svgs, folder, names.title),
            encoding="utf-8",
        )
        day = dt.datetime.fromtimestamp(epoch, dt.UTC)
        identifier = uuid.uuid5(uuid.NAMESPACE_URL, f"{names.files}/{epoch}")
        cmd = [
            "pandoc",
            str(source),
            "--from=html",
            "--to=epub3",
            f"--output={target}",
            "--toc",
            "--toc-depth=2",
            "--epub-chapter-level=2",
            f"--css={EPUB_CSS}",
            f"--resource-path={folder}",
            f"--metadata=title:{names.title}",
            f"--metadata=subtitle:{description}",
            f"--metadata=author:{names.title}",
            f"--metadata=lang:{LANG}",
            f"--metadata=date:{day:%Y-%m-%d}",
            f"--metadata=identifier:urn:uuid:{identifier}",
            "--metadata=toc-title:Inhoud",
        ]
        # pandoc takes the zip entries' times and dcterms:modified from SOURCE_DATE_EPOCH.
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
        result = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if result.returncode != 0:
            raise PaperError(f"pandoc could not make {target.name}: {first_line(result.stderr)}")
        repack(target, epoch)


def repack(epub: Path, epoch: int) -> None:
    """pandoc 2.17 stamps the zip entries with the current time: the same entries
    again, in the same order (mimetype first, stored), dated SOURCE_DATE_EPOCH."""
    stamp = dt.datetime.fromtimestamp(max(epoch, 315532800), dt.UTC).timetuple()[:6]
    with zipfile.ZipFile(epub) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(epub, "w") as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data, compresslevel=9)


def make(site: Path, epoch: int, names: Names) -> Made:
    """The PDF and the EPUB into site/downloads/, each when its tools are there. Runs
    in a thread of its own: Playwright's sync API refuses a thread with a running
    asyncio loop (as in a test session that already drives a browser)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_make, site, epoch, names).result()


# SS_PAPER=0 builds the site without the PDF and EPUB (for tests that time or repeat
# builds of the site itself; the downloads do not depend on what they measure).
SWITCH = "SS_PAPER"


def _make(site: Path, epoch: int, names: Names) -> Made:
    skipped: list[str] = []
    if os.environ.get(SWITCH) == "0":
        return Made(None, None, (f"PDF and EPUB not made: {SWITCH}=0",))
    executable = chromium()
    if executable is None:
        skipped.append(f"PDF and EPUB not made: no browser; {HOW_TO_GET['browser']}")
        return Made(None, None, tuple(skipped))
    downloads = site / DOWNLOAD_DIR
    downloads.mkdir(exist_ok=True)
    description = postbuild.PAPER_SUBTITLE
    if not names.print_page or not (site / names.print_page).is_file():
        return Made(None, None, ("PDF and EPUB not made: the site has no print page",))
    pdf: Path | None = downloads / names.pdf
    epub: Path | None = downloads / names.epub
    from playwright.sync_api import Error as BrowserError

    try:
        with print_page(site, executable, names.print_page) as page:
            if shutil.which("qpdf") and pdf is not None:
                write_pdf(page, pdf, epoch, description, names.title)
            else:
                skipped.append(f"PDF not made: {HOW_TO_GET['qpdf']}")
                pdf = None
            svgs = resolved_svgs(page)
    except BrowserError as exc:
        raise PaperError(f"the print page: Chromium failed: {browser_message(str(exc))}") from None
    if shutil.which("pandoc") and epub is not None:
        write_epub(site, svgs, epub, epoch, description, names)
    else:
        skipped.append(f"EPUB not made: {HOW_TO_GET['pandoc']}")
        epub = None
    return Made(pdf, epub, tuple(skipped))
