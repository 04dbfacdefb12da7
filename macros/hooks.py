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

from macros import printsite, register
from macros.compact import compact
from macros.concepts import Concept, load_concepts
from macros.errors import DataError
from macros.schema import DATA_DIR, display_path

CONCEPTS_FILE = DATA_DIR / "concepts.yml"
_state: dict[str, Any] = {}


def _concepts() -> dict[str, Concept]:
    return _state["concepts"]  # type: ignore[no-any-return]


def on_config(config: Any) -> Any:
    printsite.apply()
    try:
        _state["concepts"] = load_concepts(CONCEPTS_FILE, Path(config["docs_dir"]))
    except DataError as exc:
        raise PluginError(str(exc)) from None
    _state["ids"] = {}
    return config


def on_files(files: Files, config: Any) -> Files:
    """Generated files: a short URL per concept and the flashcard decks."""
    base = os.environ.get("SITE_URL", "") or (config.get("site_url") or "")
    for concept in _concepts().values():
        page = register.redirect_page(concept, config["site_name"])
        files.append(File.generated(config, register.short_url(concept), content=page))
    files.append(
        File.generated(config, register.ANKI_FILE, content=register.anki_deck(_concepts().values(), base))
    )
    files.append(
        File.generated(config, register.CSV_FILE, content=register.flashcards_csv(_concepts().values(), base))
    )
    return files


def on_page_content(html: str, page: Any, **_: Any) -> str:
    """Collect the ids of each page once, for the anchor check in on_env. The
    tooltips and hidden search words are already in the HTML (macros.tooltips,
    a Markdown extension). The print page (mkdocs-print-site-plugin keeps each
    page's HTML in `page.html`) keeps them too: hidden words stay hidden, and a
    tooltip is only a title attribute that paper does not show."""
    _state["ids"][page.file.src_uri] = register.element_ids(html)
    return html


def check_anchors(concepts: Iterable[Concept], ids: Mapping[str, set[str]]) -> None:
    """Every register anchor must be an id on its page: one set look-up per concept."""
    for concept in concepts:
        if concept.anchor not in ids.get(concept.page, set()):
            where = f"{display_path(CONCEPTS_FILE)}: concepts[{concept.id}].anchor"
            raise PluginError(f"{where}: '#{concept.anchor}' does not exist in docs/{concept.page}")


def on_env(env: Any, **_: Any) -> Any:
    """All pages are rendered (not yet written): check the register's anchors once."""
    check_anchors(_concepts().values(), _state["ids"])
    return env


PRINT_ASSETS = re.compile(
    r"<link\b[^>]*css/print-site[^>]*>\s*|<script\b[^>]*js/print-site\.js[^>]*></script>\s*"
)


# Material 9.8.2's bundle and inline palette script, as its templates write them.
BUNDLE_TAG = re.compile(
    r'<script src="(?P<base>[^"]*)assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>'
)
PALETTE_SCRIPT = re.compile(r'<script>var palette=__md_get\("__palette"\).*?</script>', re.S)


def defer_bundle(html: str) -> str:
    """Material's bundle (at the end of the body) with `defer`: it mounts on
    DOMContentLoaded anyway, and a deferred script holds up neither parsing nor
    the first paint (Lighthouse's first contentful paint: 1.6 s -> 1.1 s)."""
    return BUNDLE_TAG.sub(lambda m: m.group(0).replace("<script ", "<script defer ", 1), html, count=1)


def on_post_page(output: str, page: Any, **_: Any) -> str:
    """print-site adds its CSS and JS to every page; only the print page (which it
    renders itself, after this) uses them. Saves three requests per page view.
    Then the bundle is deferred and the page compacted (the print page has no
    bundle and is compacted in fix_print_page)."""
    return compact(defer_bundle(PRINT_ASSETS.sub("", output)))


def on_post_template(output: str, template_name: str, **_: Any) -> str:
    """Theme templates written as files (404.html) are treated like pages."""
    if not template_name.endswith(".html"):
        return output
    return compact(defer_bundle(PRINT_ASSETS.sub("", output)))


def print_page_html(html: str, where: str) -> str:
    """The print page as print-site rendered it, fixed:
    - its theme config says "base": "/", so on file:// search would look for
      /search/search_index.js at the disk root; every other page says ".";
    - no Material bundle: on ~5000 elements its start-up restyles the page for
      over a second on a phone. docs/assets/javascripts/print-page.js does the
      two things the page needs from it (palette, open details for printing),
      loaded right after Material's palette script, before the first paint;
    - compacted like every other page."""
    html = html.replace('"base": "/"', '"base": "."', 1)
    bundle = BUNDLE_TAG.search(html)
    palette = PALETTE_SCRIPT.search(html)
    if not bundle or not palette or len(BUNDLE_TAG.findall(html)) != 1:
        raise PluginError(
            f"{where}: expected Material's bundle script once and its palette script (Material 9.8.2)"
        )
    script = f'<script src="{bundle.group("base")}assets/javascripts/print-page.min.js"></script>'
    html = html[: palette.end()] + script + html[palette.end() :]
    return compact(BUNDLE_TAG.sub("", html))


def fix_print_page(config: Any) -> None:
    """print-site writes its page in its own on_post_build, before this hook."""
    plugin = config["plugins"].get("print-site")
    page = Path(plugin.print_file.abs_dest_path) if plugin else None
    if page and page.is_file():
        html = page.read_text(encoding="utf-8")
        page.write_text(print_page_html(html, str(page.name)), encoding="utf-8")


def on_post_build(config: Any) -> None:
    """Fix the print page (print-site writes it in its own on_post_build)."""
    fix_print_page(config)
