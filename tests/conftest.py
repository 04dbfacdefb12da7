"""Shared fixtures: one strict build of the whole site per test run (shared by the
pytest-xdist workers of `make test`: the first builds, the others wait for it).

Markers (pyproject.toml): `browser` (tests/browser, added there), `build` (tests that
run builds of their own), `paper` (tests that need the PDF or the EPUB). `make check`
runs the rest on one build without the PDF (SS_PAPER=0)."""

from __future__ import annotations

import fcntl
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tools.build import build

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Built:
    site: Path
    zip: Path
    offline: Path  # the zip, unpacked: the folder that holds index.html

    def pages(self) -> list[str]:
        """Every built HTML page a reader can open, site-relative, sorted."""
        skip = {"404.html"}
        return sorted(
            p.relative_to(self.site).as_posix()
            for p in self.site.rglob("*.html")
            if p.relative_to(self.site).as_posix() not in skip and p.relative_to(self.site).parts[0] != "c"
        )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that need no site build first (a stable sort): while one process makes the
    shared build, the other has work that does not wait for it. The tests of a module with
    module-scoped fixtures (a build of its own, the PDF's text) stay in one process
    (pytest-xdist --dist loadgroup), so those fixtures run once; the rest are spread."""
    items.sort(key=lambda item: "built" in getattr(item, "fixturenames", ()))
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        defs = info.name2fixturedefs.values() if info is not None else ()
        if any(d.scope == "module" for chain in defs for d in chain):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))


@contextmanager
def locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # the kernel drops it if the holder dies
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Built:
    base = tmp_path_factory.getbasetemp()
    if hasattr(request.config, "workerinput"):  # a pytest-xdist worker: share the run's folder
        base = base.parent
    out = base / "shared-build"
    with locked(base / "shared-build.lock"):
        done = out / "archive.txt"  # written last: the build and its unpacked zip are complete
        if not done.is_file():
            out.mkdir(exist_ok=True)
            archive = build(ROOT, out / "site", out / "dist")
            with zipfile.ZipFile(archive) as zf:
                zf.extractall(out / "unzipped")
            done.write_text(archive.name, encoding="utf-8")
        archive = out / "dist" / done.read_text(encoding="utf-8")
    return Built(site=out / "site", zip=archive, offline=out / "unzipped" / "sales-studiesite")
