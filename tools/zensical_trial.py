"""Zensical, measured: build the course with Zensical and run black-box checks on the result.

    python -m tools.zensical_trial [--course DIR] [--site DIR] [--no-browser]

1. A virtualenv of its own, `.venv-zensical/`, with Zensical ZENSICAL_VERSION and the
   engine's build-time packages (requirements.txt); reinstalled only when those change.
2. `zensical build` of the course (the project root, or `--course DIR`: a folder with its own
   mkdocs.yml, docs/ and data/) into a temporary folder inside the course folder (Zensical
   refuses a site_dir outside its project root), with PYTHONPATH set so that `macros` (the
   macros module, the Markdown extension macros.tooltips) is imported from this project.
3. `macros.outputs.run(...)` on that output, as tools/build.py runs it after `mkdocs build`.
4. One black-box check per feature on the finished folder (plain functions of the folder and
   of what the course's data says should be there), and a real-browser visit on file://.

It prints a Markdown table and writes it, with the version and the date, to
benchmarks/zensical.md. Exit 0 when the trial ran, whatever the table says (a feature that
fails is information); 1 with one line when the trial itself could not run.
`--site DIR` runs only the checks, on a folder built before (e.g. site/ of `make build`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from selectolax.lexbor import LexborHTMLParser  # noqa: E402

# The newest Zensical that installs here. 0.0.74 and 0.1.0-0.1.4 require `zensical-ui`
# (==0.0.41 ... ==0.0.44), which the package index of this machine does not serve
# ("No matching distribution found for zensical-ui"); installed without it they stop at
# `from zensical_ui import get_theme_dir` (ModuleNotFoundError) before building anything.
ZENSICAL_VERSION = "0.0.73"
VENV = ROOT / ".venv-zensical"
REPORT = ROOT / "benchmarks" / "zensical.md"
WORK_PREFIX = ".zensical-trial-"  # the temporary config file and site folder, in the course folder
INSTALL_TIMEOUT = 900
BUILD_TIMEOUT = 900

WORKS, MISSING, DIFFERS = "works", "missing", "differs"


class TrialError(Exception):
    """The trial itself could not run (one line saying why)."""


@dataclass(frozen=True)
class Result:
    feature: str
    status: str  # WORKS, MISSING or DIFFERS
    reason: str


# -- reading a finished site -----------------------------------------------------------------

ARTICLE = "article"  # a page's content (Material and Zensical both wrap it in <article>)
# The widgets' files lazy.js loads next to itself (docs/assets/javascripts/lazy.js).
JS_DIR = "assets/javascripts"
WIDGET_FILES = {
    "quiz": ("store.min.js", "quiz.min.js"),
    "study": (
        "store.min.js",
        "../vendor/ts-fsrs/ts-fsrs.umd.min.js",
        "study.min.js",
        "../stylesheets/study.min.css",
    ),
    "exercise": ("exercises.min.js", "../stylesheets/exercises.min.css"),
}
LAZY = f"{JS_DIR}/lazy.min.js"  # the loader overrides/main.html puts in every page (block libs)
STUDY_DATA = f"{JS_DIR}/study-data.js"
SEARCH_INDEXES = ("search/search_index.json", "search.json")  # Material, Zensical
# The PDF, EPUB and zip: tools/build.py makes them after the build, for either generator.
DOWNLOADS = "downloads"
NOT_FETCHED = {"canonical", "prev", "next", "alternate", "author", "license", "help", "search"}
SEPARATOR = re.compile(r"[\s\-_,:!=\[\]()\\\"`/]+|\.(?!\d)")  # the search index's word separator


def html_path(page: str) -> str:
    """The finished page of a docs page (use_directory_urls: false)."""
    return page[: -len(".md")] + ".html"


def parse(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def articles(site: Path, pages: Iterable[str]) -> Iterator[tuple[str, LexborHTMLParser]]:
    """(docs page, its finished HTML) for each page that was written."""
    for page in pages:
        path = site / html_path(page)
        if path.is_file():
            yield page, parse(path)


def local_target(site: Path, page_html: str, url: str) -> Path | None:
    """The file a relative reference on `page_html` points at, or None when it is not a
    reference to a file of the site (another scheme, a fragment, mailto:, ...)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    if parts.path.startswith("/"):
        return site / "/"  # root-absolute: on file:// that is the disk's root, never the site
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_html), unquote(parts.path)))
    return site / joined


def external(url: str, own_host: str = "") -> bool:
    """True for a URL on another host (http(s)://host/..., //host/...)."""
    parts = urlsplit(url.strip())
    if parts.scheme in ("http", "https") or (not parts.scheme and url.strip().startswith("//")):
        return parts.hostname != own_host or not own_host
    return False


def fetched_urls(tree: LexborHTMLParser) -> Iterator[str]:
    """Every URL in a page that a browser requests by itself (not links a reader follows)."""
    for node in tree.css("[src]"):
        yield node.attributes.get("src") or ""
    for node in tree.css("[srcset]"):
        for candidate in (node.attributes.get("srcset") or "").split(","):
            if candidate.strip():
                yield candidate.split()[0]
    for node in tree.css("link[href]"):
        rels = set((node.attributes.get("rel") or "").lower().split())
        if not rels or not rels <= NOT_FETCHED:
            yield node.attributes.get("href") or ""
    for node in tree.css("object[data]"):
        yield node.attributes.get("data") or ""
    for node in tree.css("video[poster]"):
        yield node.attributes.get("poster") or ""


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def css_urls(text: str) -> Iterator[str]:
    for match in CSS_URL.finditer(text):
        yield match.group(1) or match.group(2)


def search_index(site: Path) -> tuple[str, list[dict[str, object]]] | None:
    """(file name, its entries) of the site's search index, Material's or Zensical's."""
    for name in SEARCH_INDEXES:
        path = site / name
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data.get("docs", data.get("items", []))
            return name, [e for e in entries if isinstance(e, dict)]
    return None


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# -- the checks: one per feature, plain functions of the site folder ---------------------------


def check_pages(site: Path, pages: list[str]) -> Result:
    feature = "Every nav page written"
    absent = [p for p in pages if not (site / html_path(p)).is_file()]
    empty = [p for p, tree in articles(site, pages) if tree.css_first(ARTICLE) is None]
    if len(absent) == len(pages):
        return Result(feature, MISSING, "no page of the nav was written")
    if absent or empty:
        first = (absent or empty)[0]
        return Result(
            feature, DIFFERS, f"{len(absent)} not written, {len(empty)} without an <article> (first: {first})"
        )
    return Result(feature, WORKS, f"all {len(pages)} pages, each with its <article>")


def check_tooltips(site: Path, pages: list[str]) -> Result:
    feature = "Tooltips (register words as abbr[title])"
    count, on = 0, 0
    empty = 0
    for _, tree in articles(site, pages):
        found = tree.css(f"{ARTICLE} abbr[title]")
        empty += sum(1 for a in found if not (a.attributes.get("title") or "").strip())
        count += len(found)
        on += bool(found)
    if count == 0:
        return Result(feature, MISSING, "no abbr[title] in any page's article")
    if empty:
        return Result(feature, DIFFERS, f"{empty} of {count} abbr elements have an empty title")
    return Result(feature, WORKS, f"{count} tooltips on {plural(on, 'page', 'pages')}")


def check_quizzes(site: Path, pages: list[str], published: set[str]) -> Result:
    """Every question on the pages carries its id from the data: each a published id, none
    twice, every published id on some page."""
    feature = "Quizzes with stable ids"
    ids: list[str] = []
    for _, tree in articles(site, pages):
        ids.extend(n.attributes.get("data-question") or "" for n in tree.css(".ss-quiz [data-question]"))
    if not ids:
        return Result(feature, MISSING, "no .ss-quiz [data-question] on any page")
    twice = sorted({i for i in ids if ids.count(i) > 1})
    unknown = sorted(set(ids) - published)
    absent = sorted(published - set(ids))
    problems = [
        f"{len(twice)} ids twice ({twice[0]!r})" if twice else "",
        f"{len(unknown)} not in the published record ({unknown[0]!r})" if unknown else "",
        f"{len(absent)} published ids on no page ({absent[0]!r})" if absent else "",
    ]
    if any(problems):
        return Result(feature, DIFFERS, "; ".join(p for p in problems if p))
    files = [f for f in WIDGET_FILES["quiz"] if not (site / JS_DIR / f).is_file()]
    if files:
        return Result(feature, DIFFERS, f"{len(ids)} questions, but the quiz script is missing: {files[0]}")
    return Result(feature, WORKS, f"{len(ids)} questions, every id the published one")


def check_diagrams(site: Path, pages: list[str]) -> Result:
    feature = "Diagrams (figure with inline SVG)"
    figures = [f for _, tree in articles(site, pages) for f in tree.css("figure.ss-diagram")]
    if not figures:
        return Result(feature, MISSING, "no figure.ss-diagram on any page")
    without = sum(1 for f in figures if f.css_first("svg") is None)
    if without:
        return Result(feature, DIFFERS, f"{without} of {len(figures)} diagrams have no <svg>")
    return Result(feature, WORKS, f"{len(figures)} diagrams, each an inline <svg>")


def check_calculators(site: Path, pages: list[str]) -> Result:
    feature = "Calculators (exercise widgets)"
    boxes = [b for _, tree in articles(site, pages) for b in tree.css(".ss-exercise")]
    if not boxes:
        return Result(feature, MISSING, "no .ss-exercise on any page")
    formless = sum(1 for b in boxes if b.css_first("form") is None)
    files = [f for f in WIDGET_FILES["exercise"] if not (site / JS_DIR / f).is_file()]
    if formless or files:
        why = f"{formless} without a form" if formless else f"missing {files[0]}"
        return Result(feature, DIFFERS, f"{len(boxes)} calculators, {why}")
    return Result(feature, WORKS, f"{len(boxes)} calculators and their script")


def check_study(site: Path, study_pages: Mapping[str, str]) -> Result:
    feature = "Study pages (voortgang, herhalen, toets) and study-data.js"
    without = [p for p in study_pages.values() if not _has(site / html_path(p), ".ss-study")]
    data = site / STUDY_DATA
    defines = data.is_file() and data.read_text(encoding="utf-8").startswith("window.StudyData=")
    if len(without) == len(study_pages) and not defines:
        return Result(feature, MISSING, f"no .ss-study on the study pages and no {STUDY_DATA}")
    files = [f for f in WIDGET_FILES["study"] if not (site / JS_DIR / f).is_file()]
    if without or not defines or files:
        why = [
            f"no .ss-study on {', '.join(html_path(p) for p in without)}" if without else "",
            f"{STUDY_DATA} does not define window.StudyData" if not defines else "",
            f"missing {files[0]}" if files else "",
        ]
        return Result(feature, DIFFERS, "; ".join(w for w in why if w))
    return Result(feature, WORKS, f"{len(study_pages)} study pages, {STUDY_DATA} defines window.StudyData")


def _has(path: Path, selector: str) -> bool:
    return path.is_file() and parse(path).css_first(selector) is not None


def check_short_links(site: Path, targets: Mapping[str, str]) -> Result:
    """c/<id>.html per concept, each sending the reader to an existing section."""
    feature = "Short links c/<id>.html"
    written = [cid for cid in targets if (site / "c" / f"{cid}.html").is_file()]
    if not written:
        return Result(feature, MISSING, f"none of the {len(targets)} c/<id>.html written")
    wrong: list[str] = []
    for cid in written:
        refresh = parse(site / "c" / f"{cid}.html").css_first('meta[http-equiv="refresh"]')
        content = (refresh.attributes.get("content") or "") if refresh is not None else ""
        url = content.partition("url=")[2].strip()
        target = local_target(site, f"c/{cid}.html", url) if url else None
        fragment = urlsplit(url).fragment
        if target is None or not target.is_file() or (fragment and not _has(target, f'[id="{fragment}"]')):
            wrong.append(cid)
    if wrong or len(written) < len(targets):
        return Result(
            feature,
            DIFFERS,
            f"{len(written)} of {len(targets)} written, {len(wrong)} pointing nowhere"
            + (f" (c/{wrong[0]}.html)" if wrong else ""),
        )
    return Result(feature, WORKS, f"{len(written)} short links, each to an existing section")


def check_flashcards(site: Path, files: Iterable[str], card_ids: Iterable[str]) -> Result:
    feature = "Flashcards (CSV and Anki file)"
    files = list(files)
    present = [f for f in files if (site / f).is_file() and (site / f).stat().st_size > 0]
    if not present:
        return Result(feature, MISSING, f"none of {', '.join(files)}")
    if len(present) < len(files):
        return Result(feature, DIFFERS, f"only {', '.join(present)}")
    text = "\n".join((site / f).read_text(encoding="utf-8") for f in files)
    absent = [c for c in card_ids if c not in text]
    if absent:
        return Result(feature, DIFFERS, f"{len(absent)} cards missing (first {absent[0]})")
    return Result(feature, WORKS, f"{', '.join(files)}, every card there")


def check_search(site: Path, terms: Mapping[str, list[str]]) -> Result:
    """The register's search words (location -> words) reach the index: every word of each
    starts a word of its section's entry (title, text or tags), and no entry shows them to
    the reader as text ("Zoektermen: ..." in a result's preview)."""
    feature = "Search index with the register's words"
    found = search_index(site)
    if found is None:
        return Result(feature, MISSING, f"no search index ({' or '.join(SEARCH_INDEXES)})")
    name, entries = found
    by_location = {str(e.get("location", "")): e for e in entries}
    unfound: list[str] = []
    for location, words in terms.items():
        entry = by_location.get(location)
        tags = entry.get("tags", []) if entry else []
        html = " ".join([str(entry.get("title", "")), str(entry.get("text", ""))]) if entry else ""
        body = LexborHTMLParser(f"<body>{html}</body>").body
        text = body.text(separator=" ") if body is not None else ""
        if isinstance(tags, list):
            text += " " + " ".join(str(t) for t in tags)
        tokens = [t for t in SEPARATOR.split(text.casefold()) if t]
        for word in words:
            parts = [p for p in SEPARATOR.split(word.casefold()) if p]
            if not all(any(t.startswith(p) for t in tokens) for p in parts):
                unfound.append(f"{word} ({location})")
    shown = sum(1 for e in entries if "Zoektermen:" in str(e.get("text", "")))
    total = sum(len(w) for w in terms.values())
    if unfound and len(unfound) == total:
        return Result(feature, MISSING, f"{name}: none of the {total} register words in their sections")
    if unfound or shown:
        why = [
            f"{len(unfound)} of {total} words not in their section (first: {unfound[0]})" if unfound else "",
            f"{plural(shown, 'entry shows', 'entries show')} the words as text in the result preview"
            if shown
            else "",
        ]
        return Result(feature, DIFFERS, f"{name}: " + "; ".join(w for w in why if w))
    return Result(feature, WORKS, f"{name}: all {total} register words, kept out of the previews")


def check_print_page(site: Path, print_page: str) -> Result:
    feature = "Print page (mkdocs-print-site-plugin)"
    if not print_page:
        return Result(feature, MISSING, "no print page configured")
    path = site / print_page
    if not path.is_file():
        return Result(feature, MISSING, f"{print_page} not written")
    if parse(path).css_first(ARTICLE) is None:
        return Result(feature, DIFFERS, f"{print_page} has no <article>")
    return Result(feature, WORKS, f"{print_page}")


def check_overrides(site: Path, pages: list[str]) -> Result:
    """overrides/main.html (block libs: the lazy.js loader on every page) and overrides/404.html
    (a Dutch page with links to the chapters)."""
    feature = "Theme overrides (overrides/main.html, 404.html)"
    written = list(articles(site, pages))
    with_lazy = [p for p, tree in written if _loads(tree, site, p, LAZY)]
    not_found = site / "404.html"
    tree404 = parse(not_found) if not_found.is_file() else None
    dutch = tree404 is not None and tree404.css_first("h1#niet-gevonden") is not None
    links = len(tree404.css(f"{ARTICLE} ul a[href]")) if tree404 is not None else 0
    if not with_lazy and not dutch:
        return Result(feature, MISSING, "no page loads lazy.min.js and the 404 page is not ours")
    why = [
        f"lazy.min.js on {len(with_lazy)} of {len(written)} pages" if len(with_lazy) < len(written) else "",
        "404.html is not ours" if not dutch else "",
        "404.html lists no links (its nav loop finds no sections)" if dutch and not links else "",
    ]
    if any(why):
        return Result(feature, DIFFERS, "; ".join(w for w in why if w))
    return Result(feature, WORKS, f"lazy.min.js on all {len(written)} pages; Dutch 404 with {links} links")


def _loads(tree: LexborHTMLParser, site: Path, page: str, file: str) -> bool:
    for node in tree.css("script[src]"):
        target = local_target(site, html_path(page), node.attributes.get("src") or "")
        if target is not None and target == site / file:
            return True
    return False


def check_offline(site: Path, pages: list[str]) -> Result:
    """On file:// every reference must be relative and name a file: a root-absolute path
    points at the disk's root, a folder gives a file listing."""
    feature = "Offline use on file:// (references)"
    broken: list[str] = []
    count = 0
    for page, tree in articles(site, pages):
        urls = [*fetched_urls(tree), *(a.attributes.get("href") or "" for a in tree.css("a[href]"))]
        for url in urls:
            target = local_target(site, html_path(page), url)
            if target is None or target.parent == site / DOWNLOADS:
                continue
            count += 1
            if not target.is_file():
                broken.append(f"{url} on {html_path(page)}")
    if count == 0:
        return Result(feature, MISSING, "no page written")
    if broken:
        return Result(
            feature, DIFFERS, f"{len(broken)} of {count} references name no file (first: {broken[0]})"
        )
    return Result(feature, WORKS, f"all {count} local references relative and present")


def check_no_external(site: Path, own_host: str = "") -> Result:
    feature = "No request to another host (HTML and CSS)"
    found: list[str] = []
    if not any(site.rglob("*.html")):
        return Result(feature, MISSING, "no page written")
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        found.extend(f"{u} in {rel}" for u in fetched_urls(parse(path)) if external(u, own_host))
    for path in sorted(site.rglob("*.css")):
        rel = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        found.extend(f"{u} in {rel}" for u in css_urls(text) if external(u, own_host))
    if found:
        return Result(feature, DIFFERS, f"{len(found)} external references (first: {found[0]})")
    return Result(feature, WORKS, "no src, srcset, fetched link or CSS url() on another host")


# -- what the course says should be there ----------------------------------------------------


@dataclass(frozen=True)
class Expected:
    pages: list[str]
    published: set[str]
    study_pages: Mapping[str, str]
    short_links: Mapping[str, str]  # concept id -> its section (page.html#anchor)
    flashcard_files: tuple[str, ...]
    card_ids: tuple[str, ...]
    search_terms: Mapping[str, list[str]]  # section (page.html#anchor) -> the register's words
    print_page: str
    own_host: str
    query: tuple[str, str] = ("", "")  # a word to search for, and the page it must find


def expected(course_dir: Path) -> Expected:
    from macros import ids, outputs, register
    from macros.concepts import load_concepts
    from macros.course import Course

    course = Course(course_dir)
    info = outputs.load_site_info(course_dir / "mkdocs.yml")
    concepts = load_concepts(course.concepts_file, course.docs_dir)
    settings = course.settings
    record = ids.read_record(course.ids_record)
    terms: dict[str, list[str]] = {}
    for c in concepts.values():
        terms.setdefault(c.href, []).extend(register.search_terms(c))
    first = next((c for c in concepts.values() if c.abbr), None)
    return Expected(
        pages=outputs.nav_pages(info.nav),
        published={qid for qid, entry in record.items() if entry.kind != ids.RETIRED},
        study_pages=dict(settings.study_pages),
        short_links={c.id: c.href for c in concepts.values()},
        flashcard_files=(
            register.csv_file(settings.flashcard_files),
            register.anki_file(settings.flashcard_files),
        ),
        card_ids=tuple(f"{settings.card_prefix}-{c.id}" for c in concepts.values()),
        search_terms=terms,
        print_page=info.print_page,
        own_host=urlsplit(info.base_url).hostname or "",
        query=(first.abbr or "", first.html_path) if first else ("", ""),
    )


def run_checks(site: Path, exp: Expected) -> list[Result]:
    return [
        check_pages(site, exp.pages),
        check_tooltips(site, exp.pages),
        check_quizzes(site, exp.pages, exp.published),
        check_diagrams(site, exp.pages),
        check_calculators(site, exp.pages),
        check_study(site, exp.study_pages),
        check_short_links(site, exp.short_links),
        check_flashcards(site, exp.flashcard_files, exp.card_ids),
        check_search(site, exp.search_terms),
        check_print_page(site, exp.print_page),
        check_overrides(site, exp.pages),
        check_offline(site, exp.pages),
        check_no_external(site, exp.own_host),
    ]


# -- in a real browser, on file:// -----------------------------------------------------------

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


@dataclass
class Visit:
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def browser_checks(site: Path, exp: Expected) -> list[Result]:
    """Open the site from disk in Chromium: search for a register word, let a quiz and a
    study page set themselves up, and record every request to another host and every
    console error."""
    feature = "Offline use on file:// (search, quiz, study page in Chromium)"
    hosts = "No request to another host (in Chromium)"
    try:
        from playwright.sync_api import Error, Page, sync_playwright
    except ImportError:
        return [Result(feature, MISSING, "Playwright is not installed: not measured")]
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    visit = Visit()
    query, target = exp.query
    quiz_page = next((p for p, t in articles(site, exp.pages) if t.css_first(".ss-quiz")), "")
    study_page = exp.study_pages.get("herhalen", next(iter(exp.study_pages.values()), ""))

    def ready(page: Page, doc: str, widget: str, done: str) -> bool:
        """Open `doc`, bring its first `widget` into view (lazy.js loads on approach) and
        wait until `done` is in the page."""
        page.goto((site / html_path(doc)).as_uri())
        page.locator(widget).first.scroll_into_view_if_needed()
        try:
            page.locator(done).first.wait_for(state="attached", timeout=10_000)
        except Error:
            return False
        return True

    steps: dict[str, bool] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium if Path(chromium).exists() else None)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", lambda r: visit.requests.append(r.url))
            page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: visit.errors.append(str(e)))
            page.goto((site / "index.html").as_uri())
            page.wait_for_load_state("load")
            if query:
                links = page.locator(f'a[href*="{target}"]:visible')
                before = links.count()
                page.keyboard.press("/")  # Material and Zensical both open search on "/"
                page.keyboard.type(query, delay=50)
                found = False
                for _ in range(40):  # results come from a worker: up to 10 s
                    found = links.count() > before
                    if found:
                        break
                    page.wait_for_timeout(250)
                steps[f"search for {query!r} lists {target}"] = found
            if quiz_page:
                done = ready(page, quiz_page, ".ss-quiz", ".ss-quiz[data-ready]")
                steps[f"quiz on {html_path(quiz_page)} set up"] = done
            if study_page:
                done = ready(page, study_page, ".ss-study", ".ss-study .ss-study__app > *")
                steps[f"{html_path(study_page)} filled in"] = done
        finally:
            browser.close()
    outside = [u for u in visit.requests if not u.startswith(LOCAL_SCHEMES)]
    # Messages name files by their address; the temporary folder's name says nothing.
    errors = list(dict.fromkeys(e.replace(site.as_uri() + "/", "") for e in visit.errors))
    what = [step if ok else f"not: {step}" for step, ok in steps.items()]
    if errors:
        first = textwrap.shorten(errors[0], 100, placeholder=" …")
        what.append(f"{plural(len(errors), 'console error', 'console errors')} ({first})")
    status = WORKS if all(steps.values()) and not errors else DIFFERS if any(steps.values()) else MISSING
    results = [Result(feature, status, "; ".join(what))]
    if outside:
        results.append(Result(hosts, DIFFERS, f"{len(outside)} requests (first: {outside[0]})"))
    else:
        count = len(visit.requests)
        results.append(Result(hosts, WORKS, f"{count} requests, all to file://, data: or blob:"))
    return results


# -- the Zensical side: its venv, its build, the engine's outputs ------------------------------


def _hash(*files: Path) -> str:
    digest = hashlib.sha256(ZENSICAL_VERSION.encode())
    for f in files:
        digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def ensure_venv(venv: Path = VENV) -> tuple[Path, bool]:
    """The trial's virtualenv with Zensical and the engine's build-time packages: its python,
    and whether it installed. Installs only when requirements.txt, constraints.txt or the
    version changed (a stamp named after their hash, as the Makefile does for .venv)."""
    python = venv / "bin" / "python"
    stamp = venv / f".installed-{_hash(ROOT / 'requirements.txt', ROOT / 'constraints.txt')}"
    if stamp.is_file() and python.is_file():
        return python, False
    if not python.is_file():
        _run([sys.executable, "-m", "venv", str(venv)], "create the virtualenv", INSTALL_TIMEOUT)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    _run(
        [*pip, "-r", str(ROOT / "requirements.txt"), f"zensical=={ZENSICAL_VERSION}"],
        "install",
        INSTALL_TIMEOUT,
    )
    for old in venv.glob(".installed-*"):
        old.unlink()
    stamp.touch()
    return python, True


def _run(cmd: list[str], what: str, timeout: int) -> str:
    """Run a command of the trial's own; its output, or a TrialError naming what failed."""
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise TrialError(f"could not {what}: {exc}") from None
    if done.returncode != 0:
        raise TrialError(f"could not {what}: {last_line(done.stderr or done.stdout)}")
    return done.stdout


def last_line(text: str) -> str:
    """The line that says what went wrong: the last error line of a traceback, else the last."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if re.match(r"^[A-Za-z_.]*(Error|Exception)\b", line)]
    return (errors or lines or ["(no output)"])[-1][:300]


def engine_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("SS_LIVE", None)
    return env


@dataclass(frozen=True)
class Build:
    ok: bool
    seconds: float
    message: str  # the error line when not ok


def zensical_build(python: Path, course: Path, work: Path) -> Build:
    """`zensical build` of the course into work/site. Zensical takes the site folder only from
    its config file, and only inside the config file's folder: so a copy of mkdocs.yml with
    `site_dir` added is written next to it (work.name + .yml), and removed afterwards."""
    config = course / f"{work.name}.yml"
    text = (course / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(f"{text.rstrip()}\n\nsite_dir: {work.name}/site\n", encoding="utf-8")
    zensical = python.parent / "zensical"
    start = time.monotonic()
    try:
        done = subprocess.run(
            [str(zensical), "build", "--clean", "--config-file", str(config)],
            cwd=course,
            env=engine_env(),
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Build(False, time.monotonic() - start, f"zensical build took over {BUILD_TIMEOUT} s")
    finally:
        config.unlink(missing_ok=True)
    seconds = time.monotonic() - start
    if done.returncode != 0:
        return Build(False, seconds, last_line(done.stderr + "\n" + done.stdout))
    return Build(True, seconds, "")


OUTPUTS_SCRIPT = """
import sys
from pathlib import Path
from macros import outputs
from macros.course import Course
course, site = Path(sys.argv[1]), Path(sys.argv[2])
try:
    outputs.run(Course(course), site, outputs.load_site_info(course / "mkdocs.yml"))
except outputs.OutputError as exc:
    print(exc, file=sys.stderr)
    sys.exit(1)
"""


def engine_outputs(python: Path, course: Path, site: Path) -> Result:
    feature = "Engine outputs (macros.outputs.run on the finished site)"
    done = subprocess.run(
        [str(python), "-c", OUTPUTS_SCRIPT, str(course), str(site)],
        env=engine_env(),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        return Result(feature, MISSING, f"failed: {last_line(done.stderr or done.stdout)}")
    return Result(feature, WORKS, "checks passed; short links, flashcards, study data, post-build pass")


# -- the report ------------------------------------------------------------------------------


def table(results: list[Result]) -> str:
    rows = ["| Feature | Zensical | Why |", "| --- | --- | --- |"]
    for r in results:
        rows.append(f"| {r.feature} | {r.status} | {r.reason.replace('|', '/')} |")
    return "\n".join(rows) + "\n"


def report(results: list[Result], version: str, date: str, timings: Mapping[str, float]) -> str:
    spent = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items())
    return (
        "# Zensical trial\n\n"
        f"`make zensical-trial` (tools/zensical_trial.py), Zensical {version}, {date}.\n"
        f"Times: {spent}.\n\n"
        "works: as with MkDocs + Material; differs: there, but not as with MkDocs; missing: not there.\n\n"
        + table(results)
    )


def trial(
    course: Path, site: Path | None, browser: bool, keep: Path | None = None
) -> tuple[list[Result], dict[str, float], str]:
    timings: dict[str, float] = {}
    results: list[Result] = []
    exp = expected(course)
    if site is not None:
        version = "(checks only)"
        return _checked(site, exp, browser, results, timings), timings, version
    start = time.monotonic()
    python, installed = ensure_venv()
    if installed:
        timings["install"] = time.monotonic() - start
    version = _run([str(python.parent / "zensical"), "--version"], "run zensical", 60).strip()
    cache = course / ".cache"
    had_cache = cache.exists()
    work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=course))
    try:
        build = zensical_build(python, course, work)
        timings["zensical build"] = build.seconds
        if not build.ok:
            results.append(Result("Build (zensical build)", MISSING, f"failed: {build.message}"))
            return results, timings, version
        built = work / "site"
        results.append(Result("Build (zensical build)", WORKS, f"{build.seconds:.1f} s"))
        start = time.monotonic()
        results.append(engine_outputs(python, course, built))
        timings["engine outputs"] = time.monotonic() - start
        checked = _checked(built, exp, browser, results, timings)
        if keep is not None:
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(built, keep)
        return checked, timings, version
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if not had_cache:
            shutil.rmtree(cache, ignore_errors=True)


def _checked(
    site: Path, exp: Expected, browser: bool, results: list[Result], timings: dict[str, float]
) -> list[Result]:
    start = time.monotonic()
    results.extend(run_checks(site, exp))
    timings["checks"] = time.monotonic() - start
    if browser:
        start = time.monotonic()
        results.extend(browser_checks(site, exp))
        timings["browser"] = time.monotonic() - start
    return results


def main(argv: list[str] | None = None, now: Callable[[], dt.datetime] = dt.datetime.now) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--course", type=Path, default=ROOT, help="the course folder (mkdocs.yml, docs/, data/)"
    )
    parser.add_argument("--site", type=Path, help="only run the checks on this built folder")
    parser.add_argument("--no-browser", action="store_true", help="leave out the visit in Chromium")
    parser.add_argument("--keep", type=Path, help="copy Zensical's finished site to this folder")
    parser.add_argument("--report", type=Path, default=REPORT, help="where to write the table")
    args = parser.parse_args(argv)
    course = args.course.resolve()
    if not (course / "mkdocs.yml").is_file():
        print(f"zensical trial: {course} has no mkdocs.yml (not a course folder)", file=sys.stderr)
        return 1
    try:
        results, timings, version = trial(
            course, args.site.resolve() if args.site else None, not args.no_browser, args.keep
        )
    except TrialError as exc:
        print(f"zensical trial: {exc}", file=sys.stderr)
        return 1
    text = table(results)
    print(text)
    print("Times: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
    if args.site is None:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(
            report(results, version, now().strftime("%Y-%m-%d"), timings), encoding="utf-8"
        )
        print(f"Written to {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
