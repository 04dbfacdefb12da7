"""Benchmark against the site's budgets: `make bench` (python -m tools.bench).

1. Build time: the full build (tools.build: strict mkdocs build with macros,
   offline, minify, print-site and hooks, then pruning and the
   zip) against a baseline, a plain Material build of the same Markdown with
   only the search plugin. Best of three each, alternating, in the same run.
   The budget compares the whole tools.build time with the baseline's
   `mkdocs build`; the full config's own `mkdocs build` time is shown too, and
   for comparison a build with only the plugins the issues require, as shipped.
2. The built site is served on 127.0.0.1 like GitHub Pages serves it (gzip
   for text types, Cache-Control max-age=600) and Lighthouse 12.2.3 audits
   every page (mobile, default throttling): four category scores and the
   first-view transfer size (`total-byte-weight`, gzipped bytes).
3. The offline zip's size.

Prints a Markdown table, writes benchmarks/results.md and results.json, and
exits non-zero naming every budget that was missed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import json
import os
import platform
import posixpath
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from unittest import mock

import yaml

from tools import build as site_build

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks"
LIGHTHOUSE = ROOT / "tools" / "bench" / "node_modules" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
ROUNDS = 3
PAGE_TIMEOUT = 180  # seconds for one Lighthouse run
LIGHTHOUSE_DEADLINE = 7 * 60  # no Lighthouse run starts later than this after the first
PERF_RETRIES = 1  # extra runs for a page that misses the performance budget, time allowing
SERVER_LIFETIME = 30 * 60  # the server stops itself after this, whatever happens

KIB = 1024


@dataclass(frozen=True)
class Budgets:
    performance: int = 98
    accessibility: int = 100
    best_practices: int = 100
    seo: int = 100
    chapter_first_view: int = 75 * KIB  # bytes, gzipped, chapter pages only
    zip_size: int = 400 * KIB  # bytes
    build_ratio: float = 1.5  # tools.build time / baseline mkdocs build time


BUDGETS = Budgets()
PRINT_PAGE = site_build.PRINT_PAGE


# ---------------------------------------------------------------------------
# Results and budgets (pure)
# ---------------------------------------------------------------------------


@dataclass
class PageResult:
    page: str  # site-relative, e.g. "h1/klant.html"
    scores: dict[str, int | None] = field(default_factory=dict)  # category id -> 0..100
    first_view: int | None = None  # bytes transferred (gzipped)
    failing: dict[str, list[str]] = field(default_factory=dict)  # category id -> audit notes
    error: str | None = None  # Lighthouse did not produce a report
    requests: list[tuple[str, int]] = field(default_factory=list)  # (path, transferred bytes), largest first
    runs: int = 1  # Lighthouse runs of this page (the best performance run is kept)
    perf_runs: list[int | None] = field(default_factory=list)  # performance score of every run
    audit_errors: list[str] = field(default_factory=list)  # audits Lighthouse could not run


@dataclass
class BuildTimes:
    full_build: float  # tools.build.build(): mkdocs build + prune + zip, seconds (best of N)
    full_mkdocs: float  # the `mkdocs build` inside it
    baseline_mkdocs: float  # plain Material, search only
    rounds: int
    samples: dict[str, list[float]] = field(default_factory=dict)
    required_mkdocs: float | None = None  # only the plugins the issues require, as shipped

    @property
    def ratio(self) -> float:
        return self.full_build / self.baseline_mkdocs if self.baseline_mkdocs > 0 else float("inf")

    @property
    def mkdocs_ratio(self) -> float:
        return self.full_mkdocs / self.baseline_mkdocs if self.baseline_mkdocs > 0 else float("inf")

    @property
    def required_ratio(self) -> float | None:
        if self.required_mkdocs is None:
            return None
        return self.required_mkdocs / self.baseline_mkdocs if self.baseline_mkdocs > 0 else float("inf")


def is_chapter(page: str) -> bool:
    return page.split("/", 1)[0] in ("h1", "h2") and page.endswith(".html")


def score_budgets(budgets: Budgets) -> dict[str, tuple[str, int]]:
    return {
        "performance": ("performance", budgets.performance),
        "accessibility": ("accessibility", budgets.accessibility),
        "best-practices": ("best-practices", budgets.best_practices),
        "seo": ("SEO", budgets.seo),
    }


def page_misses(result: PageResult, budgets: Budgets = BUDGETS) -> list[str]:
    """What this page misses, one line each (empty when it meets every budget)."""
    if result.error:
        return [f"{result.page}: Lighthouse failed ({result.error})"]
    misses: list[str] = []
    for cat, (label, minimum) in score_budgets(budgets).items():
        score = result.scores.get(cat)
        if score is None or score < minimum:
            got = "no score" if score is None else str(score)
            why = "; ".join(result.failing.get(cat, []))
            misses.append(f"{result.page}: {label} {got} < {minimum}" + (f" ({why})" if why else ""))
    if is_chapter(result.page):
        if result.first_view is None:
            misses.append(f"{result.page}: first view not measured")
        elif result.first_view > budgets.chapter_first_view:
            misses.append(
                f"{result.page}: first view {kb(result.first_view)} KB gz > "
                f"{kb(budgets.chapter_first_view)} KB"
            )
    return misses


def all_misses(
    pages: list[PageResult],
    zip_size: int,
    times: BuildTimes | None,
    budgets: Budgets = BUDGETS,
    skipped: list[str] | None = None,
) -> list[str]:
    misses = [m for r in pages for m in page_misses(r, budgets)]
    # The print page is audited last and only if time allows; any other page must be audited.
    misses += [f"{p}: not audited (time limit)" for p in skipped or [] if p != PRINT_PAGE]
    if zip_size > budgets.zip_size:
        misses.append(f"zip: {kb(zip_size)} KB > {kb(budgets.zip_size)} KB")
    if times is not None and times.ratio > budgets.build_ratio:
        misses.append(
            f"build ratio: {times.ratio:.2f} > {budgets.build_ratio} "
            f"(tools.build {times.full_build:.1f} s / baseline mkdocs build {times.baseline_mkdocs:.1f} s)"
        )
    return misses


def kb(size: int) -> str:
    """Bytes as KB (1024 bytes), one decimal."""
    return f"{size / KIB:.1f}"


MISS = " ✗"


def score_cell(score: int | None, minimum: int) -> str:
    if score is None:
        return "–" + MISS
    return f"{score}{MISS if score < minimum else ''}"


def page_row(result: PageResult, budgets: Budgets = BUDGETS) -> str:
    if result.error:
        cells = ["–" + MISS] * 5
    else:
        cells = [
            score_cell(result.scores.get(cat), minimum)
            for cat, (_, minimum) in score_budgets(budgets).items()
        ]
        if result.first_view is None:
            cells.append("–" + MISS if is_chapter(result.page) else "–")
        else:
            over = is_chapter(result.page) and result.first_view > budgets.chapter_first_view
            cells.append(kb(result.first_view) + (MISS if over else ""))
    name = f"`{result.page}`"
    if result.runs > 1:
        name += f" (best of {result.runs} runs: perf " + "/".join(str(s) for s in result.perf_runs) + ")"
    return "| " + " | ".join([name, *cells]) + " |"


def format_report(
    pages: list[PageResult],
    zip_size: int,
    times: BuildTimes | None,
    machine: dict[str, str],
    budgets: Budgets = BUDGETS,
    skipped: list[str] | None = None,
) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Generated by `make bench` (tools/bench.py) on {machine.get('date', '?')}.",
        "",
        "Machine: " + ", ".join(f"{k} {v}" for k, v in machine.items() if k != "date") + ".",
        "",
        f"Budgets: performance ≥ {budgets.performance}, accessibility / best-practices / SEO = 100 "
        f"on every page; chapter pages (h1/, h2/) first view ≤ {kb(budgets.chapter_first_view)} KB "
        f"gzipped; zip ≤ {kb(budgets.zip_size)} KB; build ratio ≤ {budgets.build_ratio}. "
        f"KB = 1024 bytes. ✗ marks a miss.",
        "",
        "Lighthouse: mobile form factor, default (simulated) throttling; site served locally "
        "gzipped like GitHub Pages. First view = `total-byte-weight` (transferred bytes, gzipped). "
        f"A page that misses the performance budget runs again (up to {PERF_RETRIES} more, time "
        "allowing) and keeps its best run. Full reports: `benchmarks/lighthouse/` (not committed).",
        "",
        "| page | perf | a11y | best-practices | SEO | first view (kB gz) |",
        "|---|---:|---:|---:|---:|---:|",
        *(page_row(r, budgets) for r in pages),
        "",
    ]
    for page in skipped or []:
        lines.append(f"- `{page}`: not audited (time limit)")
    if skipped:
        lines.append("")
    zip_mark = MISS if zip_size > budgets.zip_size else ""
    lines.append(f"- Offline zip: {zip_size} bytes = {kb(zip_size)} KB{zip_mark}")
    if times is not None:
        ratio_mark = MISS if times.ratio > budgets.build_ratio else ""
        lines += [
            f"- Full build (tools.build: mkdocs build + prune + zip), best of {times.rounds}: "
            f"{times.full_build:.2f} s",
            f"- Full config `mkdocs build` alone, best of {times.rounds}: {times.full_mkdocs:.2f} s",
            f"- Baseline `mkdocs build` (plain Material + search, same Markdown), best of {times.rounds}: "
            f"{times.baseline_mkdocs:.2f} s",
            f"- Build ratio (tools.build / baseline mkdocs build): {times.ratio:.2f}{ratio_mark} "
            f"(mkdocs build only: {times.mkdocs_ratio:.2f})",
        ]
        if times.required_mkdocs is not None:
            lines.append(
                f"- For comparison, only the plugins the issues require, as shipped "
                f"({', '.join(REQUIRED_PLUGINS)}; no hooks, minify or redirects), best of "
                f"{times.rounds}: {times.required_mkdocs:.2f} s, ratio {times.required_ratio:.2f}"
            )
    errored = sorted({a for r in pages for a in r.audit_errors})
    if errored:
        lines += [
            "",
            "Audits Lighthouse could not run (an error, not a failure; a scored audit that errors "
            "lowers its category): " + ", ".join(f"`{a}`" for a in errored) + ".",
        ]
    chapters = [r for r in pages if is_chapter(r.page) and r.first_view is not None and r.requests]
    if chapters:
        heaviest = max(chapters, key=lambda r: r.first_view or 0)
        lines += ["", f"First view of the heaviest chapter page, `{heaviest.page}` (transferred):", ""]
        lines += breakdown(heaviest)
    misses = all_misses(pages, zip_size, times, budgets, skipped)
    lines += ["", "## Misses", ""]
    lines += [f"- {m}" for m in misses] if misses else ["None: every budget is met."]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Lighthouse report parsing (pure)
# ---------------------------------------------------------------------------

PERF_METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)


def parse_report(page: str, report: dict[str, Any]) -> PageResult:
    result = PageResult(page=page)
    if report.get("runtimeError"):
        result.error = str(report["runtimeError"].get("code", "runtimeError"))
        return result
    audits: dict[str, Any] = report.get("audits", {})
    for cat in CATEGORIES:
        category = report.get("categories", {}).get(cat)
        score = None if category is None or category.get("score") is None else round(category["score"] * 100)
        result.scores[cat] = score
        if cat == "performance":
            result.perf_runs = [score]
        notes: list[str] = []
        for ref in category.get("auditRefs", []) if category else []:
            audit = audits.get(ref["id"], {})
            if cat == "performance":
                if ref["id"] in PERF_METRICS and audit.get("score") is not None and audit["score"] < 0.9:
                    notes.append(f"{audit.get('title', ref['id'])} {audit.get('displayValue', '')}".strip())
            elif ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                notes.append(f"{ref['id']}: {audit.get('title', '')}")
        if notes:
            result.failing[cat] = notes
    weight = audits.get("total-byte-weight", {}).get("numericValue")
    result.first_view = None if weight is None else round(weight)
    result.audit_errors = sorted(k for k, a in audits.items() if a.get("scoreDisplayMode") == "error")
    items = audits.get("network-requests", {}).get("details", {}).get("items", [])
    sizes = [
        (urllib.parse.urlsplit(item["url"]).path or item["url"][:40], int(item.get("transferSize") or 0))
        for item in items
        if item.get("url", "").startswith("http")
    ]
    result.requests = sorted(sizes, key=lambda pair: -pair[1])
    return result


def breakdown(result: PageResult, limit: int = 12) -> list[str]:
    """The first view of one page, request by request (Markdown list lines)."""
    lines = [f"- `{path}`: {kb(size)} KB" for path, size in result.requests[:limit] if size > 0]
    rest = sum(size for _, size in result.requests[limit:])
    if rest:
        lines.append(f"- {len(result.requests) - limit} smaller requests: {kb(rest)} KB")
    return lines


# ---------------------------------------------------------------------------
# GitHub-Pages-like static server
# ---------------------------------------------------------------------------

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".webmanifest": "application/manifest+json",
    ".ico": "image/x-icon",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".zip": "application/zip",
    ".gz": "application/gzip",
}
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
COMPRESSIBLE_EXTRA = ("application/manifest+json",)


def content_type(path: str) -> str:
    return CONTENT_TYPES.get(posixpath.splitext(path)[1].lower(), "application/octet-stream")


def compressible(ctype: str) -> bool:
    return ctype.startswith(COMPRESSIBLE) or ctype.startswith(COMPRESSIBLE_EXTRA)


class PagesHandler(BaseHTTPRequestHandler):
    """GET/HEAD for a static folder: gzip for text types, max-age=600, 404.html."""

    root: Path  # set on a subclass by serve()
    server_version = "bench"
    protocol_version = "HTTP/1.1"
    _cache: dict[Path, bytes]
    _lock: threading.Lock

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def _resolve(self) -> Path | None:
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        parts = [p for p in path.split("/") if p not in ("", ".")]
        if ".." in parts:
            return None
        target = self.root.joinpath(*parts)
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def _gzipped(self, target: Path) -> bytes:
        with self._lock:
            if target not in self._cache:
                self._cache[target] = gzip.compress(target.read_bytes(), compresslevel=6, mtime=0)
            return self._cache[target]

    def _respond(self, body: bool) -> None:
        target = self._resolve()
        status = HTTPStatus.OK
        if target is None:
            status = HTTPStatus.NOT_FOUND
            target = self.root / "404.html"
            if not target.is_file():
                self.send_error(HTTPStatus.NOT_FOUND)
                return
        ctype = content_type(target.name)
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        use_gzip = compressible(ctype) and accepts
        data = self._gzipped(target) if use_gzip else target.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        if compressible(ctype):
            self.send_header("Vary", "Accept-Encoding")
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if body:
            self.wfile.write(data)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser closing a kept-alive connection is normal; anything else is reported.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(root: Path, lifetime: float = SERVER_LIFETIME) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 (free port) in a thread; yields the base URL.
    The server stops on exit, or by itself after `lifetime` seconds."""
    handler = type(
        "BoundPagesHandler", (PagesHandler,), {"root": root, "_cache": {}, "_lock": threading.Lock()}
    )
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    watchdog = threading.Timer(lifetime, stop)
    watchdog.daemon = True
    watchdog.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        watchdog.cancel()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# ---------------------------------------------------------------------------
# Builds and timing
# ---------------------------------------------------------------------------


class _TaggedLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: !ENV becomes its default, !!python/name stays a tag."""


class PyName(str):
    __slots__ = ()


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    assert isinstance(node, yaml.SequenceNode)
    *names, default = loader.construct_sequence(node)
    for name in names:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return default


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> PyName:
    return PyName(suffix)


_TaggedLoader.add_constructor("!ENV", _env_tag)
_TaggedLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)


class _TaggedDumper(yaml.SafeDumper):
    pass


def _represent_pyname(dumper: yaml.SafeDumper, value: PyName) -> yaml.Node:
    return dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{value}", "")


_TaggedDumper.add_representer(PyName, _represent_pyname)


def plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def baseline_config(config: dict[str, Any], docs_dir: Path) -> dict[str, Any]:
    """Plain Material for the same Markdown: same theme language/features/palette,
    search only; no macros, offline, minify, print-site, redirects,
    hooks, custom_dir or extra assets; not strict."""
    theme = config.get("theme", {})
    plain_theme: dict[str, Any] = {"name": "material"}
    for key in ("language", "features", "palette", "font", "icon"):
        if key in theme:
            plain_theme[key] = theme[key]
    search: Any = "search"
    for plugin in config.get("plugins", []):
        if plugin_name(plugin) == "search":
            search = plugin
    out: dict[str, Any] = {
        "site_name": config.get("site_name", "baseline"),
        "docs_dir": str(docs_dir),
        "use_directory_urls": config.get("use_directory_urls", True),
        "strict": False,
        "theme": plain_theme,
        "plugins": [search],
        "markdown_extensions": config.get("markdown_extensions", []),
    }
    if "nav" in config:
        out["nav"] = config["nav"]
    return out


REQUIRED_PLUGINS = ("search", "macros", "offline", "print-site")


def required_config(config: dict[str, Any]) -> dict[str, Any]:
    """The site's config with only the plugins the issues require (Dutch search,
    macros for diagrams and quizzes, offline, print-site), as shipped: no hooks
    (so none of our fixes and speed-ups), no minify, no redirects; not strict.
    Shows how much of the build time those plugins cost by themselves."""
    out = {k: v for k, v in config.items() if k != "hooks"}
    out["plugins"] = [p for p in config.get("plugins", []) if plugin_name(p) in REQUIRED_PLUGINS]
    out["strict"] = False
    return out


def write_required_config(root: Path) -> Path:
    """Written next to mkdocs.yml, so docs_dir, custom_dir and the macros module
    resolve as in the real build. The caller deletes it."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TaggedLoader)
    target = root / ".bench-required.yml"
    target.write_text(
        yaml.dump(required_config(config), Dumper=_TaggedDumper, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return target


def write_baseline_config(root: Path, target: Path) -> Path:
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TaggedLoader)
    docs = (root / config.get("docs_dir", "docs")).resolve()
    target.write_text(
        yaml.dump(baseline_config(config, docs), Dumper=_TaggedDumper, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return target


def time_baseline(config: Path, site_dir: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config)]
    cmd += ["--site-dir", str(site_dir)]
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=config.parent, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise site_build.BuildError("baseline build failed:\n" + (result.stdout + result.stderr)[-3000:])
    return elapsed


def time_full(root: Path, out: Path) -> tuple[float, float, Path]:
    """tools.build.build() wall time, the `mkdocs build` time inside it, and the zip."""
    inner: list[float] = []
    original: Callable[[Path, dict[str, str], Path], None] = site_build.run_mkdocs

    def timed(site_dir: Path, env: dict[str, str], config: Path) -> None:
        start = time.perf_counter()
        try:
            original(site_dir, env, config)
        finally:
            inner.append(time.perf_counter() - start)

    # build() looks run_mkdocs up at call time, so a patch on the module times it.
    with mock.patch.object(site_build, "run_mkdocs", timed):
        start = time.perf_counter()
        archive = site_build.build(root, out / "site", out / "dist")
        total = time.perf_counter() - start
    return total, sum(inner), archive


def measure_builds(root: Path, work: Path, rounds: int = ROUNDS) -> tuple[BuildTimes, Path, Path]:
    """Alternate full, baseline and required-plugins builds; best of `rounds`
    each. Returns the times, the first full build's site folder and its zip."""
    config = write_baseline_config(root, work / "baseline-mkdocs.yml")
    required = write_required_config(root)
    samples: dict[str, list[float]] = {
        "full_build": [],
        "full_mkdocs": [],
        "baseline_mkdocs": [],
        "required_mkdocs": [],
    }
    site: Path | None = None
    archive: Path | None = None
    try:
        for i in range(rounds):
            # Rotate which goes first, so a warm cache or a busy neighbour hits all.
            order = ("full", "baseline", "required")[i % 3 :] + ("full", "baseline", "required")[: i % 3]
            for kind in order:
                if kind == "full":
                    out = work / f"full-{i}"
                    out.mkdir()
                    total, inner, zipped = time_full(root, out)
                    samples["full_build"].append(total)
                    samples["full_mkdocs"].append(inner)
                    if site is None:
                        site, archive = out / "site", zipped
                    print(
                        f"  round {i + 1}: tools.build {total:.2f} s (mkdocs build {inner:.2f} s)", flush=True
                    )
                else:
                    out = work / f"{kind}-{i}"
                    elapsed = time_baseline(config if kind == "baseline" else required, out)
                    shutil.rmtree(out, ignore_errors=True)
                    samples[f"{kind}_mkdocs"].append(elapsed)
                    print(f"  round {i + 1}: {kind} mkdocs build {elapsed:.2f} s", flush=True)
    finally:
        required.unlink(missing_ok=True)
    assert site is not None and archive is not None
    times = BuildTimes(
        full_build=min(samples["full_build"]),
        full_mkdocs=min(samples["full_mkdocs"]),
        baseline_mkdocs=min(samples["baseline_mkdocs"]),
        rounds=rounds,
        samples={k: [round(v, 3) for v in vs] for k, vs in samples.items()},
        required_mkdocs=min(samples["required_mkdocs"]),
    )
    return times, site, archive


# ---------------------------------------------------------------------------
# Lighthouse
# ---------------------------------------------------------------------------


def pages_to_audit(site: Path) -> list[str]:
    """Every reader page: no 404.html, no c/*.html redirect stubs; the print page last."""
    pages = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.name != "404.html" and p.relative_to(site).parts[0] != "c"
    )
    return sorted(pages, key=lambda p: p == PRINT_PAGE)


def run_lighthouse(url: str, page: str, out_json: Path, timeout: float = PAGE_TIMEOUT) -> PageResult:
    cmd = [
        "node",
        str(LIGHTHOUSE / "cli" / "index.js"),
        url,
        "--output=json",
        f"--output-path={out_json}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
    ]
    env = dict(os.environ, CHROME_PATH=CHROME)
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        # Lighthouse and its Chromium run in their own process group: end just that group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return PageResult(page=page, error=f"timeout after {timeout:.0f} s")
    if not out_json.is_file():
        tail = " ".join(err.strip().splitlines()[-3:])[:300]
        return PageResult(page=page, error=f"exit {proc.returncode}: {tail}")
    return parse_report(page, json.loads(out_json.read_text(encoding="utf-8")))


def report_name(page: str, attempt: int) -> str:
    return (
        page.replace("/", "__").removesuffix(".html") + ("" if attempt == 1 else f".run{attempt}") + ".json"
    )


def better(first: PageResult, second: PageResult) -> PageResult:
    """Of two runs of one page, the one with the higher performance score
    (Lighthouse performance varies by a few points between runs)."""
    if first.error:
        return second
    if second.error:
        return first
    return (
        second if (second.scores.get("performance") or 0) > (first.scores.get("performance") or 0) else first
    )


def audit_pages(
    site: Path,
    pages: list[str],
    reports: Path,
    deadline: float = LIGHTHOUSE_DEADLINE,
    retries: int = PERF_RETRIES,
    budgets: Budgets = BUDGETS,
) -> tuple[list[PageResult], list[str]]:
    """One Lighthouse run per page, sequentially; then, while time allows, pages
    that missed the performance budget (or failed) run again and keep their best run."""
    results: dict[str, PageResult] = {}
    skipped: list[str] = []
    start = time.monotonic()

    def run(base: str, page: str, attempt: int, label: str) -> PageResult:
        t0 = time.monotonic()
        result = run_lighthouse(base + page, page, reports / report_name(page, attempt))
        scores = " ".join(f"{v}" for v in result.scores.values()) if not result.error else result.error
        size = f"{kb(result.first_view)} KB" if result.first_view is not None else "-"
        print(f"  [{label}] {page}: {scores}, {size} ({time.monotonic() - t0:.0f} s)", flush=True)
        return result

    with serve(site) as base:
        for n, page in enumerate(pages, 1):
            if time.monotonic() - start > deadline:
                skipped.append(page)
                continue
            results[page] = run(base, page, 1, f"{n}/{len(pages)}")
        for attempt in range(2, retries + 2):
            again = [
                p
                for p, r in results.items()
                if r.error or (r.scores.get("performance") or 0) < budgets.performance
            ]
            for page in again:
                if time.monotonic() - start > deadline:
                    break
                previous = results[page]
                latest = run(base, page, attempt, f"run {attempt}")
                history = [*previous.perf_runs, *latest.perf_runs]
                results[page] = better(previous, latest)
                results[page].runs, results[page].perf_runs = attempt, history
    return [results[p] for p in pages if p in results], skipped


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def _version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"
    return out.splitlines()[0] if out else "?"


def machine_info() -> dict[str, str]:
    lh = LIGHTHOUSE / "package.json"
    lh_version = json.loads(lh.read_text(encoding="utf-8"))["version"] if lh.is_file() else "?"
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": str(os.cpu_count() or "?"),
        "load average at start": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "platform": platform.platform(terse=True),
        "python": platform.python_version(),
        "node": _version(["node", "--version"]),
        "chromium": _version([CHROME, "--version"]),
        "lighthouse": lh_version,
    }


def write_results(report: str, data: dict[str, Any], folder: Path = RESULTS) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.md").write_text(report, encoding="utf-8")
    (folder / "results.json").write_text(
        json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )


def main() -> int:
    if not (LIGHTHOUSE / "cli" / "index.js").is_file():
        print("Lighthouse is missing: npm ci --prefix tools/bench", file=sys.stderr)
        return 2
    started = time.monotonic()
    machine = machine_info()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        print(f"Build times, best of {ROUNDS} (full tools.build vs plain Material baseline):", flush=True)
        try:
            times, site, archive = measure_builds(ROOT, work)
        except site_build.BuildError as exc:
            print(exc, file=sys.stderr)
            return 1
        zip_size = archive.stat().st_size
        pages = pages_to_audit(site)
        print(f"Lighthouse {machine['lighthouse']} on {len(pages)} pages:", flush=True)
        # Full reports stay for diagnosis (benchmarks/lighthouse/ is git-ignored).
        reports = RESULTS / "lighthouse"
        shutil.rmtree(reports, ignore_errors=True)
        reports.mkdir(parents=True)
        results, skipped = audit_pages(site, pages, reports)
    report = format_report(results, zip_size, times, machine, skipped=skipped)
    misses = all_misses(results, zip_size, times, skipped=skipped)
    runtime = time.monotonic() - started
    report += f"\nTotal bench runtime: {runtime / 60:.1f} min.\n"
    data = {
        "machine": machine,
        "budgets": asdict(BUDGETS),
        # The 15 largest requests per page are enough to see what a first view is made of.
        "pages": [{**asdict(r), "requests": r.requests[:15]} for r in results],
        "skipped": skipped,
        "zip_bytes": zip_size,
        "build": {
            **asdict(times),
            "ratio": round(times.ratio, 3),
            "mkdocs_ratio": round(times.mkdocs_ratio, 3),
            "required_ratio": None if times.required_ratio is None else round(times.required_ratio, 3),
        },
        "misses": misses,
        "runtime_seconds": round(runtime, 1),
    }
    write_results(report, data)
    print()
    print(report)
    print(f"Wrote {(RESULTS / 'results.md').relative_to(ROOT)} and results.json.")
    if misses:
        print(f"{len(misses)} budget(s) missed.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
