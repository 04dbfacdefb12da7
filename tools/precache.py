"""The service worker's precache list: every file a reader needs offline, with a
content hash, written into the built site's sw.js (from docs/sw.js).

tools/build.py calls write(site) after every file of the site is final (the zip's
size label is filled in, the downloads are in place), so the hashes are those of
the files that are deployed. The big downloads (zip, pdf, epub) stay out: a reader
fetches them on purpose. The version (a hash of the whole list) names the
worker's cache, so a new deploy gets a new cache in one step (see docs/sw.js).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import quote

SW_FILE = "sw.js"  # at the site root: its folder is the worker's scope (the base path)
LIST_MARKER = "[] /* precache: filled in by tools/precache.py */"
VERSION_MARKER = '"" /* version: filled in by tools/precache.py */'
HASH_DIGITS = 16  # hex digits of SHA-256 kept per file (docs/sw.js compares a prefix)
SKIP_DIRS = {"downloads"}  # the offline zip and the other big downloads
SKIP_SUFFIXES = {".zip", ".pdf", ".epub", ".gz"}
# For search engines only; no reader opens them.
SKIP_FILES = {SW_FILE, "sitemap.xml"}


def wanted(rel: str) -> bool:
    parts = rel.split("/")
    if parts[0] in SKIP_DIRS or rel in SKIP_FILES:
        return False
    return not any(rel.endswith(suffix) for suffix in SKIP_SUFFIXES)


def entries(site: Path) -> list[tuple[str, str]]:
    """(URL path relative to the site root, short SHA-256), sorted by path."""
    found = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and wanted(rel):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:HASH_DIGITS]
            found.append((quote(rel), digest))
    return found


def version(items: list[tuple[str, str]]) -> str:
    return hashlib.sha256(json.dumps(items).encode()).hexdigest()[:HASH_DIGITS]


def render(template: str, items: list[tuple[str, str]]) -> str:
    """docs/sw.js with the list and the version filled in."""
    for marker in (LIST_MARKER, VERSION_MARKER):
        if template.count(marker) != 1:
            raise RuntimeError(f"{SW_FILE}: expected the marker {marker!r} exactly once")
    listing = json.dumps([list(item) for item in items], separators=(",", ":"))
    return template.replace(LIST_MARKER, listing).replace(VERSION_MARKER, json.dumps(version(items)))


def write(site: Path) -> int:
    """Fill in site/sw.js; returns the number of precached files."""
    worker = site / SW_FILE
    items = entries(site)
    worker.write_text(render(worker.read_text(encoding="utf-8"), items), encoding="utf-8")
    return len(items)
