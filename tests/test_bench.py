"""tools/bench.py without Lighthouse: the generated lighthouserc, reading lhci's
manifest and reports, the first view, the budgets and the scaled copy."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools import bench
from tools.bench import Budgets, BuildTimes, PageResult, Updates

KIB = 1024
PERFECT = {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100}


def times(original: float = 2.0, scaled: float = 12.0, concepts: float = 9.0) -> BuildTimes:
    return BuildTimes(original=original, scaled=scaled, rounds=3, samples={}, extra_concepts=concepts)


def updates(*shares: float) -> Updates:
    """Edits whose update is `share` of a 100,000-byte first install."""
    return Updates([(f"h1/p{i}.md", round(share * 100_000), 100_000) for i, share in enumerate(shares)])


OK = updates(0.05, 0.1, 0.12, 0.2, 0.3)  # median 12 %


def result(page: str, own: int = 6 * KIB) -> PageResult:
    """A page whose first view is 10 KB of HTML, 60 KB of Material and `own` of the site's."""
    requests = [(f"/{page}", 10 * KIB), ("/assets/javascripts/bundle.js", 60 * KIB), ("/own.js", own)]
    return PageResult(page, dict(PERFECT), sum(size for _, size in requests), requests, own, 60 * KIB)


# -- pages and lighthouserc -------------------------------------------------------


def test_pages_to_audit_skips_404_and_redirect_stubs_and_puts_print_page_last(tmp_path: Path) -> None:
    pages = {
        "index.html": "<!doctype html><title>Home</title>",
        "afdrukken.html": "<title>Alles</title>",
        "h1/klant.html": "<title>Klant</title>",
        "404.html": "<title>Niet gevonden</title>",
        # compacted HTML: attribute quotes may be gone
        "c/nps.html": '<meta http-equiv=refresh content="0; url=../h1/nps.html#nps">',
        "oud.html": '<meta http-equiv="Refresh" content="0; url=index.html">',
    }
    for name, html in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(html, encoding="utf-8")
    assert bench.pages_to_audit(tmp_path) == ["h1/klant.html", "index.html", "afdrukken.html"]


def test_lighthouserc_collects_every_page_with_the_debian_chromium(tmp_path: Path) -> None:
    rc = bench.lighthouserc(tmp_path / "site", ["index.html", "h1/klant.html"], tmp_path / "reports", 3)
    collect = rc["ci"]["collect"]
    assert collect["staticDistDir"] == str(tmp_path / "site")
    assert collect["url"] == ["/index.html", "/h1/klant.html"]
    assert collect["numberOfRuns"] == 3
    assert collect["chromePath"] == bench.CHROME
    for flag in ("--no-sandbox", "--disable-background-networking", "--disable-component-update"):
        assert flag in collect["settings"]["chromeFlags"].split()
    assert rc["ci"]["upload"] == {"target": "filesystem", "outputDir": str(tmp_path / "reports")}


def matching(rc: dict[str, Any], url: str) -> list[dict[str, Any]]:
    # lhci tests new RegExp(pattern) against the URL; these patterns mean the same in Python.
    return [m for m in rc["ci"]["assert"]["assertMatrix"] if re.search(m["matchingUrlPattern"], url)]


def test_every_page_gets_the_score_budgets_the_print_page_all_but_performance(tmp_path: Path) -> None:
    rc = bench.lighthouserc(tmp_path, ["index.html", "h1/afdrukken.html", "afdrukken.html"], tmp_path, 1)
    budgets = {
        "categories:performance": ["error", {"minScore": 0.98}],
        "categories:accessibility": ["error", {"minScore": 1.0}],
        "categories:best-practices": ["error", {"minScore": 1.0}],
        "categories:seo": ["error", {"minScore": 1.0}],
    }
    for url in ("http://localhost:4321/index.html", "http://localhost:4321/h1/afdrukken.html"):
        (only,) = matching(rc, url)
        assert only["assertions"] == budgets
        assert only["aggregationMethod"] == "median"
    (printed,) = matching(rc, "http://localhost:4321/afdrukken.html")
    assert printed["assertions"] == {k: v for k, v in budgets.items() if k != "categories:performance"}


def test_without_a_print_page_there_is_one_assertion_set(tmp_path: Path) -> None:
    rc = bench.lighthouserc(tmp_path, ["index.html"], tmp_path, 1, Budgets(performance=90))
    (only,) = rc["ci"]["assert"]["assertMatrix"]
    assert only["assertions"]["categories:performance"] == ["error", {"minScore": 0.9}]


# -- lhci's manifest and reports --------------------------------------------------


def request(path: str, kind: str, at: float | None, size: int) -> dict[str, Any]:
    return {
        "url": f"http://localhost:4321{path}",
        "resourceType": kind,
        "networkRequestTime": at,
        "transferSize": size,
    }


def report(*items: dict[str, Any], start: int = 5_000_000, ready_ms: float = 300) -> dict[str, Any]:
    """A Lighthouse report as far as the first view reads it: request times are
    ms after `start` (µs), DOMContentLoaded is `ready_ms` after it."""
    return {
        "audits": {
            "network-requests": {
                "details": {"debugData": {"networkStartTimeTs": start}, "items": list(items)}
            },
            "metrics": {"details": {"items": [{"observedDomContentLoadedTs": start + ready_ms * 1000}]}},
        }
    }


def test_first_view_is_html_css_and_js_requested_before_domcontentloaded() -> None:
    lhr = report(
        request("/h1/klant.html", "Document", 2, 9000),
        request("/assets/stylesheets/main.css", "Stylesheet", 40, 24000),
        request("/assets/javascripts/bundle.js", "Script", 70, 36000),
        request("/assets/javascripts/worker.js", "Script", 300, 400),  # at DOMContentLoaded: counts
        request("/assets/javascripts/quiz.js", "Script", 301, 5000),  # after: does not
        request("/search/search_index.json", "XHR", 150, 31000),
        request("/search/search_index.js", "Script", 150, 31000),
        request("/assets/images/favicon.svg", "Image", 80, 500),
        request("/assets/javascripts/never.js", "Script", None, 700),
    )
    assert bench.first_view(lhr) == [
        ("/assets/javascripts/bundle.js", 36000),
        ("/assets/stylesheets/main.css", 24000),
        ("/h1/klant.html", 9000),
        ("/assets/javascripts/worker.js", 400),
    ]


def test_parse_manifest_gives_median_scores_and_the_representative_first_view() -> None:
    base = "http://localhost:4321"
    manifest = [
        {"url": f"{base}/afdrukken.html", "isRepresentativeRun": True, "jsonPath": "p.json",
         "summary": {"performance": 0.61, "accessibility": 1, "best-practices": 1, "seo": 1}},
        {"url": f"{base}/h1/klant.html", "isRepresentativeRun": False, "jsonPath": "k1.json",
         "summary": {"performance": 0.5, "accessibility": 1, "best-practices": 1, "seo": None}},
        {"url": f"{base}/h1/klant.html", "isRepresentativeRun": True, "jsonPath": "k2.json",
         "summary": {"performance": 0.99, "accessibility": 0.97, "best-practices": 1, "seo": None}},
        {"url": f"{base}/h1/klant.html", "isRepresentativeRun": False, "jsonPath": "k3.json",
         "summary": {"performance": 0.97, "accessibility": 0.97, "best-practices": 0.9, "seo": None}},
    ]  # fmt: skip
    reports = {
        "p.json": report(request("/afdrukken.html", "Document", 1, 90_000)),
        "k2.json": report(
            request("/h1/klant.html", "Document", 1, 9000), request("/a.js", "Script", 9, 1000)
        ),
    }
    pages = bench.parse_manifest(
        manifest, load=reports.__getitem__, own=lambda path: 800 if path == "/a.js" else None
    )
    assert [p.page for p in pages] == ["h1/klant.html", "afdrukken.html"]
    klant = pages[0]
    assert klant.scores == {"performance": 97, "accessibility": 97, "best-practices": 100, "seo": None}
    assert (klant.first_view, klant.own, klant.html, klant.theme) == (10_000, 800, 9000, 0)
    assert (pages[1].first_view, pages[1].own) == (90_000, 0)


def test_failed_assertions_are_named_per_page_and_category() -> None:
    failed = [
        {"auditId": "categories", "auditProperty": "performance", "level": "error", "passed": False,
         "actual": 0.96, "expected": 0.98, "url": "http://localhost:4321/h2/targets.html"},
        {"auditId": "categories", "auditProperty": "seo", "level": "error", "passed": False,
         "actual": 0.92, "expected": 1, "url": "http://localhost:4321/h2/targets.html"},
        {"auditId": "categories", "auditProperty": "seo", "level": "warn", "passed": False,
         "actual": 0.5, "expected": 1, "url": "http://localhost:4321/index.html"},
        {"auditId": "categories", "auditProperty": "seo", "level": "error", "passed": True,
         "actual": 1, "expected": 1, "url": "http://localhost:4321/index.html"},
    ]  # fmt: skip
    assert bench.assertion_misses(failed) == {
        "h2/targets.html": {"performance": "96 < 98", "seo": "92 < 100"}
    }


# -- budgets and the report ---------------------------------------------------------


def test_within_every_budget_there_are_no_misses() -> None:
    pages = [result("index.html", 8 * KIB), result("afdrukken.html")]
    assert bench.all_misses(pages, {}, 700 * KIB, times(2.0, 13.0, 15.0), OK) == []


def test_each_missed_budget_is_named() -> None:
    pages = [result("index.html", 8 * KIB + 1), result("afdrukken.html", 9 * KIB)]
    scores = {"h1/klant.html": {"performance": "96 < 98"}}
    misses = bench.all_misses(
        pages, scores, 700 * KIB + 1, times(2.0, 13.1, 15.1), updates(0.1, 0.16, 0.2), lhci_error="exit 1"
    )
    assert misses == [
        "Lighthouse CI: exit 1",
        "h1/klant.html: performance 96 < 98",
        "index.html: the site's own CSS and JS in the first view 8.0 KB gz > 8.0 KB",
        "afdrukken.html: the site's own CSS and JS in the first view 9.0 KB gz > 8.0 KB",
        "zip: 700.0 KB > 700.0 KB",
        "update after a one-page edit: 16.0% of a first install > 15% (median of 3)",
        "build time: 6x the pages takes 6.55x the time > 6.5 (13.10 s / 2.00 s)",
        "build time: 1000 extra concepts take 15.1 s > 15 s",
    ]


def test_the_update_share_is_the_median_over_the_edits() -> None:
    assert OK.share == 0.12
    assert Updates().share == float("inf")  # nothing measured is never within budget


def test_only_the_sites_own_css_and_js_count_as_own(tmp_path: Path) -> None:
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts" / "quiz.js").write_text("", encoding="utf-8")
    (tmp_path / "h1").mkdir()
    (tmp_path / "h1" / "klant.md").write_text("", encoding="utf-8")
    assert bench.is_own("/assets/javascripts/quiz.js", tmp_path)
    assert bench.is_own("/assets/javascripts/quiz.min.js", tmp_path)  # as the minify plugin serves it
    assert not bench.is_own("/assets/javascripts/bundle.a5f9d56c.min.js", tmp_path)  # Material's
    assert not bench.is_own("/h1/klant.md", tmp_path)
    # This site's own scripts and stylesheets are in overrides/ and docs/; Material's bundle is not.
    assert bench.is_own("/assets/stylesheets/extra.min.css")
    assert bench.is_own("/assets/javascripts/a11y.min.js")


def test_own_sizes_are_the_gzipped_files(tmp_path: Path) -> None:
    site, docs = tmp_path / "site", tmp_path / "docs"
    for folder in (site, docs):
        (folder / "assets").mkdir(parents=True)
        (folder / "assets" / "x.js").write_text("var a = 1;\n" * 200, encoding="utf-8")
    size = bench.own_sizes(site, docs)
    assert size("/assets/x.js") == bench.precache.transfer(site, ["assets/x.js"]) < 2400
    assert size("/assets/bundle.js") is None


def test_report_has_one_table_with_the_misses_marked() -> None:
    pages = [result("h1/klant.html", 9 * KIB), result("afdrukken.html")]
    pages[0].scores["performance"] = 96
    pages[1].scores["performance"] = 60
    scores = {"h1/klant.html": {"performance": "96 < 98"}}
    misses = bench.all_misses(pages, scores, 300 * KIB, times(), OK)
    text = bench.format_report(pages, misses, scores, 300 * KIB, times(), OK, 3, {"date": "today"})
    assert "| `h1/klant.html` | 96 ✗ | 100 | 100 | 100 | 9.0 ✗ | 60.0 | 10.0 |" in text
    assert "| `afdrukken.html` | 60 (not budgeted) | 100 | 100 | 100 | 6.0 | 60.0 | 10.0 |" in text
    assert text.count("| page |") == 1
    assert "- h1/klant.html: the site's own CSS and JS in the first view 9.0 KB gz > 8.0 KB" in text
    assert "ratio 6.00" in text and "median 12.0% of a first install" in text


# -- the scaled copy ----------------------------------------------------------------

NAV: list[Any] = [
    {"Home": "index.md"},
    {"1 De klant": ["h1/index.md", {"1.1 Klant": "h1/klant.md"}, {"Meer": [{"1.2 NPS": "h1/nps.md"}]}]},
    {"Gemengd": ["h2/a.md", "b.md"]},
    {"Begrippen": "begrippen.md"},
]


def test_scaled_nav_follows_each_chapter_with_its_copies() -> None:
    nav, copies = bench.scaled_nav(NAV, 3)
    assert copies == [("h1", "h1-2"), ("h1", "h1-3")]
    assert [next(iter(entry)) for entry in nav] == [
        "Home", "1 De klant", "1 De klant (kopie 2)", "1 De klant (kopie 3)", "Gemengd", "Begrippen",
    ]  # fmt: skip
    assert nav[3] == {
        "1 De klant (kopie 3)": [
            "h1-3/index.md",
            {"1.1 Klant": "h1-3/klant.md"},
            {"Meer": [{"1.2 NPS": "h1-3/nps.md"}]},
        ]
    }
    assert nav[1] == NAV[1]
    assert len(bench.nav_pages(nav)) == 1 + 3 * 3 + 2 + 1


def test_scaled_quizzes_give_each_copy_its_questions_with_unique_ids() -> None:
    quizzes = {"h1/klant.md": [{"id": "klant-a", "type": "open"}], "index.md": [{"id": "home-a"}]}
    out = bench.scaled_quizzes(quizzes, [("h1", "h1-2"), ("h1", "h1-3")])
    assert out["h1-3/klant.md"] == [{"id": "klant-a-3", "type": "open"}]
    assert set(out) == {"h1/klant.md", "h1-2/klant.md", "h1-3/klant.md", "index.md"}
    assert quizzes["h1/klant.md"] == [{"id": "klant-a", "type": "open"}]


@pytest.mark.build
def test_the_scaled_copy_of_this_project_builds_strict(tmp_path: Path) -> None:
    copy = bench.project_copy(bench.ROOT, tmp_path / "x2", 2)
    config = yaml.safe_load((copy / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["INHERIT"] == "mkdocs.base.yml"
    chapters = [
        f for f in (bench.ROOT / "docs").iterdir() if f.is_dir() and (copy / "docs" / f"{f.name}-2").is_dir()
    ]
    assert {f.name for f in chapters} >= {"h1", "h2"}
    pages = bench.nav_pages(config["nav"])
    assert len(pages) == len(set(pages))
    for folder in chapters:
        assert sum(p.startswith(f"{folder.name}/") for p in pages) == sum(
            p.startswith(f"{folder.name}-2/") for p in pages
        )
    ids = [
        q["id"] for qs in yaml.safe_load((copy / "data/quizzes.yml").read_text("utf-8")).values() for q in qs
    ]
    assert len(ids) == len(set(ids))
    # tools.build runs mkdocs build --strict: a warning fails it.
    (tmp_path / "out").mkdir()
    # The pages are what is checked (the bench times the whole build, print page and PDF included).
    with bench.environment(SS_PAPER="0", SS_PRINT_PAGE="false"):
        archive = bench.site_build.build(copy, tmp_path / "out" / "site", tmp_path / "out" / "dist")
    assert (tmp_path / "out" / "site" / "h2-2" / "index.html").is_file()
    assert archive.is_file()
