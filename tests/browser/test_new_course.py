"""A second course, not Sales: `make new-course` writes it, the engine builds it, and the
generic black-box checks hold on its output (glossary, tooltips, quizzes with stable ids,
study pages in their own storage namespace, short links, the print page, the zip on
file://). None of its output names the Sales course: the engine knows no course."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect
from selectolax.lexbor import LexborHTMLParser

from macros.concepts import load_concepts
from macros.quiz import load_quizzes
from tools import new_course
from tools.build import build

from .conftest import quiz_ready

NAME = "Celbiologie"
SLUG = "biologie-klas-4"  # the course folder's name gives the storage namespace and file names
# What the Sales course is called and keeps its students' work under: never in another course.
SALES_WORDS = re.compile(r"sales|hanzeboon|schoonspoor|klantgerichtheid|waardeketen", re.IGNORECASE)


@dataclass(frozen=True)
class Course:
    root: Path
    site: Path
    zip: Path
    offline: Path


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    root = tmp_path_factory.mktemp("courses") / SLUG
    new_course.write(root, NAME)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SS_PAPER", "0")
        archive = build(root)
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(root / "unzipped")
    return Course(root, root / "site", archive, root / "unzipped" / SLUG)


def html(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def test_the_course_is_made_of_its_own_files(course: Course) -> None:
    settings = yaml.safe_load((course.root / "data/course.yml").read_text(encoding="utf-8"))
    assert (settings["storage"], settings["files"]) == (SLUG, SLUG)
    config = (course.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:" not in config
    assert not (course.root / "macros").exists(), "the engine is not copied into the course"


def test_glossary_and_tooltips(course: Course) -> None:
    concepts = load_concepts(course.root / "data/concepts.yml")
    glossary = html(course.site / "begrippen.html")
    for concept in concepts.values():
        entry = glossary.css_first(f"#{concept.id}") or glossary.css_first(f"[id='{concept.id}']")
        assert entry is not None, f"the glossary has no entry for {concept.id}"
        assert concept.term in glossary.body.text() if glossary.body else False
    titles = [
        abbr.attrs.get("title") or ""
        for page in ("h1/bouw.html", "h1/energie.html")
        for abbr in html(course.site / page).css("article abbr[title]")
    ]
    assert any(t.startswith("Celmembraan: ") for t in titles), titles
    assert any(t.startswith("Fotosynthese: ") for t in titles), titles


def test_quizzes_carry_the_ids_of_the_data_and_the_courses_storage(course: Course) -> None:
    quizzes = load_quizzes(course.root / "data/quizzes.yml")
    for page, questions in quizzes.items():
        tree = html(course.site / page.replace(".md", ".html"))
        box = tree.css_first(".ss-quiz")
        assert box is not None and box.attrs.get("data-store") == SLUG
        assert box.attrs.get("data-progress") == "voortgang.html"
        shown = [n.attrs.get("data-question") for n in tree.css(".ss-quiz [data-question]")]
        assert shown == [q.id for q in questions]


def test_study_pages_and_their_data(course: Course) -> None:
    for view in ("voortgang", "herhalen", "toets"):
        box = html(course.site / f"{view}.html").css_first(f".ss-study[data-study={view}]")
        assert box is not None and box.attrs.get("data-store") == SLUG
    script = (course.site / "assets/javascripts/study-data.js").read_text(encoding="utf-8")
    data = json.loads(script.removeprefix("window.StudyData=").rstrip().rstrip(";"))
    assert data["views"] == {
        "voortgang": "voortgang.html",
        "herhalen": "herhalen.html",
        "toets": "toets.html",
    }
    assert data["files"] == SLUG
    assert {q["id"] for q in data["questions"]} == {
        "cel-membraan-taak",
        "cel-kern-inhoud",
        "cel-fotosynthese-product",
        "cel-energie-uitleg",
    }
    assert {c["id"] for c in data["concepts"]} == {
        "cel",
        "celmembraan",
        "celkern",
        "fotosynthese",
        "mitochondrion",
    }


def test_short_links_print_page_flashcards_and_zip(course: Course) -> None:
    short = (course.site / "c/mitochondrion.html").read_text(encoding="utf-8")
    assert 'url=../h1/energie.html#mitochondrion"' in short
    printed = html(course.site / "afdrukken.html")
    assert printed.css_first("#print-site-page") is not None
    assert "Het mitochondrion" in (printed.body.text() if printed.body else "")
    assert (course.site / f"flashcards/{SLUG}-begrippen.csv").is_file()
    with zipfile.ZipFile(course.zip) as zf:
        names = zf.namelist()
    assert f"{SLUG}/index.html" in names and f"{SLUG}/h1/bouw.html" in names
    assert not [n for n in names if n.startswith(f"{SLUG}/c/")], "short links are for the online site"


def test_the_app_is_named_after_the_course(course: Course) -> None:
    """The manifest is made from the course (site_name, short_name, app_description)."""
    manifest = json.loads((course.site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert (manifest["name"], manifest["short_name"]) == (NAME, NAME)
    assert NAME in manifest["description"] and manifest["start_url"] == "./index.html"


def test_no_output_names_the_sales_course(course: Course) -> None:
    found = []
    for folder in (course.site, course.offline):
        for path in folder.rglob("*"):
            if path.suffix in {".html", ".js", ".css", ".json", ".txt", ".csv", ".xml", ".webmanifest"}:
                match = SALES_WORDS.search(path.read_text(encoding="utf-8", errors="replace"))
                if match:
                    found.append(f"{path.relative_to(course.root)}: {match.group(0)}")
    assert found == []


def test_an_answer_on_file_is_kept_under_the_courses_namespace(course: Course, page: Page) -> None:
    """The zip on file://: answer a question, then Mijn voortgang counts it, from storage
    that belongs to this course only."""
    page.goto((course.offline / "h1/bouw.html").as_uri())
    quiz_ready(page)
    item = page.locator(".ss-quiz__item--mc").first
    right = item.get_attribute("data-correct")
    item.locator(f'input[value="{right}"]').check()
    item.locator(".ss-quiz__check").focus()
    page.keyboard.press("Enter")
    expect(item.locator(".ss-quiz__feedback")).to_have_text(re.compile(r"^Goed!"))
    keys = [k for k in page.evaluate("() => Object.keys(localStorage)") if ":v1:" in k]  # not Material's
    assert len(keys) == 1 and keys[0] == f"{SLUG}:v1:{course.offline.as_uri()}/", keys
    page.goto((course.offline / "voortgang.html").as_uri())
    expect(page.locator(".ss-study__app")).to_contain_text("1 van 2")
    # One open question in the chapter: "1 vraag", not "1 vragen" (seen in this course first).
    expect(page.locator(".ss-study__open-progress")).to_have_text(
        re.compile(r"nog geen beoordeeld \(1 vraag\)")
    )
