"""Everything the engine makes from the course and the finished site, in one place.

`run(course, site, ...)` is called once the static-site generator has written every page
(tools/build.py calls it after `mkdocs build`; under `make serve` the macros' post-build
hook calls it, see macros/__init__.py). It needs no hook of the generator: it reads the
course's data and the pages as written, and

1. checks what only the finished pages can show: no page twice in the nav, no heading id
   twice on a page, every register anchor on its page, every listed tooltip word shown
   somewhere, questions only for pages that show a quiz, the question lint, the record of
   published question ids;
2. writes the generated files: a short link per concept (`c/<id>.html`), the flashcards and
   the study pages' data (`assets/javascripts/study-data.js`);
3. runs the one pass over the finished HTML (macros/postbuild.py) and moves the register's
   search words into the search index (macros/searchindex.py).

Each step is a plain function of the course's data and the site folder.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from . import ids, postbuild, qlint, register, searchindex, study
from .concepts import Concept, tooltip_key
from .course import Course
from .definitions import definition_text
from .errors import DataError
from .model import load_model
from .quiz import load_quizzes
from .schema import display_path
from .tooltips import NO_TOOLTIP, Register

ARTICLE = "article.md-content__inner"  # a page's content in the finished HTML (Material)


class OutputError(Exception):
    """One line naming the file and key (or page and line) of what is wrong."""


@dataclass(frozen=True)
class SiteInfo:
    """What the outputs need from the generator's configuration (mkdocs.yml)."""

    name: str  # site_name
    nav: Any  # the nav as written in mkdocs.yml
    favicon: str = ""  # site-relative
    base_url: str = ""  # the deployed address (site_url), for full links in the flashcards
    print_page: str = ""  # the print page's site path, when there is one


def print_page(plugins: Iterable[Any]) -> str:
    """The print page's site path from mkdocs-print-site-plugin's settings as written in
    mkdocs.yml (`plugins:`), or "" when it is not there or not enabled."""
    for entry in plugins:
        if entry == "print-site":
            return "print_page.html"
        if isinstance(entry, Mapping) and "print-site" in entry:
            options = entry["print-site"] or {}
            enabled = options.get("enabled", True)
            if enabled is False or str(enabled).lower() == "false":
                return ""
            return f"{options.get('print_page_basename', 'print_page')}.html"
    return ""


def site_info(config: Mapping[str, Any]) -> SiteInfo:
    """SiteInfo from mkdocs.yml as loaded by mkdocs.utils.yaml_load (environment
    variables and tags resolved; the generator's own config object is not needed)."""
    theme = config.get("theme") or {}
    return SiteInfo(
        name=str(config.get("site_name", "")),
        nav=config.get("nav") or [],
        favicon=str(theme.get("favicon") or "") if isinstance(theme, Mapping) else "",
        base_url=str(config.get("site_url") or ""),
        print_page=print_page(config.get("plugins") or []),
    )


def load_site_info(config_file: Path) -> SiteInfo:
    from mkdocs.utils.yaml import yaml_load  # reads !ENV and !relative as the generator does

    with config_file.open(encoding="utf-8") as handle:
        return site_info(yaml_load(handle) or {})


def nav_pages(nav: Any) -> list[str]:
    """Every page of the nav, in order; a page listed twice is an error."""
    seen: list[str] = []
    for page in register.nav_pages(nav):
        if page in seen:
            raise OutputError(f"mkdocs.yml: nav: {page!r} is listed twice (a page has one place in the nav)")
        seen.append(page)
    return seen


def page_content(site: Path, page: str) -> str:
    """The content of a finished page (its article), as HTML."""
    path = site / study.html_path(page)
    if not path.is_file():
        return ""
    node = LexborHTMLParser(path.read_text(encoding="utf-8")).css_first(ARTICLE)
    return (node.html or "") if node is not None else ""


def heading_line(source: str, anchor: str) -> int | None:
    """The line of the second Markdown heading written with `#anchor`, if any."""
    written = re.compile(rf"\s#{re.escape(anchor)}(?![\w-])")
    lines = [n for n, text in enumerate(source.split("\n"), 1) if text[:1] == "#" and written.search(text)]
    return lines[1] if len(lines) > 1 else None


def check_headings(pages: Mapping[str, str], docs_dir: Path) -> None:
    """No heading id twice on one page (a link to it would land on the first)."""
    for page, html in pages.items():
        headings = register.heading_ids(html)
        twice = next((anchor for i, anchor in enumerate(headings) if anchor in headings[:i]), None)
        if twice is None:
            continue
        source = docs_dir / page
        line = heading_line(source.read_text(encoding="utf-8"), twice) if source.is_file() else None
        where = f"docs/{page}" + (f":{line}" if line else "")
        raise OutputError(
            f"{where}: two headings have the id '#{twice}' (give each heading its own {{ #id }})"
        )


def check_anchors(concepts: Iterable[Concept], ids_by_page: Mapping[str, set[str]], source: Path) -> None:
    """Every register anchor must be an id on its page: one set look-up per concept."""
    for concept in concepts:
        if concept.anchor not in ids_by_page.get(concept.page, set()):
            where = f"{display_path(source)}: concepts[{concept.id}].anchor"
            raise OutputError(f"{where}: '#{concept.anchor}' does not exist in docs/{concept.page}")


# Where macros.tooltips never looks for tooltip words: the elements it skips and the
# blocks that reach Markdown as raw HTML (quizzes, study pages, diagrams, search words).
UNSCANNED = ", ".join([*sorted(NO_TOOLTIP - {"abbr"}), "figure", "[data-search-exclude]", ".ss-search-terms"])


def shown_tooltips(pages: Mapping[str, str], concepts: Mapping[str, Concept]) -> set[str]:
    """The tooltip words (by tooltip_key) that occur where macros.tooltips looks for them:
    every `<abbr title>` it made, and the text it scanned (a word that comes again in a
    section gets no second tooltip, but it does occur)."""
    pattern = Register.build(concepts).pattern
    found: set[str] = set()
    for html in pages.values():
        tree = LexborHTMLParser(html)
        for abbr in tree.css("abbr[title]"):
            found.add(tooltip_key(abbr.text()))
        for node in tree.css(UNSCANNED):
            node.decompose()
        if pattern is None or tree.body is None:
            continue
        # Text node by text node, as the tree processor sees the text: a word split by
        # markup ("Net <em>Promotor</em> Score") is not that word.
        for node in tree.body.traverse(include_text=True):
            if node.tag == "-text":
                found.update(tooltip_key(m.group(0)) for m in pattern.finditer(node.text(deep=False)))
    return found


def check_tooltips(concepts: Iterable[Concept], found: set[str], source: Path) -> None:
    """Every word listed under `tooltip:` must get its tooltip on some page: one that occurs
    on no page in that form (wrong case, a typo) would silently give none."""
    for concept in concepts:
        for i, word in enumerate(concept.tooltip if concept.tooltip_listed else ()):
            if tooltip_key(word) not in found:
                where = f"{display_path(source)}: concepts[{concept.id}].tooltip[{i}]"
                raise OutputError(
                    f"{where}: {word!r} occurs on no page in this form, so it never shows a tooltip "
                    "(write it as the pages do; only the first letter may differ in case)"
                )


def generated_files(course: Course, concepts: Mapping[str, Concept], info: SiteInfo) -> dict[str, str]:
    """Site path -> content of the short links and the flashcards."""
    settings = course.settings
    out = {
        register.short_url(c): register.redirect_page(c, info.name, info.favicon) for c in concepts.values()
    }
    cards = settings.flashcard_files
    out[register.anki_file(cards)] = register.anki_deck(
        concepts.values(), info.name, settings.card_prefix, info.base_url
    )
    out[register.csv_file(cards)] = register.flashcards_csv(concepts.values(), info.base_url)
    out[MANIFEST] = manifest(info.name, settings.short_name, settings.app_description)
    return out


MANIFEST = "manifest.webmanifest"
THEME_COLOR = "#3f51b5"  # Material's indigo, the engine's primary colour (mkdocs.yml palette)
ICONS = (
    ("assets/images/icon-192.png", "192x192", "image/png", "any"),
    ("assets/images/icon-512.png", "512x512", "image/png", "any"),
    ("assets/images/icon-512.png", "512x512", "image/png", "maskable"),
    ("assets/images/favicon.svg", "any", "image/svg+xml", "any"),
)


def manifest(name: str, short_name: str, description: str) -> str:
    """The installable app's manifest (sw-register.js links it; the icons are the engine's,
    or the course's own when docs/assets/images holds files of the same names)."""
    data = {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": "nl",
        "dir": "ltr",
        "id": "./",
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": "#ffffff",
        "icons": [{"src": s, "sizes": z, "type": t, "purpose": p} for s, z, t, p in ICONS],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def study_data(course: Course, concepts: Mapping[str, Concept], nav: Any, pages: Mapping[str, str]) -> str:
    """The study pages' data: register, questions and the sections the questions need."""
    quizzes = load_quizzes(course.quizzes_file)
    ids.check(quizzes, ids.read_record(course.ids_record), course.quizzes_file)
    study.check_quiz_pages(quizzes, pages, course.quizzes_file)
    contexts = study.contexts(quizzes, pages, course.quizzes_file)
    qlint.check(quizzes, contexts, course.quizzes_file)  # the question lint needs the case texts
    plain = {c.id: definition_text(c.definition) for c in concepts.values()}
    data = study.study_data(concepts.values(), quizzes, nav, course.settings, plain, contexts)
    return study.study_script(data)


def write(site: Path, files: Mapping[str, str]) -> None:
    for rel, content in sorted(files.items()):
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def run(course: Course, site: Path, info: SiteInfo) -> None:
    """Check, generate and finish `site` (see the module's docstring). Raises OutputError."""
    try:
        concepts = load_model(course.root, course.docs_dir, info.nav).concepts
        pages = {page: page_content(site, page) for page in nav_pages(info.nav)}
        check_headings(pages, course.docs_dir)
        check_anchors(
            concepts.values(), {p: register.element_ids(h) for p, h in pages.items()}, course.concepts_file
        )
        check_tooltips(concepts.values(), shown_tooltips(pages, concepts), course.concepts_file)
        files = generated_files(course, concepts, info)
        files[study.STUDY_DATA_FILE] = study_data(course, concepts, info.nav, pages)
    except DataError as exc:
        raise OutputError(str(exc)) from None
    write(site, files)
    try:
        short = f"{register.SHORT_DIR}/"
        postbuild.run(site, info.print_page, info.name, skip=lambda rel: rel.startswith(short))
    except postbuild.PostBuildError as exc:
        raise OutputError(str(exc)) from None
    searchindex.rewrite(site, concepts.values())
