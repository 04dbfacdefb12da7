"""The service worker's lists: every file a reader needs offline, with a content
hash, written into the built site's sw.js (from overrides/sw.js).

tools/build.py calls write(site, lazy=...) after every file of the site is final
(the zip's size label is filled in, the downloads are in place), so the hashes are
those of the files that are deployed.

- PRECACHE: what the app needs at once: every page, asset, the search index and the
  short links. A new version copies the files whose hash did not change from the
  previous version's cache and fetches only the rest (see overrides/sw.js), so what an
  update costs grows with what changed.
- LAZY: files a reader rarely opens and that change with almost every edit (the
  print page holds the whole site): cached when first used, never fetched ahead.
- Left out: the big downloads (zip, PDF, EPUB: a reader fetches them on purpose),
  the search index as JavaScript (Material's offline plugin writes it for file://,
  where no worker runs; online the search worker reads the JSON), the sitemap.

The version (a hash of both lists) names the worker's cache, so a new deploy gets a
new cache in one step.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

SW_FILE = "sw.js"  # at the site root: its folder is the worker's scope (the base path)
LIST_MARKER = "[] /* precache: filled in by tools/precache.py */"
LAZY_MARKER = "[] /* lazy: filled in by tools/precache.py */"
VERSION_MARKER = '"" /* version: filled in by tools/precache.py */'
HASH_DIGITS = 16  # hex digits of SHA-256 kept per file (overrides/sw.js compares a prefix)
SKIP_DIRS = {"downloads"}  # the offline zip and the other big downloads
SKIP_SUFFIXES = {".zip", ".pdf", ".epub", ".gz"}
# For search engines only, or for file:// only (no worker runs there).
SKIP_FILES = {SW_FILE, "sitemap.xml", "search/search_index.js"}

Entry = tuple[str, str]  # (URL path relative to the site root, short SHA-256)


@dataclass(frozen=True)
class Lists:
    precache: list[Entry]
    lazy: list[Entry]

    @property
    def version(self) -> str:
        return version(self.precache + self.lazy)


def wanted(rel: str) -> bool:
    parts = rel.split("/")
    if parts[0] in SKIP_DIRS or rel in SKIP_FILES:
        return False
    return not any(rel.endswith(suffix) for suffix in SKIP_SUFFIXES)


def entries(site: Path) -> list[Entry]:
    """Every file the worker knows (precached or lazy), sorted by path."""
    found = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and wanted(rel):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:HASH_DIGITS]
            found.append((quote(rel), digest))
    return found


def lists(site: Path, lazy: Collection[str] = ()) -> Lists:
    """Split entries(site): the site-relative paths in `lazy` wait for first use."""
    found = entries(site)
    missing = sorted(set(lazy) - {unquote(path) for path, _ in found})
    if missing:
        raise RuntimeError(f"{SW_FILE}: lazy file(s) not in the site: {', '.join(missing)}")
    return Lists(
        precache=[e for e in found if unquote(e[0]) not in lazy],
        lazy=[e for e in found if unquote(e[0]) in lazy],
    )


def version(items: list[Entry]) -> str:
    return hashlib.sha256(json.dumps(items).encode()).hexdigest()[:HASH_DIGITS]


def render(template: str, found: Lists) -> str:
    """overrides/sw.js with the lists and the version filled in."""
    for marker in (LIST_MARKER, LAZY_MARKER, VERSION_MARKER):
        if template.count(marker) != 1:
            raise RuntimeError(f"{SW_FILE}: expected the marker {marker!r} exactly once")

    def listing(items: list[Entry]) -> str:
        return json.dumps([list(item) for item in items], separators=(",", ":"))

    return (
        template.replace(LIST_MARKER, listing(found.precache))
        .replace(LAZY_MARKER, listing(found.lazy))
        .replace(VERSION_MARKER, json.dumps(found.version))
    )


def write(site: Path, lazy: Collection[str] = ()) -> int:
    """Fill in site/sw.js; returns the number of precached files."""
    worker = site / SW_FILE
    found = lists(site, lazy)
    worker.write_text(render(worker.read_text(encoding="utf-8"), found), encoding="utf-8")
    return len(found.precache)


def read_lists(site: Path) -> dict[str, str]:
    """The precache list of a built site's sw.js, path -> hash (for the bench)."""
    text = (site / SW_FILE).read_text(encoding="utf-8")
    start = text.index("const PRECACHE = ") + len("const PRECACHE = ")
    items, _ = json.JSONDecoder().raw_decode(text[start:])
    return {str(path): str(digest) for path, digest in items}


def transfer(site: Path, paths: Collection[str]) -> int:
    """Bytes on the wire for these files, gzipped as GitHub Pages serves them."""
    return sum(len(gzip.compress((site / unquote(p)).read_bytes(), 6, mtime=0)) for p in paths)


def update_cost(old: Path, new: Path) -> tuple[int, int]:
    """(bytes a worker that had `old` fetches to install `new`, bytes a first install
    of `new` fetches): the changed or new precached files plus sw.js itself."""
    before, after = read_lists(old), read_lists(new)
    changed = [p for p, digest in after.items() if before.get(p) != digest]
    worker = transfer(new, [SW_FILE])
    return transfer(new, changed) + worker, transfer(new, list(after)) + worker
