"""Benchmark against the site's budgets: `make bench` (python -m tools.bench).

Lighthouse CI (npm @lhci/cli, tools/bench/) does the auditing: it serves the
built site itself (gzipped, like GitHub Pages), runs Lighthouse on every page
`--runs` times (mobile, simulated throttling) and asserts the score budgets
on the median of the runs.
This module does only what lhci does not:

1. build the site once (tools.build, into a temporary folder);
2. write the lighthouserc from the built pages (the print page has its own
   assertions: it is for paper, so its performance is shown, not budgeted);
3. read lhci's filesystem manifest and reports: one Markdown table, with the
   first view of each page (HTML, CSS and JS requested before the page is
   interactive, i.e. before DOMContentLoaded; the search index does not count);
4. check the first view (the site's own CSS and JS; the HTML and Material's
   assets are printed, not budgeted) and the offline zip against their budgets;
5. measure what an installed app downloads after a one-page edit, against a first
   install (tools/precache.py's lists, gzipped as GitHub Pages serves them; the
   median over EDITS different pages);
6. time the build of a copy of the project and of a copy with SCALE times the
   chapter pages (best of `--rounds`): the time may grow at most linearly; and the
   build, without the PDF, of a copy with EXTRA_CONCEPTS more concepts.

Writes benchmarks/results.md and results.json (the full Lighthouse reports go
to benchmarks/lighthouse/, git-ignored) and exits 1 naming every miss.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from macros import qlint
from macros.concepts import load_concepts
from macros.course import Course
from macros.outputs import load_site_info
from tools import build as site_build
from tools import precache

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks"
LHCI = ROOT / "tools" / "bench" / "node_modules" / ".bin" / "lhci"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PRINT_PAGE = load_site_info(ROOT / "mkdocs.yml").print_page
SEARCH_INDEX = ("/search/search_index.json", "/search/search_index.js")
FIRST_VIEW_TYPES = ("Document", "Stylesheet", "Script")
SCALE = 6  # the scaled copy has SCALE times the chapter pages
EDITS = 5  # one-page edits whose update cost is measured (the median is judged)
EXTRA_CONCEPTS = 1000  # concepts added to the register for the register's build time
KIB = 1024
MISS = " ✗"
DOCS = ROOT / "docs"
# Where the site's own CSS and JS come from: the engine's theme folder and the course's docs/.
OWN = (ROOT / "overrides", DOCS)


@dataclass(frozen=True)
class Budgets:
    performance: int = 98  # every page but the print page
    accessibility: int = 100
    best_practices: int = 100
    seo: int = 100
    own_first_view: int = 8 * KIB  # the site's own CSS + JS in the first view, gzipped, every page
    zip_size: int = 700 * KIB  # bytes
    update_share: float = 0.15  # bytes of an update after a one-page edit / of a first install
    build_ratio: float = 6.5  # build time of the SCALE-times copy / the original
    extra_concepts_s: float = 15.0  # seconds for the site (no PDF) with EXTRA_CONCEPTS more concepts


BUDGETS = Budgets()


def kb(size: int) -> str:
    return f"{size / KIB:.1f}"


# ---------------------------------------------------------------------------
# lighthouserc (pure)
# ---------------------------------------------------------------------------


class _Refresh(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta" and any(k == "http-equiv" and (v or "").lower() == "refresh" for k, v in attrs):
            self.found = True


def is_redirect(html: str) -> bool:
    parser = _Refresh()
    parser.feed(html)
    return parser.found


def pages_to_audit(site: Path) -> list[str]:
    """Every reader page of the built site: no 404 page, no redirect stubs
    (the c/ short links, redirect_maps); the print page last."""
    pages = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.name != "404.html" and not is_redirect(p.read_text(encoding="utf-8"))
    )
    return sorted(pages, key=lambda p: p == PRINT_PAGE)


def score_assertions(budgets: Budgets, performance: bool) -> dict[str, Any]:
    minimum = {
        "performance": budgets.performance,
        "accessibility": budgets.accessibility,
        "best-practices": budgets.best_practices,
        "seo": budgets.seo,
    }
    return {
        f"categories:{cat}": ["error", {"minScore": score / 100}]
        for cat, score in minimum.items()
        if performance or cat != "performance"
    }


def url_pattern(page: str, exclude: bool = False) -> str:
    """A regular expression (JavaScript) for lhci's matchingUrlPattern, matched
    against the audited URL: that page, or (exclude) every other page."""
    escaped = page.replace(".", r"\.")
    return rf"^https?://[^/]+/(?!{escaped}$)" if exclude else rf"^https?://[^/]+/{escaped}$"


def lighthouserc(
    site: Path, pages: list[str], reports: Path, runs: int, budgets: Budgets = BUDGETS
) -> dict[str, Any]:
    """lhci's configuration: collect from the built folder, assert the score
    budgets on the median of the runs, write the reports to `reports` (filesystem)."""
    matrix = [
        {
            "matchingUrlPattern": url_pattern(PRINT_PAGE, exclude=True),
            "aggregationMethod": "median",
            "assertions": score_assertions(budgets, performance=True),
        }
    ]
    if PRINT_PAGE in pages:
        matrix.append(
            {
                "matchingUrlPattern": url_pattern(PRINT_PAGE),
                "aggregationMethod": "median",
                "assertions": score_assertions(budgets, performance=False),
            }
        )
    return {
        "ci": {
            "collect": {
                "staticDistDir": str(site),
                "url": [f"/{page}" for page in pages],
                "numberOfRuns": runs,
                "chromePath": CHROME,
                "settings": {"chromeFlags": CHROME_FLAGS, "onlyCategories": list(CATEGORIES)},
            },
            "assert": {"assertMatrix": matrix},
            "upload": {"target": "filesystem", "outputDir": str(reports)},
        }
    }


# ---------------------------------------------------------------------------
# lhci's results (pure)
# ---------------------------------------------------------------------------


@dataclass
class PageResult:
    page: str  # site-relative, e.g. "h1/klant.html"
    scores: dict[str, int | None]  # category -> 0..100, median over the runs
    first_view: int  # bytes transferred: HTML, CSS and JS (headers included)
    requests: list[tuple[str, int]]  # the first view, (path, bytes transferred), largest first
    own: int = 0  # the site's own CSS and JS among them (files of docs/): gzipped bytes
    theme: int = 0  # Material's CSS and JS: bytes transferred

    @property
    def html(self) -> int:
        return sum(size for path, size in self.requests if path.endswith(".html") or path.endswith("/"))


def is_own(path: str, sources: Path | tuple[Path, ...] = OWN) -> bool:
    """A CSS or JS file the site adds (its source is in overrides/ or docs/; the minify
    plugin serves `x.css` as `x.min.css`), not Material's."""
    rel = path.lstrip("/")
    if not rel.endswith((".css", ".js")):
        return False
    stem, dot, suffix = rel.rpartition(".")
    names = (rel, f"{stem.removesuffix('.min')}{dot}{suffix}")
    folders = (sources,) if isinstance(sources, Path) else sources
    return any((folder / name).is_file() for folder in folders for name in names)


def page_of(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def first_view(report: dict[str, Any]) -> list[tuple[str, int]]:
    """The HTML, CSS and JS requested before DOMContentLoaded (by then the
    deferred scripts have run: the page is interactive), without the search
    index; (path, transferred bytes), largest first."""
    audits = report["audits"]
    details = audits["network-requests"]["details"]
    start = details["debugData"]["networkStartTimeTs"]  # microseconds
    metrics = audits["metrics"]["details"]["items"][0]
    ready = (metrics["observedDomContentLoadedTs"] - start) / 1000  # ms, as the request times
    found = []
    for item in details["items"]:
        path = urlsplit(item["url"]).path
        requested = item.get("networkRequestTime")
        if item.get("resourceType") not in FIRST_VIEW_TYPES or path in SEARCH_INDEX:
            continue
        if requested is not None and requested <= ready:
            found.append((path, int(item.get("transferSize") or 0)))
    return sorted(found, key=lambda pair: -pair[1])


def own_sizes(site: Path, docs: Path | tuple[Path, ...] = OWN) -> Callable[[str], int | None]:
    """For a path of the first view: its gzipped size when it is the site's own CSS or JS
    (the budget counts the files, not HTTP headers), else None."""

    def size(path: str) -> int | None:
        rel = path.lstrip("/")
        return precache.transfer(site, [rel]) if is_own(path, docs) and (site / rel).is_file() else None

    return size


def parse_manifest(
    manifest: list[dict[str, Any]],
    load: Callable[[str], dict[str, Any]] | None = None,
    own: Callable[[str], int | None] = lambda path: None,
) -> list[PageResult]:
    """One result per page: each category's median over the runs (what the
    `median` assertions judge), the first view from the representative run.
    `load(path)` reads a report (JSON file); `own(path)` is the gzipped size of the site's
    own CSS or JS file at that path, None for any other (see own_sizes)."""
    read = load or (lambda path: dict(json.loads(Path(path).read_text(encoding="utf-8"))))
    runs: dict[str, list[dict[str, float | None]]] = {}
    for entry in manifest:
        runs.setdefault(page_of(entry["url"]), []).append(entry["summary"])
    results = []
    for entry in manifest:
        if not entry["isRepresentativeRun"]:
            continue
        page = page_of(entry["url"])
        scores = {}
        for cat in CATEGORIES:
            values = [v for s in runs[page] if (v := s.get(cat)) is not None]
            scores[cat] = round(statistics.median(values) * 100) if values else None
        requests = first_view(read(entry["jsonPath"]))
        sizes = {path: own(path) for path, _ in requests}
        mine = sum(size for size in sizes.values() if size is not None)
        theme = sum(
            size for path, size in requests if sizes[path] is None and not path.endswith((".html", "/"))
        )
        results.append(PageResult(page, scores, sum(size for _, size in requests), requests, mine, theme))
    return sorted(results, key=lambda r: (r.page == PRINT_PAGE, r.page))


def assertion_misses(assertions: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """lhci's failed assertions (.lighthouseci/assertion-results.json): page ->
    category (or audit) -> 'found < expected'."""
    misses: dict[str, dict[str, str]] = {}
    for a in assertions:
        if a.get("passed") or a.get("level") != "error":
            continue
        what = a.get("auditProperty") if a.get("auditId") == "categories" else a.get("auditId")
        actual = a.get("actual")
        found = f"{round(actual * 100)}" if isinstance(actual, (int, float)) else str(actual)
        expected = a.get("expected")
        wanted = f"{round(expected * 100)}" if isinstance(expected, (int, float)) else str(expected)
        misses.setdefault(page_of(a["url"]), {})[str(what)] = f"{found} < {wanted}"
    return misses


# ---------------------------------------------------------------------------
# Budgets and the report (pure)
# ---------------------------------------------------------------------------


@dataclass
class BuildTimes:
    original: float  # seconds, best of `rounds`
    scaled: float
    rounds: int
    samples: dict[str, list[float]]
    extra_concepts: float = 0.0  # seconds, best of `rounds`: EXTRA_CONCEPTS more concepts, no PDF

    @property
    def ratio(self) -> float:
        return self.scaled / self.original if self.original > 0 else float("inf")


@dataclass
class Updates:
    """What an installed app downloads after one-page edits: (page, update bytes,
    first-install bytes) per edit."""

    edits: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def share(self) -> float:
        """The median over the edits of update bytes / first-install bytes."""
        shares = [update / install for _, update, install in self.edits if install > 0]
        return statistics.median(shares) if shares else float("inf")


def all_misses(
    pages: list[PageResult],
    scores: dict[str, dict[str, str]],
    zip_size: int,
    times: BuildTimes,
    updates: Updates,
    budgets: Budgets = BUDGETS,
    lhci_error: str | None = None,
) -> list[str]:
    misses = [f"Lighthouse CI: {lhci_error}"] if lhci_error else []
    misses += [
        f"{page}: {what} {why}" for page, found in sorted(scores.items()) for what, why in found.items()
    ]
    misses += [
        f"{r.page}: the site's own CSS and JS in the first view {kb(r.own)} KB gz > "
        f"{kb(budgets.own_first_view)} KB"
        for r in pages
        if r.own > budgets.own_first_view
    ]
    if zip_size > budgets.zip_size:
        misses.append(f"zip: {kb(zip_size)} KB > {kb(budgets.zip_size)} KB")
    if updates.share > budgets.update_share:
        misses.append(
            f"update after a one-page edit: {updates.share:.1%} of a first install > "
            f"{budgets.update_share:.0%} (median of {len(updates.edits)})"
        )
    if times.ratio > budgets.build_ratio:
        misses.append(
            f"build time: {SCALE}x the pages takes {times.ratio:.2f}x the time > {budgets.build_ratio} "
            f"({times.scaled:.2f} s / {times.original:.2f} s)"
        )
    if times.extra_concepts > budgets.extra_concepts_s:
        misses.append(
            f"build time: {EXTRA_CONCEPTS} extra concepts take {times.extra_concepts:.1f} s > "
            f"{budgets.extra_concepts_s:.0f} s"
        )
    return misses


def table(
    pages: list[PageResult], scores: dict[str, dict[str, str]], budgets: Budgets = BUDGETS
) -> list[str]:
    lines = [
        "| page | perf | a11y | best-practices | SEO | own CSS+JS | Material CSS+JS | HTML |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in pages:
        failed = scores.get(r.page, {})
        cells = [
            f"{'–' if r.scores[c] is None else r.scores[c]}{MISS if c in failed else ''}" for c in CATEGORIES
        ]
        if r.page == PRINT_PAGE:
            cells[0] += " (not budgeted)"
        cells.append(kb(r.own) + (MISS if r.own > budgets.own_first_view else ""))
        cells += [kb(r.theme), kb(r.html)]
        lines.append("| " + " | ".join([f"`{r.page}`", *cells]) + " |")
    return lines


def format_report(
    pages: list[PageResult],
    misses: list[str],
    scores: dict[str, dict[str, str]],
    zip_size: int,
    times: BuildTimes,
    updates: Updates,
    runs: int,
    machine: dict[str, str],
    budgets: Budgets = BUDGETS,
) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"`make bench` (tools/bench.py), {machine.get('date', '?')}; "
        + ", ".join(f"{k} {v}" for k, v in machine.items() if k != "date")
        + ".",
        "",
        f"Budgets: performance ≥ {budgets.performance} and accessibility, best practices, SEO = 100 on "
        f"every page (the print page `{PRINT_PAGE}`: the last three only); the site's own CSS and JS "
        f"in the first view ≤ {kb(budgets.own_first_view)} KB gzipped on every page (the HTML and "
        f"Material's assets are shown, not budgeted); offline zip ≤ {kb(budgets.zip_size)} KB; an "
        f"update after a one-page edit ≤ {budgets.update_share:.0%} of a first install (median of "
        f"{EDITS} edits); a copy with {SCALE}x the chapter pages builds in ≤ {budgets.build_ratio}x "
        f"the time; {EXTRA_CONCEPTS} extra concepts build (no PDF) in ≤ {budgets.extra_concepts_s:.0f} "
        "s. KB = 1024 bytes; ✗ marks a miss.",
        "",
        f"Lighthouse CI (@lhci/cli): {runs} run(s) per page, mobile, simulated throttling, served "
        "gzipped by lhci; scores are the median over the runs. First view: HTML, CSS and JS requested "
        "before DOMContentLoaded, without the search index; own CSS+JS: those files gzipped (level 6, "
        "as GitHub Pages), the other columns: KB transferred (headers included).",
        "",
        *table(pages, scores, budgets),
        "",
        f"- Offline zip: {kb(zip_size)} KB{MISS if zip_size > budgets.zip_size else ''}",
        f"- Update after a one-page edit (app, gzipped): median {updates.share:.1%} of a first install"
        f"{MISS if updates.share > budgets.update_share else ''}; "
        + "; ".join(f"`{page}` {kb(update)} of {kb(install)} KB" for page, update, install in updates.edits),
        f"- Build (tools.build), best of {times.rounds}: original {times.original:.2f} s, "
        f"{SCALE}x the chapter pages {times.scaled:.2f} s: ratio {times.ratio:.2f}"
        f"{MISS if times.ratio > budgets.build_ratio else ''}; {EXTRA_CONCEPTS} extra concepts "
        f"(no PDF) {times.extra_concepts:.2f} s"
        + (MISS if times.extra_concepts > budgets.extra_concepts_s else ""),
    ]
    if pages:
        heaviest = max(pages, key=lambda r: r.own)
        lines += ["", f"First view of `{heaviest.page}` (the most of the site's own CSS and JS):", ""]
        lines += [f"- `{path}`: {kb(size)} KB" for path, size in heaviest.requests]
    lines += ["", "## Misses", ""]
    lines += [f"- {m}" for m in misses] if misses else ["None: every budget is met."]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# The scaled copy: SCALE times the chapter pages
# ---------------------------------------------------------------------------


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its nav; tags such as !ENV are read as null."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def nav_pages(entry: Any) -> list[str]:
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, list):
        return [p for item in entry for p in nav_pages(item)]
    if isinstance(entry, dict):
        return [p for value in entry.values() for p in nav_pages(value)]
    return []


def moved(entry: Any, folder: str, target: str) -> Any:
    """A nav entry with every page in folder/ moved to target/."""
    if isinstance(entry, str):
        return target + entry[len(folder) :] if entry.startswith(f"{folder}/") else entry
    if isinstance(entry, list):
        return [moved(item, folder, target) for item in entry]
    return {key: moved(value, folder, target) for key, value in entry.items()}


def chapter_folder(entry: Any) -> str | None:
    """The folder of a top-level nav section whose pages all live in one folder."""
    if not isinstance(entry, dict) or len(entry) != 1 or not isinstance(next(iter(entry.values())), list):
        return None
    folders = {p.split("/", 1)[0] if "/" in p else "" for p in nav_pages(entry)}
    return folders.pop() if len(folders) == 1 and "" not in folders else None


def scaled_nav(nav: list[Any], factor: int) -> tuple[list[Any], list[tuple[str, str]]]:
    """The nav with each chapter section followed by factor - 1 copies in
    folders <chapter>-2 ... <chapter>-<factor>; and the (folder, copy) pairs."""
    out: list[Any] = []
    copies: list[tuple[str, str]] = []
    for entry in nav:
        out.append(entry)
        folder = chapter_folder(entry)
        if folder is None:
            continue
        ((title, pages),) = entry.items()
        for k in range(2, factor + 1):
            out.append({f"{title} (kopie {k})": moved(pages, folder, f"{folder}-{k}")})
            copies.append((folder, f"{folder}-{k}"))
    return out, copies


def scaled_quizzes(quizzes: dict[str, Any], copies: list[tuple[str, str]]) -> dict[str, Any]:
    """Each copied page gets its original's questions, with ids made unique."""
    out = dict(quizzes)
    for folder, target in copies:
        suffix = target.rsplit("-", 1)[1]
        for page, questions in quizzes.items():
            if page.startswith(f"{folder}/"):
                out[target + page[len(folder) :]] = [{**q, "id": f"{q['id']}-{suffix}"} for q in questions]
    return out


def scaled_exceptions(
    exceptions: dict[str, Any], quizzes: dict[str, Any], copies: list[tuple[str, str]]
) -> dict[str, Any]:
    """The question lint's reviewed exceptions for the copied questions too (same reasons)."""
    out = dict(exceptions)
    for folder, target in copies:
        suffix = target.rsplit("-", 1)[1]
        for page, questions in quizzes.items():
            if page.startswith(f"{folder}/"):
                out.update(
                    {f"{q['id']}-{suffix}": exceptions[q["id"]] for q in questions if q["id"] in exceptions}
                )
    return out


# Top-level entries a build does not read (the project's own output, tools, caches).
NOT_COPIED = {".git", ".venv", "site", "dist", "tools", "tests", "benchmarks", "node_modules"}


def _not_copied(root: Path) -> Callable[[str, list[str]], set[str]]:
    def ignore(folder: str, names: list[str]) -> set[str]:
        if Path(folder) != root:
            return set()
        return {
            n for n in names if n in NOT_COPIED or n.startswith((".venv", ".build")) or n.endswith("_cache")
        }

    return ignore


def project_copy(root: Path, dest: Path, factor: int) -> Path:
    """A copy of the project to build; with factor > 1 every chapter folder is
    copied factor - 1 times and added to the nav (a generated mkdocs.yml that
    INHERITs the original), with its practice questions."""
    shutil.copytree(root, dest, ignore=_not_copied(root))
    if factor == 1:
        return dest
    config = yaml.load((dest / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    nav, copies = scaled_nav(config["nav"], factor)
    docs = dest / (config.get("docs_dir") or "docs")
    for folder, target in copies:
        shutil.copytree(docs / folder, docs / target)
    quizzes_file = Course(dest).quizzes_file
    quizzes = yaml.safe_load(quizzes_file.read_text(encoding="utf-8"))
    quizzes_file.write_text(
        yaml.safe_dump(scaled_quizzes(quizzes, copies), allow_unicode=True), encoding="utf-8"
    )
    exceptions_file = Course(dest).data_dir / qlint.EXCEPTIONS_NAME
    exceptions = yaml.safe_load(exceptions_file.read_text(encoding="utf-8")) or {}
    exceptions_file.write_text(
        yaml.safe_dump(scaled_exceptions(exceptions, quizzes, copies), allow_unicode=True), encoding="utf-8"
    )
    (dest / "mkdocs.yml").rename(dest / "mkdocs.base.yml")
    generated = {"INHERIT": "mkdocs.base.yml", "nav": nav}
    (dest / "mkdocs.yml").write_text(
        yaml.safe_dump(generated, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return dest


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------


def extra_concepts(count: int, register: Path) -> str:
    """`count` concepts to append to the course's `register`: on the page and anchor of its
    first concept, each with a term, an alias and a Markdown definition that links there
    (also used by tests/test_scaling.py)."""
    first = next(iter(load_concepts(register).values()))
    return "".join(
        f"  - id: extra-{i}\n"
        f"    term: Extra begrip {i}\n"
        f"    definition: Een **test**begrip nummer {i}, zie [de uitleg]({first.page}#{first.anchor}).\n"
        f"    page: {first.page}\n"
        f"    anchor: {first.anchor}\n"
        f"    aliases: [proefbegrip{i}]\n"
        for i in range(count)
    )


@contextmanager
def environment(**values: str) -> Iterator[None]:
    """os.environ with `values` set, for the builds inside (tools.build reads it)."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def edited_pages(project: Path, count: int = EDITS) -> list[str]:
    """`count` chapter pages spread over the nav (docs paths), for one-page edits."""
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    pages = [p for entry in config["nav"] if chapter_folder(entry) for p in nav_pages(entry)]
    step = max(1, len(pages) // count)
    return pages[::step][:count]


def measure_updates(root: Path, work: Path) -> Updates:
    """Build a copy (no PDF: the app does not precache it), then, for each of EDITS
    pages, the same copy with one paragraph added to that page and the date of a later
    commit; what the app fetches is what changed in the precache list (and sw.js)."""
    project = project_copy(root, work / "edits", 1)
    epoch = site_build.source_date_epoch(root)
    base = work / "edit-0"
    base.mkdir(parents=True)
    with environment(SS_PAPER="0", SOURCE_DATE_EPOCH=str(epoch)):
        site_build.build(project, base / "site", base / "dist")
    updates = Updates()
    for k, page in enumerate(edited_pages(project), start=1):
        source = project / "docs" / page
        original = source.read_text(encoding="utf-8")
        source.write_text(original.rstrip("\n") + "\n\nEen alinea die in deze versie nieuw is.\n", "utf-8")
        out = work / f"edit-{k}"
        out.mkdir()
        try:
            with environment(SS_PAPER="0", SOURCE_DATE_EPOCH=str(epoch + k * 86400)):
                site_build.build(project, out / "site", out / "dist")
        finally:
            source.write_text(original, encoding="utf-8")
        update, install = precache.update_cost(base / "site", out / "site")
        updates.edits.append((page, update, install))
        print(f"  {page}: {kb(update)} of {kb(install)} KB", flush=True)
        shutil.rmtree(out)
    return updates


def measure_extra_concepts(root: Path, work: Path, rounds: int) -> float:
    """Best of `rounds`: the site (no PDF) with EXTRA_CONCEPTS more concepts."""
    project = project_copy(root, work / "concepts", 1)
    register = Course(project).concepts_file
    extra = extra_concepts(EXTRA_CONCEPTS, register)
    with register.open("a", encoding="utf-8") as handle:
        handle.write(extra)
    with environment(SS_PAPER="0"):
        return min(timed_build(project, work / f"out-concepts-{i}") for i in range(rounds))


def timed_build(project: Path, out: Path) -> float:
    out.mkdir(parents=True)
    start = time.perf_counter()
    site_build.build(project, out / "site", out / "dist")
    elapsed = time.perf_counter() - start
    shutil.rmtree(out)
    return elapsed


def measure_builds(root: Path, work: Path, rounds: int) -> BuildTimes:
    """Best of `rounds` for a plain copy and the scaled copy, alternating
    which goes first; both copies live in the same temporary folder."""
    projects = {
        "original": project_copy(root, work / "x1", 1),
        "scaled": project_copy(root, work / f"x{SCALE}", SCALE),
    }
    samples: dict[str, list[float]] = {"original": [], "scaled": []}
    for i in range(rounds):
        for kind in ("original", "scaled") if i % 2 == 0 else ("scaled", "original"):
            samples[kind].append(timed_build(projects[kind], work / f"out-{kind}-{i}"))
            print(f"  round {i + 1}: {kind} {samples[kind][-1]:.2f} s", flush=True)
    return BuildTimes(
        original=min(samples["original"]),
        scaled=min(samples["scaled"]),
        rounds=rounds,
        samples={k: [round(v, 3) for v in vs] for k, vs in samples.items()},
    )


def run_lhci(rc: dict[str, Any], work: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str | None]:
    """`lhci autorun` (collect, assert, upload) in `work`: the manifest, the
    failed assertions, and an error when lhci produced no reports."""
    config = work / "lighthouserc.json"
    config.write_text(json.dumps(rc, indent=2), encoding="utf-8")
    proc = subprocess.run(
        [str(LHCI), "autorun", f"--config={config}"], cwd=work, env=dict(os.environ, CHROME_PATH=CHROME)
    )
    manifest = Path(rc["ci"]["upload"]["outputDir"]) / "manifest.json"
    results = work / ".lighthouseci" / "assertion-results.json"
    if not manifest.is_file():
        return [], [], f"lhci autorun exited {proc.returncode} without reports"
    failed = json.loads(results.read_text(encoding="utf-8")) if results.is_file() else []
    error = None if proc.returncode == 0 or failed else f"lhci autorun exited {proc.returncode}"
    return json.loads(manifest.read_text(encoding="utf-8")), failed, error


def _version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"
    return out.splitlines()[0] if out else "?"


def machine_info() -> dict[str, str]:
    lhci = ROOT / "tools/bench/node_modules/@lhci/cli/package.json"
    lighthouse = ROOT / "tools/bench/node_modules/@lhci/cli/node_modules/lighthouse/package.json"
    version = {
        p: json.loads(p.read_text(encoding="utf-8"))["version"] if p.is_file() else "?"
        for p in (lhci, lighthouse)
    }
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": str(os.cpu_count() or "?"),
        "load average": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "python": sys.version.split()[0],
        "node": _version(["node", "--version"]),
        "chromium": _version([CHROME, "--version"]),
        "@lhci/cli": version[lhci],
        "lighthouse": version[lighthouse],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median is judged)")
    parser.add_argument("--rounds", type=int, default=3, help="builds of each copy (best is kept)")
    args = parser.parse_args(argv)
    if not LHCI.is_file():
        print("Lighthouse CI is missing: npm ci --prefix tools/bench", file=sys.stderr)
        return 2
    machine = machine_info()
    reports = RESULTS / "lighthouse"
    shutil.rmtree(reports, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        try:
            print("Building the site...", flush=True)
            zip_size = site_build.build(ROOT, work / "site", work / "dist").stat().st_size
            print(
                f"Build time, best of {args.rounds}: the project and a copy with {SCALE}x the chapters",
                flush=True,
            )
            times = measure_builds(ROOT, work / "copies", args.rounds)
            print(f"Build time, best of {args.rounds}: {EXTRA_CONCEPTS} extra concepts", flush=True)
            times.extra_concepts = measure_extra_concepts(ROOT, work / "copies", args.rounds)
            print(f"Update after a one-page edit, {EDITS} pages:", flush=True)
            updates = measure_updates(ROOT, work / "updates")
        except site_build.BuildError as exc:
            print(exc, file=sys.stderr)
            return 1
        pages = pages_to_audit(work / "site")
        print(f"Lighthouse CI on {len(pages)} pages, {args.runs} run(s) each:", flush=True)
        manifest, failed, lhci_error = run_lhci(lighthouserc(work / "site", pages, reports, args.runs), work)
        results = parse_manifest(manifest, own=own_sizes(work / "site"))
    scores = assertion_misses(failed)
    misses = all_misses(results, scores, zip_size, times, updates, lhci_error=lhci_error)
    report = format_report(results, misses, scores, zip_size, times, updates, args.runs, machine)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "results.md").write_text(report, encoding="utf-8")
    data = {
        "machine": machine,
        "runs": args.runs,
        "budgets": asdict(BUDGETS),
        "pages": [asdict(r) for r in results],
        "zip_bytes": zip_size,
        "build": {**asdict(times), "ratio": round(times.ratio, 3)},
        "updates": {"edits": updates.edits, "median_share": round(updates.share, 4)},
        "misses": misses,
    }
    (RESULTS / "results.json").write_text(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print("\n" + report)
    if misses:
        print(f"{len(misses)} budget(s) missed.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
