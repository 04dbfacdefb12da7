"""MkDocs hooks (mkdocs.yml `hooks:`): glue between the build and the pure
functions in macros.register. Runs after all plugins, so after macros.
Tooltips and extra search words are not here: macros.tooltips adds them as a
Markdown extension (which MkDocs' successor Zensical runs too)."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

# Loaded by file path, not as part of the package: make `macros` importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from macros import ids, postbuild, qlint, register, searchindex, study, tooltips
from macros.concepts import Concept, load_concepts, tooltip_key
from macros.errors import DataError
from macros.quiz import QUIZZES_FILE, load_quizzes
from macros.schema import DATA_DIR, display_path

CONCEPTS_FILE = DATA_DIR / "concepts.yml"
_state: dict[str, Any] = {}


def _concepts() -> dict[str, Concept]:
    return _state["concepts"]  # type: ignore[no-any-return]


def on_config(config: Any) -> Any:
    try:
        _state["concepts"] = load_concepts(CONCEPTS_FILE, Path(config["docs_dir"]))
    except DataError as exc:
        raise PluginError(str(exc)) from None
    _state["ids"] = {}
    _state["html"] = {}
    tooltips.FOUND.clear()
    seen: set[str] = set()
    for page in register.nav_pages(config["nav"]):
        if page in seen:
            raise PluginError(f"mkdocs.yml: nav: {page!r} is listed twice (a page has one place in the nav)")
        seen.add(page)
    return config


def on_files(files: Files, config: Any) -> Files:
    """Generated files: a short URL per concept and the flashcard decks."""
    base = os.environ.get("SITE_URL", "") or (config.get("site_url") or "")
    for concept in _concepts().values():
        page = register.redirect_page(concept, config["site_name"], config["theme"]["favicon"] or "")
        files.append(File.generated(config, register.short_url(concept), content=page))
    files.append(
        File.generated(config, register.ANKI_FILE, content=register.anki_deck(_concepts().values(), base))
    )
    files.append(
        File.generated(config, register.CSV_FILE, content=register.flashcards_csv(_concepts().values(), base))
    )
    # Its content is set in on_env, once the pages that hold the questions' contexts are rendered.
    _state["study"] = File.generated(config, study.STUDY_DATA_FILE, content="")
    files.append(_state["study"])
    return files


def study_data(config: Any, pages: Mapping[str, str]) -> str:
    """The study pages' data (voortgang, herhalen, toets): register, questions and the
    sections the questions need (`pages`: docs path -> rendered HTML)."""
    try:
        quizzes = load_quizzes(QUIZZES_FILE)
        ids.check(quizzes, ids.read_record())  # published question ids keep their meaning
        study.check_quiz_pages(quizzes, pages)
        contexts = study.contexts(quizzes, pages)
        qlint.check(quizzes, contexts, QUIZZES_FILE)  # the question lint needs the case texts
    except DataError as exc:
        raise PluginError(str(exc)) from None
    concepts = _concepts().values()
    plain = {c.id: register.definition_text(c.definition) for c in concepts}
    return study.study_script(study.study_data(concepts, quizzes, config["nav"], plain, contexts))


def on_page_content(html: str, page: Any, **_: Any) -> str:
    """Collect the ids of each page once, for the anchor check in on_env. The
    tooltips and hidden search words are already in the HTML (macros.tooltips,
    a Markdown extension). The print page (mkdocs-print-site-plugin keeps each
    page's HTML in `page.html`) keeps them too: hidden words stay hidden, and a
    tooltip is only a title attribute that paper does not show."""
    _state["ids"][page.file.src_uri] = register.element_ids(html)
    _state["html"][page.file.src_uri] = html  # for the questions' contexts (study data)
    headings = register.heading_ids(html)
    twice = next((anchor for i, anchor in enumerate(headings) if anchor in headings[:i]), None)
    if twice is not None:
        line = heading_line(page.file.content_string, twice)
        where = f"docs/{page.file.src_uri}" + (f":{line}" if line else "")
        raise PluginError(
            f"{where}: two headings have the id '#{twice}' (give each heading its own {{ #id }})"
        )
    return html


def heading_line(source: str, anchor: str) -> int | None:
    """The line of the second Markdown heading written with `#anchor`, if any."""
    written = re.compile(rf"\s#{re.escape(anchor)}(?![\w-])")
    lines = [n for n, text in enumerate(source.split("\n"), 1) if text[:1] == "#" and written.search(text)]
    return lines[1] if len(lines) > 1 else None


def check_anchors(concepts: Iterable[Concept], ids: Mapping[str, set[str]]) -> None:
    """Every register anchor must be an id on its page: one set look-up per concept."""
    for concept in concepts:
        if concept.anchor not in ids.get(concept.page, set()):
            where = f"{display_path(CONCEPTS_FILE)}: concepts[{concept.id}].anchor"
            raise PluginError(f"{where}: '#{concept.anchor}' does not exist in docs/{concept.page}")


def on_env(env: Any, config: Any, **_: Any) -> Any:
    """All pages are rendered (not yet written): check the register's anchors once, and
    write the study data with the sections the questions declare as their context."""
    check_anchors(_concepts().values(), _state["ids"])
    check_tooltips(_concepts().values(), tooltips.FOUND)
    _state["study"].content_string = study_data(config, _state["html"])
    return env


def check_tooltips(concepts: Iterable[Concept], found: set[str]) -> None:
    """Every word listed under `tooltip:` must occur in a page's text (macros.tooltips
    collects them): one that occurs on no page in that form (wrong case, a typo) would
    silently give no tooltip."""
    for concept in concepts:
        for i, word in enumerate(concept.tooltip if concept.tooltip_listed else ()):
            if tooltip_key(word) not in found:
                where = f"{display_path(CONCEPTS_FILE)}: concepts[{concept.id}].tooltip[{i}]"
                raise PluginError(
                    f"{where}: {word!r} occurs on no page in this form, so it never shows a tooltip "
                    "(write it as the pages do; only the first letter may differ in case)"
                )


def print_page(config: Any) -> str:
    """The print page's site-relative path, from print-site's own settings."""
    plugin = config["plugins"].get("print-site")
    if not plugin or not plugin.config.get("enabled", True):
        return ""
    return f"{plugin.config['print_page_basename']}.html"


def on_post_build(config: Any) -> None:
    """The one pass over the finished site (macros/postbuild.py). Runs after every
    plugin's on_post_build, so print-site has written its page."""
    site = Path(config["site_dir"])
    try:
        postbuild.run(site, print_page(config), skip=lambda rel: rel.startswith(f"{register.SHORT_DIR}/"))
    except postbuild.PostBuildError as exc:
        raise PluginError(str(exc)) from None
    searchindex.rewrite(site, _concepts().values())
