"""A linear-time replacement for one function of mkdocs-print-site-plugin 2.9.

For the print page the plugin makes heading ids unique per page with
`urls.update_anchor_ids`, which runs `<([^\\s]+).*?id="([^"]*?)".*?>` over each
page's HTML. For every tag, the greedy tag name backtracks one character at a
time and each step scans to the end of the line: quadratic in line length, and
our inline SVG diagrams and link tables are long lines. That was 0.4 s of a
2 s build. The same pattern with the tag name as an atomic group takes the
first (greedy) alternative only, which is the one that matches every tag the
function renames; tests/test_printsite.py checks that both functions give the
same result on every page the plugin gets in a real build, and on edge cases.

`apply()` installs it only for the plugin version it was checked against."""

from __future__ import annotations

import re
from importlib.metadata import version

CHECKED_VERSION = "2.9"
ANCHOR_TAG = re.compile(r"<(?>([^\s]+)).*?id=\"([^\"]*?)\".*?>", flags=re.IGNORECASE)
CHANGE_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "sup", "li"))


def update_anchor_ids(page_html: str, page_key: str) -> str:
    """Prefix the ids of headings, footnote marks and list items with the page key
    (same contract and result as the plugin's function)."""
    for match in ANCHOR_TAG.finditer(page_html):
        if match.group(1) not in CHANGE_TAGS:
            continue
        old = match.group()
        page_html = page_html.replace(old, old.replace(match.group(2), f"{page_key}-{match.group(2)}"))
    return page_html


def apply() -> bool:
    """Install the replacement; False (and nothing changed) for another version."""
    if version("mkdocs-print-site-plugin") != CHECKED_VERSION:
        return False
    from mkdocs_print_site_plugin import urls  # type: ignore[import-untyped]

    urls.update_anchor_ids = update_anchor_ids
    return True
