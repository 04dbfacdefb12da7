"""The Zensical trial's black-box checks (tools/zensical_trial.py), on a tiny hand-made site:
each one says works on what our build writes, and missing or differs, with the reason, when
a piece is absent or different. No network, no build, no browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools import zensical_trial as trial

PAGES = ["index.md", "h1/nps.md", "voortgang.md"]
JS = "assets/javascripts"


def page(body: str, depth: int = 0, head: str = "") -> str:
    up = "../" * depth
    return (
        f'<!doctype html><html lang="nl"><head><link rel="stylesheet" href="{up}assets/main.css">'
        f'<link rel="canonical" href="/x.html">{head}</head><body>'
        f'<script src="{up}{JS}/lazy.min.js" defer></script>'
        f"<article class='md-content__inner'>{body}</article></body></html>"
    )


QUIZ = '<div class="ss-quiz"><div data-question="nps-wat">?</div><div data-question="nps-hoe">?</div></div>'
NPS = (
    '<h2 id="nps">Net Promoter Score</h2><p>De <abbr title="Net Promoter Score">NPS</abbr> meet.</p>'
    '<figure class="ss-diagram"><svg viewBox="0 0 1 1"></svg></figure>'
    '<div class="ss-exercise"><form></form></div>' + QUIZ
)


def write(site: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def good_site(site: Path) -> None:
    index = {
        "config": {},
        "docs": [
            {
                "location": "h1/nps.html#nps",
                "title": "Net Promoter Score",
                "text": "<p>De NPS meet.</p>",
                "tags": ["promotors"],
            },
        ],
    }
    write(
        site,
        {
            "index.html": page(
                '<p><a href="h1/nps.html#nps">NPS</a> <a href="https://example.org/">bron</a></p>'
            ),
            "h1/nps.html": page(NPS, 1),
            "voortgang.html": page('<div class="ss-study" data-study="voortgang"></div>'),
            "404.html": page(
                '<h1 id="niet-gevonden">Pagina niet gevonden</h1><ul><li><a href="/">x</a></li></ul>'
            ),
            "afdrukken.html": page("<h1>Alles</h1>"),
            "assets/main.css": "body{background:url(img/x.svg)}",
            "c/nps.html": '<meta http-equiv="refresh" content="0; url=../h1/nps.html#nps">',
            "flashcards/kaarten.csv": "id;term\nsales-nps;NPS\n",
            "flashcards/kaarten-anki.txt": "sales-nps\tNPS\n",
            "search/search_index.json": json.dumps(index),
            f"{JS}/study-data.js": "window.StudyData={};\n",
            **{f"{JS}/{name}": "x" for files in trial.WIDGET_FILES.values() for name in files},
            f"{JS}/lazy.min.js": "x",
        },
    )


EXPECTED = trial.Expected(
    pages=PAGES,
    published={"nps-wat", "nps-hoe"},
    study_pages={"voortgang": "voortgang.md"},
    short_links={"nps": "h1/nps.html#nps"},
    flashcard_files=("flashcards/kaarten.csv", "flashcards/kaarten-anki.txt"),
    card_ids=("sales-nps",),
    search_terms={"h1/nps.html#nps": ["NPS", "promotor", "net promoter"]},
    print_page="afdrukken.html",
    own_host="",
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    good_site(tmp_path)
    return tmp_path


def results(site: Path) -> dict[str, trial.Result]:
    return {r.feature: r for r in trial.run_checks(site, EXPECTED)}


def status(site: Path) -> dict[str, str]:
    return {feature: r.status for feature, r in results(site).items()}


def only(site: Path, word: str) -> trial.Result:
    (found,) = [r for feature, r in results(site).items() if word in feature]
    return found


def test_every_check_says_works_on_a_site_as_our_build_writes_it(site: Path) -> None:
    assert set(status(site).values()) == {trial.WORKS}, results(site)
    assert len(results(site)) == 13  # one per feature


def test_an_unwritten_page_and_an_empty_site(site: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    (site / "voortgang.html").unlink()
    result = only(site, "nav page")
    assert (result.status, result.reason) == (
        trial.DIFFERS,
        "1 not written, 0 without an <article> (first: voortgang.md)",
    )
    empty = tmp_path_factory.mktemp("empty")
    assert set(status(empty).values()) == {trial.MISSING}


def test_tooltips_diagrams_and_calculators_missing_or_broken(site: Path) -> None:
    html = (site / "h1/nps.html").read_text(encoding="utf-8")
    broken = html.replace('<abbr title="Net Promoter Score">NPS</abbr>', "NPS").replace("<svg", "<img")
    broken = broken.replace("<form></form>", "")
    (site / "h1/nps.html").write_text(broken, encoding="utf-8")
    assert only(site, "Tooltips").status == trial.MISSING
    assert only(site, "Diagrams").reason == "1 of 1 diagrams have no <svg>"
    assert only(site, "Calculators").reason == "1 calculators, 1 without a form"


def test_quiz_ids_must_be_the_published_ones(site: Path) -> None:
    path = site / "h1/nps.html"
    path.write_text(path.read_text(encoding="utf-8").replace("nps-hoe", "nps-wat"), encoding="utf-8")
    result = only(site, "Quizzes")
    assert result.status == trial.DIFFERS
    assert result.reason == "1 ids twice ('nps-wat'); 1 published ids on no page ('nps-hoe')"
    path.write_text(page(NPS.replace(QUIZ, ""), 1), encoding="utf-8")
    assert only(site, "Quizzes").status == trial.MISSING


def test_study_pages_need_their_data_and_scripts(site: Path) -> None:
    (site / JS / "study-data.js").write_text("var x = 1;", encoding="utf-8")
    (site / JS / "study.min.js").unlink()
    result = only(site, "Study")
    assert result.status == trial.DIFFERS
    assert "does not define window.StudyData" in result.reason and "study.min.js" in result.reason


def test_a_short_link_to_a_missing_section(site: Path) -> None:
    (site / "c/nps.html").write_text(
        '<meta http-equiv="refresh" content="0; url=../h1/nps.html#weg">', encoding="utf-8"
    )
    assert only(site, "Short links").reason == "1 of 1 written, 1 pointing nowhere (c/nps.html)"
    (site / "c/nps.html").unlink()
    assert only(site, "Short links").status == trial.MISSING


def test_flashcards_need_every_card(site: Path) -> None:
    (site / "flashcards/kaarten-anki.txt").write_text("iets anders\n", encoding="utf-8")
    (site / "flashcards/kaarten.csv").write_text("id;term\n", encoding="utf-8")
    assert only(site, "Flashcards").reason == "1 cards missing (first sales-nps)"


def test_search_words_shown_as_text_or_absent_differ(site: Path) -> None:
    """Zensical's own index (search.json, `items`): the register's words still in the text."""
    (site / "search/search_index.json").unlink()
    entry = {
        "location": "h1/nps.html#nps",
        "title": "Net Promoter Score",
        "text": "<p>De <strong>NPS</strong> meet.</p><p>Zoektermen: promotors</p>",
    }
    (site / "search.json").write_text(json.dumps({"items": [entry]}), encoding="utf-8")
    result = only(site, "Search")
    assert (result.status, result.reason) == (
        trial.DIFFERS,
        "search.json: 1 entry shows the words as text in the result preview",
    )
    entry["text"] = "<p>Iets anders.</p>"
    entry["title"] = "Anders"
    (site / "search.json").write_text(json.dumps({"items": [entry]}), encoding="utf-8")
    assert only(site, "Search").status == trial.MISSING
    (site / "search.json").unlink()
    assert only(site, "Search").status == trial.MISSING


def test_print_page_and_overrides(site: Path) -> None:
    (site / "afdrukken.html").unlink()
    assert only(site, "Print").reason == "afdrukken.html not written"
    (site / "404.html").write_text(page('<h1 id="niet-gevonden">Weg</h1><ul></ul>'), encoding="utf-8")
    path = site / "index.html"
    path.write_text(path.read_text(encoding="utf-8").replace("lazy.min.js", "other.js"), encoding="utf-8")
    assert only(site, "Theme overrides").reason == (
        "lazy.min.js on 2 of 3 pages; 404.html lists no links (its nav loop finds no sections)"
    )


def test_offline_references_must_be_relative_files(site: Path) -> None:
    path = site / "index.html"
    html = path.read_text(encoding="utf-8")
    path.write_text(html.replace('href="h1/nps.html#nps"', 'href="/h1/nps.html"'), encoding="utf-8")
    result = only(site, "Offline")
    assert result.status == trial.DIFFERS and "first: /h1/nps.html on index.html" in result.reason
    path.write_text(html.replace('href="h1/nps.html#nps"', 'href="h1/"'), encoding="utf-8")
    assert "first: h1/ on index.html" in only(site, "Offline").reason
    # The PDF, EPUB and zip come from tools/build.py, not from the generator.
    path.write_text(html.replace('href="h1/nps.html#nps"', 'href="downloads/x.pdf"'), encoding="utf-8")
    assert only(site, "Offline").status == trial.WORKS


@pytest.mark.parametrize(
    ("where", "text"),
    [
        ("index.html", page("", head='<script src="https://cdn.example.org/x.js"></script>')),
        ("index.html", page("", head='<link rel="stylesheet" href="//fonts.example.org/a.css">')),
        ("index.html", page('<img srcset="a.png 1x, https://img.example.org/b.png 2x">')),
        ("assets/main.css", '@import "https://fonts.example.org/css";'),
        ("assets/main.css", "a{background:url('http://example.org/x.png')}"),
    ],
)
def test_a_request_to_another_host_is_found(site: Path, where: str, text: str) -> None:
    (site / where).write_text(text, encoding="utf-8")
    result = only(site, "another host")
    assert result.status == trial.DIFFERS and "example.org" in result.reason


def test_links_a_reader_follows_and_the_own_host_are_no_outside_requests() -> None:
    assert trial.external("https://example.org/x.js")
    assert trial.external("//example.org/x.js")
    assert not trial.external("https://sales.example.nl/x.js", own_host="sales.example.nl")
    assert not trial.external("../assets/x.js")
    assert not trial.external("data:image/png;base64,AAA")


def test_last_line_names_the_error_of_a_traceback() -> None:
    text = "Traceback (most recent call last):\n  File \"x\", line 1\nKeyError: 'config_file_path'\n  more\n"
    assert trial.last_line(text) == "KeyError: 'config_file_path'"
    assert trial.last_line("line one\nline two\n") == "line two"
    assert trial.last_line("") == "(no output)"


def test_the_report_has_version_date_times_and_one_row_per_feature() -> None:
    results = [trial.Result("Print page", trial.MISSING, "a | b"), trial.Result("Quizzes", trial.WORKS, "ok")]
    text = trial.report(results, "0.0.73", "2026-12-05", {"zensical build": 3.44})
    assert "Zensical 0.0.73, 2026-12-05" in text and "zensical build 3.4 s" in text
    assert "| Print page | missing | a / b |" in text and "| Quizzes | works | ok |" in text


def test_a_folder_without_mkdocs_yml_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert trial.main(["--course", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "has no mkdocs.yml" in err


def test_the_macros_read_course_page_and_nav_from_either_generator(tmp_path: Path) -> None:
    """MkDocs gives the config file's path, a page's File and the nav as written; Zensical
    gives the config's folder (root_dir), page.path and a nav of its own records."""
    from types import SimpleNamespace

    import macros

    assert macros.course_folder({"config_file_path": str(tmp_path / "mkdocs.yml")}) == tmp_path
    assert macros.course_folder({"root_dir": str(tmp_path)}) == tmp_path
    assert macros.page_path(SimpleNamespace(file=SimpleNamespace(src_uri="h1/nps.md"))) == "h1/nps.md"
    assert macros.page_path(SimpleNamespace(path="h1/nps.md", url="h1/nps.html")) == "h1/nps.md"
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nnav:\n  - Home: index.md\n", encoding="utf-8")
    zensical_nav = [{"title": "Home", "url": "index.md", "children": []}]
    assert macros.written_nav({"root_dir": str(tmp_path), "nav": zensical_nav}, tmp_path) == [
        {"Home": "index.md"}
    ]
    written = [{"Home": "index.md"}]
    assert macros.written_nav({"config_file_path": "x/mkdocs.yml", "nav": written}, tmp_path) is written
