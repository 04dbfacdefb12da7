"""The manifest of published URLs (published-urls.txt).

Teachers paste links into assignments; none of them may ever break. The
manifest lists every URL a reader can be sent to. tests/test_urls.py fails when
a URL in it disappears from the build (rename a page? add a redirect in
mkdocs.yml `redirect_maps`) or when a new URL is not in it yet.

    python -m tools.urls site            # print the URLs of a built site
    python -m tools.urls site --update   # rewrite published-urls.txt
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "published-urls.txt"
PUBLIC_DIRS = ("c", "flashcards", "downloads")
HEADER = (
    "# Every URL of the site that a reader or teacher may link to, one per line.\n"
    "# Never remove a line: a URL that goes away needs a redirect (mkdocs.yml redirect_maps).\n"
    "# Add new URLs with: make urls\n"
)


def published(site: Path) -> list[str]:
    """Pages and the public files under c/, flashcards/ and downloads/."""
    urls = []
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel == "404.html":
            continue
        top = rel.split("/", 1)[0]
        if top in ("assets", "search", "css", "js"):
            continue
        if rel.endswith(".html") or top in PUBLIC_DIRS:
            urls.append(rel)
    return sorted(urls)


def read_manifest(path: Path = MANIFEST) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def main(argv: list[str]) -> int:
    if not argv or not Path(argv[0]).is_dir():
        print("usage: python -m tools.urls SITE_DIR [--update]", file=sys.stderr)
        return 2
    urls = published(Path(argv[0]))
    if "--update" in argv:
        keep = set(read_manifest()) if MANIFEST.exists() else set()
        MANIFEST.write_text(HEADER + "".join(f"{u}\n" for u in sorted(keep | set(urls))), encoding="utf-8")
        print(f"{MANIFEST.name}: {len(keep | set(urls))} URLs")
    else:
        print("\n".join(urls))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
