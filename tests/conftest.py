"""Shared fixtures: one strict build of the whole site per test session."""

from __future__ import annotations

import zipfile
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


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("build")
    archive = build(ROOT, out / "site", out / "dist")
    unpacked = out / "unzipped"
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(unpacked)
    return Built(site=out / "site", zip=archive, offline=unpacked / "sales-studiesite")
