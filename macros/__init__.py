"""mkdocs-macros entry point. It only registers; the work lives in the modules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .site import Site


def define_env(env: Any) -> None:
    site = Site(Path(env.conf["docs_dir"]))
    env.variables["_ss_site"] = site
    env.macro(site.diagram, "diagram")
    env.macro(site.quiz, "quiz")
    env.macro(site.exercise, "exercise")
    env.macro(site.concept, "concept")


def on_pre_page_macros(env: Any) -> None:
    env.variables["_ss_site"].start_page(env.page.file.src_uri)
