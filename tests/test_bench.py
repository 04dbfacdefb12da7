"""tools/bench.py without Lighthouse: budgets, the report, report parsing,
the baseline config and the GitHub-Pages-like gzip server. Fast, no browser."""

from __future__ import annotations

import gzip
import http.client
import time
from pathlib import Path

import pytest
import yaml

from tools import bench
from tools.bench import Budgets, BuildTimes, PageResult

PERFECT = {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100}


def page(name: str, first_view: int = 60 * 1024, **scores: int) -> PageResult:
    merged = {**PERFECT, **{k.replace("_", "-"): v for k, v in scores.items()}}
    return PageResult(page=name, scores=dict(merged), first_view=first_view)


def times(full: float = 3.0, baseline: float = 2.5) -> BuildTimes:
    return BuildTimes(full_build=full, full_mkdocs=full - 0.5, baseline_mkdocs=baseline, rounds=3)


# -- budgets --------------------------------------------------------------------


def test_a_page_within_every_budget_has_no_misses() -> None:
    assert bench.page_misses(page("h1/klant.html", performance=98)) == []


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ({"performance": 97}, "performance 97 < 98"),
        ({"accessibility": 99}, "accessibility 99 < 100"),
        ({"best_practices": 96}, "best-practices 96 < 100"),
        ({"seo": 92}, "SEO 92 < 100"),
    ],
)
def test_each_score_budget_is_named(scores: dict[str, int], expected: str) -> None:
    misses = bench.page_misses(page("index.html", **scores))
    assert len(misses) == 1
    assert misses[0].startswith(f"index.html: {expected}")


def test_failing_audits_are_named_in_the_miss() -> None:
    result = page("index.html", seo=92)
    result.failing["seo"] = ["meta-description: Document does not have a meta description"]
    assert "meta-description" in bench.page_misses(result)[0]


def test_first_view_budget_applies_to_chapter_pages_only() -> None:
    heavy = 76 * 1024
    assert bench.page_misses(page("h2/targets.html", first_view=75 * 1024)) == []
    assert bench.page_misses(page("h2/targets.html", first_view=heavy)) == [
        "h2/targets.html: first view 76.0 KB gz > 75.0 KB"
    ]
    assert bench.page_misses(page("h1/index.html", first_view=heavy))
    for other in ("index.html", "begrippen.html", "afdrukken.html"):
        assert bench.page_misses(page(other, first_view=heavy)) == []


def test_a_failed_lighthouse_run_is_a_miss() -> None:
    misses = bench.page_misses(PageResult(page="index.html", error="timeout after 180 s"))
    assert misses == ["index.html: Lighthouse failed (timeout after 180 s)"]


def test_zip_and_build_ratio_budgets() -> None:
    budgets = Budgets()
    assert bench.all_misses([], 400 * 1024, times(3.0, 2.0), budgets) == []
    misses = bench.all_misses([], 400 * 1024 + 1, times(3.1, 2.0), budgets)
    assert misses[0] == "zip: 400.0 KB > 400.0 KB"
    assert misses[1].startswith("build ratio: 1.55 > 1.5")


def test_only_the_print_page_may_be_skipped_for_time() -> None:
    misses = bench.all_misses([], 1, None, skipped=["afdrukken.html", "offline.html"])
    assert misses == ["offline.html: not audited (time limit)"]


def test_better_keeps_the_higher_performance_run() -> None:
    low, high = page("index.html", performance=95), page("index.html", performance=99)
    assert bench.better(low, high) is high
    assert bench.better(high, low) is high
    failed = PageResult(page="index.html", error="exit 1")
    assert bench.better(failed, low) is low
    assert bench.better(low, failed) is low


# -- report ---------------------------------------------------------------------


def test_page_row_marks_misses() -> None:
    assert bench.page_row(page("index.html", first_view=80 * 1024)) == (
        "| `index.html` | 100 | 100 | 100 | 100 | 80.0 |"
    )
    row = bench.page_row(page("h1/nps.html", first_view=80 * 1024, performance=90))
    assert row == "| `h1/nps.html` | 90 ✗ | 100 | 100 | 100 | 80.0 ✗ |"


def test_page_row_names_repeated_runs() -> None:
    result = page("h1/nps.html", performance=99)
    result.runs, result.perf_runs = 2, [95, 99]
    assert bench.page_row(result).startswith("| `h1/nps.html` (best of 2 runs: perf 95/99) | 99 |")


def test_report_has_table_sizes_times_and_misses() -> None:
    pages = [page("index.html"), page("h1/klant.html", performance=97)]
    machine = {"date": "2026-11-26 12:00 UTC", "nproc": "2", "lighthouse": "12.2.3"}
    report = bench.format_report(pages, 300 * 1024, times(3.0, 2.5), machine)
    assert "| page | perf | a11y | best-practices | SEO | first view (kB gz) |" in report
    assert "|---|---:|---:|---:|---:|---:|" in report
    assert "| `h1/klant.html` | 97 ✗ |" in report
    assert "- Offline zip: 307200 bytes = 300.0 KB\n" in report
    assert "Build ratio (tools.build / baseline mkdocs build): 1.20 " in report
    assert "nproc 2" in report and "2026-11-26" in report
    assert report.rstrip().endswith("- h1/klant.html: performance 97 < 98")


def test_report_without_misses_says_so() -> None:
    report = bench.format_report([page("index.html")], 1000, times(), {})
    assert report.rstrip().endswith("None: every budget is met.")


# -- Lighthouse report parsing -----------------------------------------------------


def lighthouse_json() -> dict[str, object]:
    def category(score: float, refs: list[tuple[str, int]]) -> dict[str, object]:
        return {"score": score, "auditRefs": [{"id": i, "weight": w} for i, w in refs]}

    return {
        "categories": {
            "performance": category(0.97, [("total-blocking-time", 30), ("speed-index", 10)]),
            "accessibility": category(0.96, [("aria-prohibited-attr", 7), ("color-contrast", 7)]),
            "best-practices": category(1, [("errors-in-console", 1)]),
            "seo": category(0.92, [("meta-description", 1), ("robots-txt", 0)]),
        },
        "audits": {
            "total-blocking-time": {"title": "Total Blocking Time", "score": 0.8, "displayValue": "250 ms"},
            "speed-index": {"title": "Speed Index", "score": 1, "displayValue": "1.0 s"},
            "aria-prohibited-attr": {"title": "Elements use prohibited ARIA attributes", "score": 0},
            "color-contrast": {"title": "Contrast", "score": 1},
            "errors-in-console": {"title": "No errors", "score": 1},
            "meta-description": {"title": "No meta description", "score": 0},
            "robots-txt": {"title": "robots.txt", "score": None},
            "layout-shifts": {"score": None, "scoreDisplayMode": "error"},
            "total-byte-weight": {"numericValue": 70123.4},
            "network-requests": {
                "details": {
                    "items": [
                        {"url": "http://127.0.0.1:1/h1/nps.html", "transferSize": 9000},
                        {"url": "http://127.0.0.1:1/assets/b.js", "transferSize": 35000},
                        {"url": "data:image/svg+xml,<svg/>", "transferSize": 0},
                    ]
                }
            },
        },
    }


def test_parse_report_scores_failing_audits_and_bytes() -> None:
    result = bench.parse_report("h1/nps.html", lighthouse_json())
    assert result.scores == {"performance": 97, "accessibility": 96, "best-practices": 100, "seo": 92}
    assert result.perf_runs == [97]
    assert result.audit_errors == ["layout-shifts"]
    assert result.first_view == 70123
    assert result.failing == {
        "performance": ["Total Blocking Time 250 ms"],
        "accessibility": ["aria-prohibited-attr: Elements use prohibited ARIA attributes"],
        "seo": ["meta-description: No meta description"],
    }
    assert result.requests == [("/assets/b.js", 35000), ("/h1/nps.html", 9000)]
    assert bench.breakdown(result, limit=1) == ["- `/assets/b.js`: 34.2 KB", "- 1 smaller requests: 8.8 KB"]


def test_parse_report_runtime_error() -> None:
    result = bench.parse_report("index.html", {"runtimeError": {"code": "NO_FCP"}})
    assert result.error == "NO_FCP"
    assert bench.page_misses(result) == ["index.html: Lighthouse failed (NO_FCP)"]


# -- pages and baseline config -------------------------------------------------------


def test_pages_to_audit_skips_404_and_redirect_stubs_and_puts_print_page_last(tmp_path: Path) -> None:
    for name in ("index.html", "404.html", "afdrukken.html", "c/nps.html", "h1/nps.html", "zz.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<html></html>", encoding="utf-8")
    assert bench.pages_to_audit(tmp_path) == ["h1/nps.html", "index.html", "zz.html", "afdrukken.html"]


CONFIG = """
site_name: Test
site_url: !ENV [BENCH_TEST_UNSET_VARIABLE, ""]
strict: true
use_directory_urls: false
theme:
  name: material
  custom_dir: overrides
  language: nl
  features: [navigation.sections]
  palette: {scheme: default, primary: indigo}
extra_css: [x.css]
plugins:
  - search:
      lang: nl
  - macros
  - offline
  - print-site
hooks: [macros/hooks.py]
markdown_extensions:
  - toc:
      permalink: true
  - pymdownx.superfences:
      custom_fences:
        - name: diagram
          class: diagram
          format: !!python/name:macros.fence
nav:
  - Home: index.md
"""


def test_baseline_config_is_plain_material_with_search(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    written = bench.write_baseline_config(tmp_path, tmp_path / "baseline.yml")
    text = written.read_text(encoding="utf-8")
    assert "!!python/name:macros.fence" in text
    config = yaml.load(text, Loader=bench._TaggedLoader)
    assert config["plugins"] == [{"search": {"lang": "nl"}}]
    assert config["strict"] is False
    assert config["use_directory_urls"] is False
    assert config["docs_dir"] == str((tmp_path / "docs").resolve())
    assert config["theme"] == {
        "name": "material",
        "language": "nl",
        "features": ["navigation.sections"],
        "palette": {"scheme": "default", "primary": "indigo"},
    }
    assert config["nav"] == [{"Home": "index.md"}]
    assert config["markdown_extensions"][0] == {"toc": {"permalink": True}}
    for absent in ("hooks", "extra_css", "site_url"):
        assert absent not in config


def test_build_ratio_uses_the_whole_tools_build_time() -> None:
    assert times(3.0, 2.0).ratio == pytest.approx(1.5)
    assert times(3.0, 2.0).mkdocs_ratio == pytest.approx(1.25)


# -- GitHub-Pages-like server ------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("served")
    (root / "index.html").write_text("<!doctype html><title>Start</title>" + "x" * 2000, encoding="utf-8")
    (root / "404.html").write_text("<!doctype html><title>Niet gevonden</title>", encoding="utf-8")
    (root / "assets").mkdir()
    (root / "assets" / "style.css").write_text("body { color: black; }\n" * 50, encoding="utf-8")
    (root / "assets" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    return root


def fetch(port: int, path: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": "gzip, deflate"} if gzip_ok else {})
        response = conn.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        conn.close()


def test_server_gzips_text_like_github_pages(served: Path) -> None:
    root = served
    with bench.serve(root) as base:
        port = int(base.rstrip("/").rsplit(":", 1)[1])
        status, headers, body = fetch(port, "/")
        assert status == 200
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert headers["content-encoding"] == "gzip"
        assert headers["cache-control"] == "max-age=600"
        assert headers["vary"] == "Accept-Encoding"
        assert int(headers["content-length"]) == len(body)
        assert gzip.decompress(body) == (root / "index.html").read_bytes()
        assert len(body) < (root / "index.html").stat().st_size

        status, headers, body = fetch(port, "/assets/style.css?v=1")
        assert headers["content-type"] == "text/css; charset=utf-8"
        assert gzip.decompress(body) == (root / "assets" / "style.css").read_bytes()


def test_server_sends_binaries_and_plain_clients_uncompressed(served: Path) -> None:
    root = served
    with bench.serve(root) as base:
        port = int(base.rstrip("/").rsplit(":", 1)[1])
        status, headers, body = fetch(port, "/assets/logo.png")
        assert (status, headers["content-type"]) == (200, "image/png")
        assert "content-encoding" not in headers
        assert body == (root / "assets" / "logo.png").read_bytes()

        status, headers, body = fetch(port, "/index.html", gzip_ok=False)
        assert status == 200 and "content-encoding" not in headers
        assert body == (root / "index.html").read_bytes()


def test_server_404_page_and_no_escape_from_root(served: Path) -> None:
    root = served
    (root.parent / "secret.txt").write_text("geheim", encoding="utf-8")
    with bench.serve(root) as base:
        port = int(base.rstrip("/").rsplit(":", 1)[1])
        for path in ("/robots.txt", "/../secret.txt", "/%2e%2e/secret.txt"):
            status, _, body = fetch(port, path)
            assert status == 404
            assert gzip.decompress(body) == (root / "404.html").read_bytes()


def test_server_stops_itself_after_its_lifetime(served: Path) -> None:
    root = served
    with bench.serve(root, lifetime=0.2) as base:
        port = int(base.rstrip("/").rsplit(":", 1)[1])
        assert fetch(port, "/")[0] == 200
        time.sleep(0.6)
        with pytest.raises(OSError):
            fetch(port, "/")


def test_required_config_keeps_only_the_required_plugins_as_shipped(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        CONFIG.replace("  - offline\n", "  - offline\n  - minify:\n      minify_html: true\n  - redirects\n"),
        encoding="utf-8",
    )
    written = bench.write_required_config(tmp_path)
    assert written.parent == tmp_path  # relative paths resolve as in the real build
    config = yaml.load(written.read_text(encoding="utf-8"), Loader=bench._TaggedLoader)
    assert [bench.plugin_name(p) for p in config["plugins"]] == ["search", "macros", "offline", "print-site"]
    assert "hooks" not in config and config["strict"] is False
    assert config["theme"]["custom_dir"] == "overrides" and config["extra_css"] == ["x.css"]
