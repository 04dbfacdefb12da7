"""A template mistake in a page: one line `docs/<page>:<line>: <cause>`, a
non-zero exit, no traceback, and the previous site/ and dist/ untouched.
Every case reads the changed page with MkDocs' own step for a page, in-process
(test_bad_input.Pages: the lines tools/build.py would print); two cases, one of each
way a page error comes out (a syntax error the macros raise before rendering, an
error while rendering), build a temporary copy of the project with tools.build and
show that the build prints exactly those lines and keeps the previous build."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from jinja2 import Environment, StrictUndefined, TemplateSyntaxError

from macros import PageErrors, describe, front_matter_lines, printable
from macros.site import MacroError
from tools.build import summarize

from .test_bad_input import (
    OUTPUTS,
    Pages,
    changed_page,
    copy_project,
    edit,
    previous_build,
    prints_exactly,
    run_build,
    tree_digest,
)

KLANT = "docs/h1/klant.md"
GLOSSARY = "docs/begrippen.md"  # has front matter
HEADING = "## De loyale klant { #loyale-klant }"


def insert(path: str, snippet: str, before: str = HEADING) -> Callable[[Path], None]:
    """Put `snippet` on lines of its own just before the line `before`."""
    return edit(path, before, f"{snippet}\n\n{before}")


@dataclass(frozen=True)
class Case:
    name: str
    page: str
    change: Callable[[Path], None]
    line_text: str  # the line the error must point at (found in the changed file)
    expect: tuple[str, ...]  # all must appear in the error line


CASES = [
    Case(
        "attribute id without spaces opens a Jinja comment",
        KLANT,
        edit(KLANT, HEADING, "## De loyale klant {#loyale-klant}"),
        "## De loyale klant {#loyale-klant}",
        ("Jinja syntax error", "hint: write an attribute id as { #id } with spaces"),
    ),
    Case(
        "missing bracket in a macro call",
        KLANT,
        insert(KLANT, '{{ diagram("ladder" }}'),
        '{{ diagram("ladder" }}',
        ("Jinja syntax error", "unexpected '}'", "')' is missing"),
    ),
    Case(
        "if without a condition",
        KLANT,
        insert(KLANT, "{% if %}"),
        "{% if %}",
        ("Jinja syntax error", "needs a condition"),
    ),
    Case(
        "raw block never closed",
        KLANT,
        insert(KLANT, "{% raw %}"),
        "{% raw %}",
        ("Jinja syntax error", "{% endraw %}"),
    ),
    Case(
        "stray endif",
        KLANT,
        insert(KLANT, "Tekst.\n{% endif %}"),
        "{% endif %}",
        ("Jinja syntax error", "'endif'"),
    ),
    Case(
        "unknown filter (found when the page is compiled)",
        KLANT,
        insert(KLANT, "{{ 3 | rond }}"),
        "{{ 3 | rond }}",
        ("Jinja syntax error", "'rond'"),
    ),
    Case(
        "undefined name",
        KLANT,
        insert(KLANT, "{{ undefined_name }}"),
        "{{ undefined_name }}",
        ("'undefined_name' is undefined", "no macro or variable has this name"),
    ),
    Case(
        "macro called with an argument it does not take",
        KLANT,
        insert(KLANT, "{{ quiz(1) }}"),
        "{{ quiz(1) }}",
        ("quiz() called with the wrong arguments", "{{ quiz() }}"),
    ),
    Case(
        "macro called with too many arguments",
        KLANT,
        insert(KLANT, '{{ diagram("ladder", "groot") }}'),
        '{{ diagram("ladder", "groot") }}',
        ("diagram() called with the wrong arguments", "{{ diagram(name) }}"),
    ),
    Case(
        "macro without brackets",
        KLANT,
        insert(KLANT, "{{ diagram }}"),
        "{{ diagram }}",
        ("diagram is used without brackets", "{{ diagram() }}"),
    ),
    Case(
        "unknown field of a concept",
        KLANT,
        insert(KLANT, 'Zie {{ concept("nps").naam }}.'),
        'Zie {{ concept("nps").naam }}.',
        ("has no attribute 'naam'", "no such field"),
    ),
    Case(
        "unknown concept, inside an admonition",
        KLANT,
        insert(KLANT, '!!! note "Let op"\n\n    Zie {{ concept("bestaat-niet").term }}.'),
        '    Zie {{ concept("bestaat-niet").term }}.',
        ("unknown concept id 'bestaat-niet'",),
    ),
    Case(
        "syntax error on a page with front matter",
        GLOSSARY,
        edit(GLOSSARY, "Alle begrippen", '{{ diagram("ladder" }}\nAlle begrippen'),
        '{{ diagram("ladder" }}',
        ("Jinja syntax error", "')' is missing"),
    ),
    Case(
        "render error on a page with front matter",
        GLOSSARY,
        edit(GLOSSARY, "Alle begrippen", "{{ onbekend }}\nAlle begrippen"),
        "{{ onbekend }}",
        ("'onbekend' is undefined",),
    ),
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Pages:
    return Pages(tmp_path_factory.mktemp("pages") / "course")


def line_of(source: str, text: str) -> int:
    lines = source.split("\n")
    assert lines.count(text) == 1, "test setup: the line must be unique"
    return lines.index(text) + 1


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_page_error_names_page_and_line(pages: Pages, tmp_path: Path, case: Case) -> None:
    source = changed_page(tmp_path, case.page, case.change)
    line = line_of(source, case.line_text)

    errors, _ = pages.errors(case.page.removeprefix("docs/"), source)

    # One line, naming the page and the line; nothing else (no traceback).
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{case.page}:{line}: "), errors
    assert "Traceback" not in errors[0], errors
    for needle in case.expect:
        assert needle in errors[0], f"{needle!r} not in {errors[0]!r}"


# One case of each way a page error reaches the build's output: a syntax error (raised by
# the macros' pre-page hook, logged by MkDocs) and an error while rendering (logged by
# mkdocs-macros, turned into one line by macros.PageErrors, then mkdocs-macros exits).
BUILT = ("attribute id without spaces opens a Jinja comment", "undefined name")


@pytest.mark.build
@pytest.mark.parametrize("case", [c for c in CASES if c.name in BUILT], ids=lambda c: c.name)
def test_page_error_fails_the_build_with_that_line(pages: Pages, tmp_path: Path, case: Case) -> None:
    project = copy_project(tmp_path)
    before = previous_build(project)
    case.change(project)
    source = (project / case.page).read_text(encoding="utf-8")
    errors, _ = pages.errors(case.page.removeprefix("docs/"), source)

    result = run_build(project)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    prints_exactly(output, errors)  # the error line plus the closing line, nothing else
    assert len(errors) == 1 and errors[0].startswith(f"{case.page}:{line_of(source, case.line_text)}: ")
    assert {f: tree_digest(project / f) for f in OUTPUTS} == before
    assert not list(project.glob(".build-*")), "temporary build folder left behind"


def test_concept_printed_whole_never_shows_python_internals(pages: Pages, tmp_path: Path) -> None:
    """`{{ concept("nps") }}` either renders as reader text or fails with one
    line naming page and line; the dataclass repr never reaches the page."""
    source = changed_page(tmp_path, KLANT, insert(KLANT, 'Zie {{ concept("nps") }}.'))
    line = line_of(source, 'Zie {{ concept("nps") }}.')

    errors, html = pages.errors(KLANT.removeprefix("docs/"), source)

    if not errors:
        assert "Concept(" not in html and "id=&#39;nps&#39;" not in html and "id='nps'" not in html
    else:
        assert len(errors) == 1 and errors[0].startswith(f"{KLANT}:{line}: "), errors
        assert "Traceback" not in errors[0] and "Concept(" not in errors[0], errors


# -- unit tests of the pieces ---------------------------------------------------


def test_front_matter_lines_counts_the_lines_mkdocs_strips() -> None:
    source = "---\nsearch:\n  boost: 0.5\n---\n\n# Titel\n\nTekst\n"
    assert front_matter_lines(source, "# Titel\n\nTekst\n") == 5
    assert front_matter_lines("# Titel\n", "# Titel\n") == 0
    # Changed by another plugin before macros: no offset rather than a wrong one.
    assert front_matter_lines(source, "# Anders\n") == 0


def test_describe_hints_and_strips_repeated_page() -> None:
    syntax = TemplateSyntaxError("Missing end of comment tag", 3)
    assert describe(syntax, "h1/a.md", 3, "## Kop {#kop}") == (
        "docs/h1/a.md:3: Jinja syntax error: Missing end of comment tag "
        "(hint: write an attribute id as { #id } with spaces)"
    )
    assert describe(MacroError("docs/h1/a.md: unknown diagram 'x'"), "h1/a.md", 7) == (
        "docs/h1/a.md:7: unknown diagram 'x'"
    )
    # A multi-line cause stays on one line.
    assert describe(ValueError("een\ntwee"), "h1/a.md", None) == "docs/h1/a.md: ValueError: een twee"


def test_printable_refuses_python_objects() -> None:
    assert printable("tekst") == "tekst" and printable(3) == 3 and printable(None) == ""
    with pytest.raises(MacroError, match="without brackets"):
        printable(len)
    with pytest.raises(MacroError, match=r"Python object \(object\)"):
        printable(object())

    @dataclass
    class Entry:
        term: str

    with pytest.raises(MacroError, match=r"\.term"):
        printable(Entry("x"))


def test_filter_turns_a_render_error_into_one_line(caplog: pytest.LogCaptureFixture) -> None:
    """What mkdocs-macros does on a page error: log from inside `except`."""
    errors = PageErrors()
    errors.start("h1/a.md", 4, "regel 1\n{{ onbekend }}")
    logger = logging.getLogger("test_page_errors")
    logger.addFilter(errors)
    template = Environment(undefined=StrictUndefined, finalize=printable).from_string(
        "regel 1\n{{ onbekend }}"
    )
    try:
        template.render()
    except Exception:
        logger.warning("[macros] - ERROR # _Macro Rendering Error_ ... traceback ...")
    finally:
        logger.removeFilter(errors)
    assert [r.getMessage() for r in caplog.records] == [
        "docs/h1/a.md:6: 'onbekend' is undefined "
        "(hint: no macro or variable has this name; check the spelling)"
    ]
    assert caplog.records[0].levelname == "ERROR"
    # Outside an exception, log records pass unchanged.
    assert errors.filter(logging.makeLogRecord({"msg": "x", "levelno": logging.WARNING}))


def test_summarize_drops_mkdocs_lead_in_line() -> None:
    output = (
        "INFO    -  Building documentation\n"
        "ERROR   -  Error reading page 'h1/klant.md':\n"
        "ERROR   -  docs/h1/klant.md:21: Jinja syntax error: Missing end of raw directive\n"
        "Aborted with a BuildError!\n"
    )
    assert summarize(output) == ["docs/h1/klant.md:21: Jinja syntax error: Missing end of raw directive"]
