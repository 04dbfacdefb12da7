"""Bad input from an author: one clear message naming the file (and key or
line), a non-zero exit, and the previous site/ and dist/ left untouched.

That a failed build exits non-zero, prints its message and leaves site/ and dist/ as
they were is tools/build.py's staging, the same for every kind of bad input: it is
checked by running `python -m tools.build` on a temporary copy of the project, for one
case of each stage where a failure arises (the course's data, loaded when the macros
start; a page's macro; MkDocs' own link checks; the checks on the finished pages). A
data error is refused before any page is built, by the loader the macros call
(macros.load_site); every other data case checks that loader's message in-process,
the very line the build prints (test_bad_data_fails_the_build_with_the_loaders_line)."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tools.build import FAILED

from .conftest import ROOT, Built

COPY = ("docs", "data", "diagrams", "exercises", "macros", "overrides", "tools", "mkdocs.yml")


def copy_parts(dest: Path, names: tuple[str, ...]) -> Path:
    for name in names:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def copy_project(dest: Path) -> Path:
    return copy_parts(dest, COPY)


# What the course's model reads (macros/model.py): enough to load a course in-process.
COURSE = ("docs", "data", "diagrams", "exercises", "mkdocs.yml")


def copy_course(dest: Path) -> Path:
    return copy_parts(dest, COURSE)


OUTPUTS = ("site", "dist")


def previous_build(project: Path) -> dict[str, str]:
    """A previous good build in `project` that a failed build must leave alone; its digests."""
    for name in OUTPUTS:
        folder = project / name
        folder.mkdir(exist_ok=True)
        (folder / "previous.txt").write_text("last good build\n", encoding="utf-8")
    return {name: tree_digest(project / name) for name in OUTPUTS}


def prints_exactly(output: str, lines: list[str]) -> None:
    """A failed build printed `lines` (what the in-process step gives) and its closing line,
    nothing else."""
    assert output.strip().splitlines() == [*lines, FAILED], output


def load_error(project: Path) -> str:
    """The line a build of `project` prints when its data is wrong: MkDocs starts the
    macros (define_env), which load the course with macros.load_site before any page is
    built; its PluginError is what MkDocs logs and tools/build.py prints. The build runs
    in the course's folder, so file names in messages are relative to it."""
    from mkdocs.exceptions import PluginError

    from macros import load_site
    from macros.outputs import load_site_info

    config = project / "mkdocs.yml"
    conf = {"config_file_path": str(config), "docs_dir": "docs", "nav": load_site_info(config).nav}
    with contextlib.chdir(project):
        try:
            load_site(conf)
        except PluginError as exc:
            return str(exc)
    raise AssertionError("the course loaded without a data error")


class _Lines(logging.Handler):
    """MkDocs' warnings and errors as its command line prints them ("ERROR - ...")."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} - {record.getMessage()}")


class Pages:
    """A copy of the course with MkDocs' configuration loaded and every plugin's on_config
    run (the macros' define_env loads the course), to read single pages the way a build
    does; the pages' source comes from the caller, the copy is never changed."""

    def __init__(self, project: Path, change: Callable[[Path], None] | None = None) -> None:
        from mkdocs.config import load_config

        copy_course(project)
        if change is not None:  # a change to the course's data, made before it is loaded
            change(project)
        for name in ("overrides", "macros"):  # the theme's custom_dir; mkdocs.yml watches macros/
            (project / name).symlink_to(ROOT / name)
        self.project = project
        with contextlib.chdir(project):
            config = load_config(str(project / "mkdocs.yml"), strict=True)
            self.config = config.plugins.on_config(config)

    def errors(self, page: str, source: str) -> tuple[list[str], str]:
        """What tools/build.py prints when MkDocs reads `page` (a docs path) with `source`:
        MkDocs' own step for a page (_populate_page: on_pre_page, on_page_markdown where the
        macros render it, Markdown to HTML, on_page_content) and its log of a BuildError
        before it aborts, summarized by tools.build.summarize. Returns those lines ([] when
        the page is fine) and the page's HTML ("" on an error)."""
        from mkdocs.commands.build import _populate_page
        from mkdocs.exceptions import BuildError
        from mkdocs.structure.files import File, Files, get_files
        from mkdocs.structure.pages import Page

        from tools.build import summarize

        config = self.config
        file = File.generated(config, page, content=source)
        with contextlib.chdir(self.project):
            files = Files([f for f in get_files(config) if f.src_uri != page] + [file])
        handler = _Lines()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        html = ""
        try:
            with contextlib.chdir(self.project):
                read = Page(None, file, config)
                _populate_page(read, config, files)
                html = read.content or ""
        except BuildError as exc:  # what mkdocs.commands.build.build logs before it aborts
            handler.lines.append(f"ERROR - {exc}")
        except SystemExit:  # mkdocs-macros exits after logging a page's error (on_error_fail)
            pass
        finally:
            logger.removeHandler(handler)
        return summarize("\n".join(handler.lines)), html

    def nav_errors(self, added: dict[str, str] | None = None) -> list[str]:
        """What tools/build.py prints from MkDocs' nav step (get_navigation, with the nav
        checks of mkdocs.yml's `validation:`) for the course's pages plus `added` (docs path
        -> source)."""
        from mkdocs.structure.files import File, Files, get_files
        from mkdocs.structure.nav import get_navigation

        from tools.build import summarize

        config = self.config
        handler = _Lines()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        try:
            with contextlib.chdir(self.project):
                new = [File.generated(config, page, content=text) for page, text in (added or {}).items()]
                get_navigation(Files([*get_files(config), *new]), config)
        finally:
            logger.removeHandler(handler)
        return summarize("\n".join(handler.lines))


def changed_page(tmp_path: Path, page: str, change: Callable[[Path], None]) -> str:
    """The source of `page` (docs/...) after `change`, made on a copy of that page only."""
    (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / page, tmp_path / page)
    change(tmp_path)
    return (tmp_path / page).read_text(encoding="utf-8")


def run_build(project: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    """`python -m tools.build` in a copy of the project (extra_env: e.g. SS_PAPER="0"
    for a build of the site without the PDF and EPUB)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", **extra_env}
    return subprocess.run(
        [sys.executable, "-m", "tools.build"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def edit(path: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        target = project / path
        text = target.read_text(encoding="utf-8")
        assert old in text, f"test setup: {old!r} not in {path}"
        target.write_text(text.replace(old, new, count), encoding="utf-8")

    return apply


def append(path: str, text: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        with (project / path).open("a", encoding="utf-8") as handle:
            handle.write(text)

    return apply


def delete(path: str) -> Callable[[Path], None]:
    return lambda project: (project / path).unlink()


def new_file(path: str, text: str) -> Callable[[Path], None]:
    return lambda project: (project / path).write_text(text, encoding="utf-8") and None


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable[[Path], None]
    expect: tuple[str, ...]  # all must appear in the error output


LADDER = "data/diagrams/ladder.yml"
CHAIN = "data/diagrams/value_chain.yml"
CONCEPTS = "data/concepts.yml"
PAGE = "docs/h1/klant.md"

# Data errors found when the course is loaded (macros.load_site), before any page is built.
DATA_FAILURES = [
    Case("malformed yaml", append(CONCEPTS, "  - id: [open\n"), (CONCEPTS, "line ", "malformed YAML")),
    Case(
        "required key missing",
        edit(LADDER, "  - concept: klantbewustheid\n", "  - term: Klantbewustheid\n"),
        (LADDER, "steps[0].definition", "missing required key"),
    ),
    Case(
        "wrong type",
        edit(CHAIN, "primary:\n", "primary: 5\nold_primary:\n"),
        (CHAIN, "primary", "expected list"),
    ),
    Case(
        "duplicate concept id",
        edit(CONCEPTS, "  - id: loyale-klant\n", "  - id: b2c\n"),
        (CONCEPTS, "duplicate concept id 'b2c'"),
    ),
    Case(
        "diagram data names an unknown concept",
        edit(LADDER, "concept: klantinzicht", "concept: bestaat-niet"),
        (LADDER, "unknown concept id 'bestaat-niet'"),
    ),
]

# A diagram's data gone: the page that shows it names the file to write (found when MkDocs
# reads that page, with the course loaded without the file).
MISSING_DATA = Case(
    "missing data file", delete(LADDER), ("docs/h1/klantgerichtheid.md:", "has no data: write", LADDER)
)

# Found when MkDocs reads the changed page (its macros, its links): checked in-process with
# MkDocs' own step for a page (Pages.errors). test_page_errors builds a copy for a page error
# of each kind and shows that the build prints exactly the lines Pages.errors gives.
PAGE_FAILURES = [
    Case(
        "page names an unknown concept",
        append(PAGE, '\n{{ concept("bestaat-niet").term }}\n'),
        (PAGE, "unknown concept id 'bestaat-niet'"),
    ),
    Case("unknown macro", append(PAGE, '\n{{ dagram("ladder") }}\n'), (PAGE, "'dagram' is undefined")),
    Case(
        "unknown diagram", append(PAGE, '\n{{ diagram("laddder") }}\n'), (PAGE, "unknown diagram 'laddder'")
    ),
    Case(
        "macro argument of the wrong type",
        append(PAGE, "\n{{ diagram(3) }}\n"),
        (PAGE, "diagram name as text"),
    ),
    Case(
        "broken internal link",
        append(PAGE, "\n[kapot](bestaat-niet.md)\n"),
        ("h1/klant.md", "bestaat-niet.md"),
    ),
]

# Found by MkDocs' checks over the whole site (anchors once every page is built, the nav):
# each runs a real build.
FAILURES = [
    Case("broken anchor", append(PAGE, "\n[kapot](nps.md#bestaat-niet)\n"), ("h1/klant.md", "#bestaat-niet")),
    Case(
        "register anchor no longer exists",
        edit(PAGE, "{ #loyale-klant }", "{ #loyaal }"),
        # MkDocs' own link check finds it first (the pages that link the concept's section);
        # without such links the register's check names data/concepts.yml (test_register_outputs).
        (
            "docs/h1/klant.md: no heading or element has the id '#loyale-klant' ",
            "(linked from h1/samenvatting.md, ",
        ),
    ),
]


QUIZZES = "data/quizzes.yml"
FIRST_Q = "  - id: klant-fietsenfabrikant-verkoopt\n"


def write_bytes(path: str, data: bytes) -> Callable[[Path], None]:
    return lambda project: (project / path).write_bytes(data) and None


def latin1(path: str) -> Callable[[Path], None]:
    """The file as a Windows editor might save it: Latin-1, not UTF-8."""

    def apply(project: Path) -> None:
        target = project / path
        target.write_bytes(target.read_text(encoding="utf-8").encode("latin-1", "replace"))

    return apply


# Strict data: every data file has one declared shape (macros/schema.py).
STRICT_DATA = [
    Case(
        "unknown key with a hint",
        edit(CONCEPTS, "    aliases: [loyaliteit,", "    aliasses: [loyaliteit,"),
        (CONCEPTS, ".aliasses", "unknown key (did you mean 'aliases'?)"),
    ),
    Case(
        "unknown top-level key in diagram data",
        edit(LADDER, "title: De klantgerichtheidsladder", "titel: De klantgerichtheidsladder"),
        (LADDER, "titel", "did you mean 'title'?"),
    ),
    Case(
        "second block for one page in quizzes.yml",
        append(
            QUIZZES, "\nh1/klant.md:\n  - id: klant-extra\n    type: open\n    question: X?\n    answer: Y.\n"
        ),
        (QUIZZES, "duplicate key 'h1/klant.md'", "line "),
    ),
    Case(
        "second concepts: key",
        append(CONCEPTS, "concepts:\n  - id: extra\n"),
        (CONCEPTS, "duplicate key 'concepts'"),
    ),
    Case(
        "duplicate key inside one question",
        edit(QUIZZES, FIRST_Q + "    type: mc\n", FIRST_Q + "    type: mc\n    type: open\n"),
        (QUIZZES, "duplicate key 'type'"),
    ),
    Case("register not UTF-8", latin1(CONCEPTS), (CONCEPTS, "not UTF-8")),
    Case("quizzes not UTF-8", latin1(QUIZZES), (QUIZZES, "not UTF-8")),
    Case("data file empty", write_bytes(LADDER, b"# nothing yet\n"), (LADDER, "file is empty")),
    Case(
        "data file is a list",
        write_bytes(LADDER, b"- term: A\n"),
        (LADDER, "expected a mapping, got a list"),
    ),
    Case(
        "question without id",
        edit(QUIZZES, FIRST_Q + "    type: mc\n", "  - type: mc\n"),
        (QUIZZES, "h1/klant.md[0].id", "missing required key"),
    ),
    Case(
        "question id used twice",
        edit(QUIZZES, "  - id: klant-omschrijving-loyale\n", FIRST_Q),
        (QUIZZES, "h1/klant.md[1].id", "'klant-fietsenfabrikant-verkoopt' is already used at h1/klant.md[0]"),
    ),
    Case(
        "question id used on two pages",
        edit(QUIZZES, "  - id: nps-uitspraak-nps\n", FIRST_Q),
        (QUIZZES, "h1/nps.md[3].id", "already used at h1/klant.md[0]"),
    ),
    Case(
        "question id not a slug",
        edit(QUIZZES, FIRST_Q, "  - id: Klant vraag 1\n"),
        (QUIZZES, "h1/klant.md[0].id", "is not a slug"),
    ),
    Case(
        "no option marked correct",
        edit(QUIZZES, "      - correct: B2R\n", "      - B2R\n"),
        (QUIZZES, "h1/klant.md[0].options", "mark exactly one option", "(found 0)"),
    ),
    Case(
        "two options marked correct",
        edit(QUIZZES, "      - B2C\n", "      - correct: B2C\n"),
        (QUIZZES, "h1/klant.md[0].options", "(found 2)"),
    ),
    Case(
        "old-style answer index",
        edit(QUIZZES, FIRST_Q + "    type: mc\n", FIRST_Q + "    type: mc\n    answer: 2\n"),
        (QUIZZES, "h1/klant.md[0].answer", "`- correct: <text>`"),
    ),
    Case(
        "option of the wrong type",
        edit(QUIZZES, "      - B2C\n", "      - 12\n"),
        (QUIZZES, "h1/klant.md[0].options[0]", "expected an option text"),
    ),
    Case(
        "typo in the correct marker",
        edit(QUIZZES, "      - correct: B2R\n", "      - corect: B2R\n"),
        (QUIZZES, "options[2].corect", "did you mean 'correct'?"),
    ),
    Case(
        "two options with the same text",
        edit(QUIZZES, "      - B2C\n", "      - B2B\n"),
        (QUIZZES, "h1/klant.md[0].options", "two options have the same text"),
    ),
    Case(
        "unknown question type",
        edit(QUIZZES, FIRST_Q + "    type: mc\n", FIRST_Q + "    type: meerkeuze\n"),
        (QUIZZES, "h1/klant.md[0].type", "unknown question type 'meerkeuze'"),
    ),
    Case(
        "options not a list",
        edit(QUIZZES, "    options:\n      - B2C\n", "    options: B2C\n    old:\n      - B2C\n"),
        (QUIZZES, "h1/klant.md[0].options", "expected list, got text"),
    ),
    Case(
        "right option gives itself away by its length",
        edit(
            QUIZZES,
            "      - correct: B2R\n",
            "      - correct: B2R, want de koper verkoopt de fietsen door aan consumenten\n",
        ),
        (QUIZZES, "h1/klant.md[0].options", "gives itself away"),
    ),
    Case(
        "open question without a rubric",
        edit(QUIZZES, "    rubric:\n", "    rubriek:\n"),
        (QUIZZES, ".rubriek", "did you mean 'rubric'?"),
    ),
    Case(
        "quiz for a page that does not exist",
        append(
            QUIZZES,
            "\nh1/weg.md:\n  - id: weg-1\n    type: open\n    question: X?\n    answer: Y.\n"
            "    rubric:\n      - point: Z\n        points: 1\n",
        ),
        (QUIZZES, "h1/weg.md", "page does not exist"),
    ),
    Case(
        "concept id not a slug",
        edit(CONCEPTS, "  - id: b2c\n", "  - id: B2C\n"),
        (CONCEPTS, "concepts[", ".id", "is not a slug"),
    ),
    Case(
        "a two-letter word as a tooltip",
        edit(CONCEPTS, "    tooltip: [NPS, Net Promoter Score]\n", "    tooltip: [NPS, de]\n"),
        (CONCEPTS, ".tooltip[1]", "'de' is too short for a tooltip"),
    ),
    Case(
        "an ordinary word as a tooltip",
        edit(CONCEPTS, "    tooltip: [NPS, Net Promoter Score]\n", "    tooltip: [NPS, Klant]\n"),
        (CONCEPTS, ".tooltip[1]", "'Klant' is an ordinary word and gets no tooltip"),
    ),
    Case(
        "two concepts with one abbreviation",
        edit(CONCEPTS, "    abbr: BSC\n", "    abbr: KPI\n"),
        (CONCEPTS, ".abbr", "'KPI' is the abbreviation of both"),
    ),
    Case(
        "empty required list",
        edit(LADDER, "steps:\n", "steps: []\nold_steps:\n"),
        (LADDER, "steps", "needs at least"),
    ),
]

DATA_FAILURES += STRICT_DATA


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.build
@pytest.mark.parametrize("case", FAILURES, ids=lambda c: c.name)
def test_bad_input_fails_clearly_and_keeps_previous_build(tmp_path: Path, case: Case) -> None:
    refused(tmp_path, case)


def refused(tmp_path: Path, case: Case) -> str:
    """Build a copy of the project with `case` applied: it must fail with one clear
    message and leave the previous build alone. Returns what the build printed."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    project = copy_project(tmp_path)
    before = previous_build(project)  # it must survive the failed one
    case.change(project)

    result = run_build(project)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for needle in case.expect:
        assert needle in output, f"{needle!r} not in:\n{output}"
    assert "Traceback" not in output, output
    # One clear message: the problem lines plus the closing "Build failed" line.
    assert len(output.strip().splitlines()) <= 3, output
    assert {f: tree_digest(project / f) for f in OUTPUTS} == before
    assert not list(project.glob(".build-*")), "temporary build folder left behind"
    return output


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Pages:
    return Pages(tmp_path_factory.mktemp("pages") / "course")


@pytest.mark.parametrize("case", PAGE_FAILURES, ids=lambda c: c.name)
def test_bad_page_is_one_line_naming_the_page(pages: Pages, tmp_path: Path, case: Case) -> None:
    errors, _ = pages.errors(PAGE.removeprefix("docs/"), changed_page(tmp_path, PAGE, case.change))
    assert len(errors) == 1, errors
    assert "Traceback" not in errors[0], errors
    for needle in case.expect:
        assert needle in errors[0], f"{needle!r} not in {errors[0]!r}"


def test_page_missing_from_the_navigation(pages: Pages) -> None:
    """MkDocs' nav step names a page the nav leaves out (a warning, so a strict build fails:
    the broken anchor case above builds a copy and shows it)."""
    assert pages.nav_errors() == []
    errors = pages.nav_errors({"h1/los.md": "# Los\n"})
    assert len(errors) == 1 and "h1/los.md" in errors[0] and "nav" in errors[0], errors


def test_the_page_as_written_reads_without_errors(pages: Pages) -> None:
    errors, html = pages.errors(PAGE.removeprefix("docs/"), (ROOT / PAGE).read_text(encoding="utf-8"))
    assert errors == [] and 'id="loyale-klant"' in html, errors


def test_missing_diagram_data_names_the_file_to_write(tmp_path: Path) -> None:
    page = "docs/h1/klantgerichtheid.md"
    course = Pages(tmp_path / "course", MISSING_DATA.change)
    errors, _ = course.errors(page.removeprefix("docs/"), (ROOT / page).read_text(encoding="utf-8"))
    assert len(errors) == 1, errors
    for needle in MISSING_DATA.expect:
        assert needle in errors[0], f"{needle!r} not in {errors[0]!r}"


@pytest.mark.build
def test_bad_data_fails_the_build_with_the_loaders_line(tmp_path: Path) -> None:
    """A data error stops a real build with exactly the line macros.load_site gives (and
    the staging's guarantees); so each data case below checks that line in-process."""
    case = DATA_FAILURES[0]
    output = refused(tmp_path / "build", case)
    course = copy_course(tmp_path / "course")
    case.change(course)
    prints_exactly(output, [load_error(course)])


@pytest.mark.parametrize("case", DATA_FAILURES, ids=lambda c: c.name)
def test_bad_data_is_one_line_naming_file_and_key(tmp_path: Path, case: Case) -> None:
    project = copy_course(tmp_path)
    case.change(project)
    message = load_error(project)
    assert "\n" not in message and "Traceback" not in message, message
    for needle in case.expect:
        assert needle in message, f"{needle!r} not in {message!r}"


NASTY = "R&D <script>alert(\"x\")</script> & 'q'"


class Rendered(HTMLParser):
    """What a browser makes of a page: script element bodies, and the text and
    attribute values a reader sees (entities decoded)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        self.text.extend(value for _, value in attrs if value)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


@pytest.mark.build
def test_unsafe_text_renders_as_text(tmp_path: Path) -> None:
    """Labels and definitions with markup characters are escaped, and Jinja-
    looking text in code is printed as-is; the build succeeds."""
    project = copy_project(tmp_path)
    edit(
        LADDER,
        "  - concept: klantinzicht\n",
        f"  - term: '{NASTY.replace(chr(39), chr(39) * 2)}'\n    concept: klantinzicht\n",
    )(project)
    edit(
        CONCEPTS,
        "    term: Loyale klant\n",
        f"    term: Loyale klant\n    abbr: '{NASTY.replace(chr(39), chr(39) * 2)}'\n",
    )(project)
    append(PAGE, "\n```text\nSjabloon: {{ x }} en {% if y %}\n```\n\nInline: `{{ naam }}`.\n")(project)

    result = run_build(project, SS_PAPER="0")  # no PDF needed here

    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    for name in ("h1/klantgerichtheid.html", "begrippen.html"):
        page = Rendered((site / name).read_text(encoding="utf-8"))
        assert not any('alert("x")' in script for script in page.scripts), name
        assert any('<script>alert("x")</script>' in text for text in page.text), name
    page = (site / "h1/klant.html").read_text(encoding="utf-8")
    assert "Sjabloon: {{ x }} en {% if y %}" in page
    assert "{{ naam }}" in page


@pytest.mark.build
def test_two_builds_are_byte_identical(built: Built, tmp_path: Path) -> None:
    """Same commit, same bytes: SOURCE_DATE_EPOCH from git, sorted zip entries."""
    from tools.build import build

    archive = build(ROOT, tmp_path / "site", tmp_path / "dist")
    assert archive.name == built.zip.name
    assert archive.read_bytes() == built.zip.read_bytes()
    assert tree_digest(tmp_path / "site") == tree_digest(built.site)


def test_build_date_is_shown_on_the_home_and_download_pages_only(built: Built) -> None:
    """An offline reader sees how old the copy is; no other page carries the date, so a
    deploy changes only the pages that changed (the app updates by content hash)."""
    date = re.compile(r"[Vv]ersie van (de site is van )?\d{1,2} [a-z]+ 20\d\d")
    for page in ("index.html", "offline.html"):
        assert date.search((built.site / page).read_text(encoding="utf-8")), page
    day = re.search(r"\d{1,2} [a-z]+ 20\d\d", (built.site / "index.html").read_text(encoding="utf-8"))
    assert day is not None
    dated = [p for p in built.pages() if day.group(0) in (built.site / p).read_text(encoding="utf-8")]
    assert sorted(dated) == ["afdrukken.html", "index.html", "offline.html"], dated


def test_zip_name_uses_release_version_or_date() -> None:
    from tests.sales import NAMES
    from tools.build import zip_name

    assert zip_name(NAMES, 1700000000) == "sales-studiesite-offline-2023-11-14.zip"
    assert zip_name(NAMES, 1700000000, "v1.2.0") == "sales-studiesite-offline-v1.2.0.zip"
    assert zip_name(NAMES, 1700000000, "../x y") == "sales-studiesite-offline-..xy.zip"


# -- a question's context (issue 17): declared, and naming a heading that exists ------------------

CASES = "data/cases.yml"
CONTEXT_FAILURES = [
    Case(
        "case question without its context",
        edit(QUIZZES, "    context: [accountmanagers]\n", ""),
        (QUIZZES, "h1/casus.md[11].context", "'casus-h1-sales-versies'", "declares no context"),
    ),
    Case(
        "topic question that names a case without its context",
        edit(QUIZZES, 'question: "Wat is verwachtingsmanagement?"', 'question: "Wat doet Sanne?"'),
        (QUIZZES, ".context", "'ladder-verwachtingsmanagement'", "names 'Sanne' of the case h1/casus.md"),
    ),
    Case(
        "context names a heading that does not exist",
        edit(QUIZZES, "    context: [accountmanagers]\n", "    context: [acountmanagers]\n"),
        (
            QUIZZES,
            "h1/casus.md[11].context[0]",
            "'casus-h1-sales-versies'",
            "no heading with id 'acountmanagers'",
        ),
    ),
    Case(
        "cases file with an unknown key",
        edit(CASES, "cases:\n", "casess:\n"),
        (CASES, "casess", "unknown key"),
    ),
]


# A context that names no heading is found once MkDocs wrote the pages, by the build's step
# macros.outputs.study_data; the others when the course is loaded.
BUILT_CONTEXT = [case for case in CONTEXT_FAILURES if "heading" in case.name]


@pytest.mark.parametrize("case", BUILT_CONTEXT, ids=lambda c: c.name)
def test_question_context_errors_fail_clearly(built: Built, tmp_path: Path, case: Case) -> None:
    """study_data on the changed data and the pages of the built site (the change is to a
    question's `context:`, which no page shows); tools/build.py prints its DataError as is,
    exit 1, the previous build untouched (test_published_ids.test_build_refuses_on_a_copy)."""
    from macros import outputs
    from macros.course import Course
    from macros.errors import DataError

    project = copy_course(tmp_path)
    case.change(project)
    info = outputs.load_site_info(project / "mkdocs.yml")
    pages = {page: outputs.page_content(built.site, page) for page in outputs.nav_pages(info.nav)}
    with contextlib.chdir(project), pytest.raises(DataError) as caught:
        outputs.study_data(Course(project), {}, info.nav, pages)
    message = str(caught.value)
    assert "\n" not in message, message
    for needle in case.expect:
        assert needle in message, f"{needle!r} not in {message!r}"


@pytest.mark.parametrize(
    "case", [c for c in CONTEXT_FAILURES if c not in BUILT_CONTEXT], ids=lambda c: c.name
)
def test_question_context_data_errors_are_one_line(tmp_path: Path, case: Case) -> None:
    test_bad_data_is_one_line_naming_file_and_key(tmp_path, case)
