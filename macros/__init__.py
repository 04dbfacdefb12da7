"""mkdocs-macros entry point. It only registers; the work lives in the modules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from .errors import DataError
from .guard import protect_code
from .site import Site


def define_env(env: Any) -> None:
    try:
        site = Site(Path(env.conf["docs_dir"]), nav=env.conf["nav"])
    except DataError as exc:
        # One readable line naming file and key instead of a traceback.
        raise PluginError(str(exc)) from None
    env.variables["_ss_site"] = site
    env.macro(site.diagram, "diagram")
    env.macro(site.quiz, "quiz")
    env.macro(site.exercise, "exercise")
    env.macro(site.concept, "concept")
    env.macro(site.glossary, "glossary")
    env.macro(site.teacher_links, "teacher_links")


def on_pre_page_macros(env: Any) -> None:
    env.variables["_ss_site"].start_page(env.page.file.src_uri)
    env.markdown = protect_code(env.markdown)
