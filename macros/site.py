"""The macros that pages call. Thin glue: checks arguments, keeps per-page id
counters, and hands loaded data to the pure render functions."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import register
from .concepts import Concept
from .dates import build_epoch, dutch_date
from .model import load_model
from .quiz import render_quiz
from .study import STUDY_VIEWS, render_study, store_attributes


class MacroError(Exception):
    """A macro called wrongly from a page; names the page."""


def page_slug(src_uri: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", src_uri.lower().removesuffix(".md")).strip("-")


def nav_titles(nav: Any) -> dict[str, str]:
    """Page path -> title, from mkdocs.yml's nav (a section's index page gets the
    section title)."""
    titles: dict[str, str] = {}

    def walk(items: Any, section: str | None) -> None:
        for item in items or []:
            if isinstance(item, str):
                titles[item] = section or item
            elif isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, str):
                        titles[value] = title
                    else:
                        walk(value, title)

    walk(nav, None)
    return titles


def page_depth(src_uri: str) -> int:
    return src_uri.count("/")


class Site:
    def __init__(
        self,
        docs_dir: Path,
        data_dir: Path,
        nav: Any = None,
        current_page: Callable[[], str] | None = None,
    ) -> None:
        """`current_page` gives the docs path of the page being rendered, asked at
        call time (the macros' env.page): no per-page hook is needed."""
        self.docs_dir = docs_dir
        self._current_page = current_page
        self.titles = nav_titles(nav)
        self.data_dir = data_dir
        self.model = load_model(data_dir.parent, docs_dir, nav)
        self.settings = self.model.settings
        self.concepts = self.model.concepts
        self.quizzes = self.model.quizzes
        self.kinds = self.model.kinds
        self.exercises = self.model.exercises
        self.diagrams = self.model.diagrams
        self._page = ""
        self.counts: Counter[str] = Counter()

    # -- page lifecycle -------------------------------------------------------
    @property
    def page(self) -> str:
        """The page being rendered; per-page id counters restart on a new page."""
        if self._current_page is not None:
            self._switch(self._current_page())
        return self._page

    def start_page(self, src_uri: str) -> None:
        """For callers without a macros environment (tests)."""
        self._current_page = None
        self._switch(src_uri)

    def _switch(self, src_uri: str) -> None:
        if src_uri != self._page:
            self._page = src_uri
            self.counts.clear()

    def _uid(self, kind: str) -> str:
        self.counts[kind] += 1
        return f"{kind.replace('_', '-')}-{page_slug(self.page)}-{self.counts[kind]}"

    def _fail(self, message: str) -> MacroError:
        return MacroError(f"docs/{self.page}: {message}")

    # -- macros ---------------------------------------------------------------
    def diagram(self, name: object = None) -> str:
        """{{ diagram("ladder") }}: one of the registered diagrams."""
        if not isinstance(name, str):
            raise self._fail(f"diagram() needs a diagram name as text, got {name!r}")
        if name not in self.kinds:
            known = ", ".join(sorted(self.kinds))
            raise self._fail(f"unknown diagram {name!r} (known: {known})")
        if name not in self.diagrams:
            raise self._fail(f"diagram {name!r} has no data: write data/diagrams/{name}.yml")
        import inspect  # only here: the rest of the module does not need it

        render = self.kinds[name].render
        uid = self._uid(name)
        if "root" in inspect.signature(render).parameters:
            # A diagram with links (model_map) writes them relative to this page.
            linked: Callable[..., str] = render
            return linked(self.diagrams[name], uid, root="../" * page_depth(self.page))
        return render(self.diagrams[name], uid)

    def quiz(self) -> str:
        """{{ quiz() }}: this page's practice questions from quizzes.yml."""
        questions = self.quizzes.get(self.page)
        if not questions:
            raise self._fail("quiz() is used but data/quizzes.yml has no questions for this page")
        root = "../" * page_depth(self.page)
        return render_quiz(questions, self._uid("quiz"), self.page, root, store_attributes(self.settings))

    def exercise(self, name: object = None) -> str:
        """{{ exercise("nps_calculator") }}: an interactive exercise."""
        if not isinstance(name, str):
            raise self._fail(f"exercise() needs an exercise name as text, got {name!r}")
        if name not in self.exercises:
            known = ", ".join(sorted(self.exercises)) or "none: the course has no exercises/ folder"
            raise self._fail(f"unknown exercise {name!r} (known: {known})")
        return self.exercises[name](self._uid(name))

    def study(self, view: object = None) -> str:
        """{{ study("voortgang") }}: a study page's app (voortgang, herhalen, toets, toetslinks)."""
        if not isinstance(view, str) or view not in STUDY_VIEWS:
            known = ", ".join(sorted(STUDY_VIEWS))
            raise self._fail(f"study() needs one of: {known} (got {view!r})")
        home = self.settings.study_pages.get(view, self.page)
        if home != self.page:
            raise self._fail(
                f"study({view!r}) belongs on docs/{home} "
                "(study_pages in data/course.yml, where links to it come from)"
            )
        return render_study(view, "../" * page_depth(self.page), self.settings)

    def glossary(self) -> str:
        """{{ glossary() }}: every register entry, alphabetical, with its own anchor."""
        return register.glossary(self.concepts.values(), self.titles, page_depth(self.page))

    def teacher_links(self, site_url: object = "") -> str:
        """{{ teacher_links(config.site_url) }}: a table of chapter pages and one of
        concept links, with full links from site_url (none: the page says so)."""
        if site_url is None:
            site_url = ""
        if not isinstance(site_url, str):
            raise self._fail(f"teacher_links() needs the site's address as text, got {site_url!r}")
        depth = page_depth(self.page)
        pages = [(title, path.removesuffix(".md") + ".html") for path, title in self.titles.items()]
        chapters = register.teacher_table(pages, "Hoofdstukken en pagina's", depth, "Pagina", site_url)
        concepts = register.teacher_table(
            register.concept_rows(self.concepts.values()),
            "Begrippen (korte links)",
            depth,
            "Begrip",
            site_url,
        )
        notice = register.teacher_notice(site_url)
        lead = f"{notice}\n\n" if notice else ""
        return (
            f"{lead}## Hoofdstukken en pagina's {{ #paginas }}\n\n{chapters}\n\n"
            f"## Begrippen {{ #begrippen }}\n\n{concepts}\n"
        )

    def version_date(self) -> str:
        """{{ version_date() }}: the date of this version of the site, in Dutch (every
        page would change with each deploy if the footer carried it)."""
        return dutch_date(build_epoch())

    def concept(self, cid: object = None) -> Concept:
        """{{ concept("<id>").term }}: a register entry, for links in prose."""
        if not isinstance(cid, str) or cid not in self.concepts:
            raise self._fail(f"unknown concept id {cid!r} (not in data/concepts.yml)")
        return self.concepts[cid]
