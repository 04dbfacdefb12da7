"""The course the engine builds: its folder and its settings.

A course is a folder with `mkdocs.yml`, `docs/` (its pages) and `data/` (its register,
questions, cases, diagrams and `course.yml`); course-specific kinds of diagram live in its
`diagrams/` folder. The engine (this package, `overrides/`) knows no course: everything it
needs to name or count comes from here.

`data/course.yml` holds what the engine needs beyond the data files:

    storage: celbiologie         # the browser's storage namespace (never change it)
    files: celbiologie           # stem of the download names (PDF, EPUB, zip, progress file)
    short_name: Celbiologie      # the installed app's name under its icon
    app_description: ...         # the installed app's description
    flashcards:
      files: celbiologie-begrippen  # flashcards/<files>.csv and <files>-anki.txt
      card_prefix: celbiologie   # card ids <card_prefix>-<concept id>, kept across versions
    study_pages: {voortgang: voortgang.md, herhalen: herhalen.md, toets: toets.md}
    practice_test: {mc: 10, open: 2, course_mc: 20, course_open: 3, mc_minutes: 1.5, point_minutes: 1.5}
    common_words: [...]          # words that never get a tooltip
    absolute_words: [...]        # words that make an option absolute (the question lint)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from .errors import DataError
from .schema import SLUG, Node, load_file

DATA = "data"
SETTINGS_FILE = "course.yml"
STUDY_VIEWS = ("voortgang", "herhalen", "toets")
PRACTICE_KEYS = ("mc", "open", "course_mc", "course_open", "mc_minutes", "point_minutes")


@dataclass(frozen=True)
class Settings:
    storage: str
    files: str
    short_name: str  # the app's name under its icon
    app_description: str
    flashcard_files: str
    card_prefix: str
    practice_test: Mapping[str, float]
    study_pages: Mapping[str, str]  # study view (voortgang, herhalen, toets) -> the docs page showing it
    common_words: frozenset[str]
    absolute_words: tuple[str, ...]


def _slug(node: Node, name: str) -> str:
    value = node.text(name)
    if not SLUG.fullmatch(value):
        raise DataError(
            node.source, f"{value!r} is not a slug (lower-case letters, digits, '-')", node.path(name)
        )
    return value


def _words(node: Node, name: str) -> list[str]:
    words = node.strings(name)
    for i, word in enumerate(words):
        if word != " ".join(word.casefold().split()):
            raise DataError(
                node.source, f"write {word!r} in lower case, single spaces", node.path(f"{name}[{i}]")
            )
    return words


def _settings(root: Node) -> Settings:
    cards = root.child("flashcards")
    test = root.child("practice_test")
    practice = {key: test.number(key) for key in PRACTICE_KEYS}
    for key in ("mc", "open", "course_mc", "course_open"):
        if practice[key] != int(practice[key]) or practice[key] < 0:
            raise DataError(root.source, "expected a whole number of questions", test.path(key))
    for key in ("mc_minutes", "point_minutes"):
        if practice[key] <= 0:
            raise DataError(root.source, "expected minutes above 0", test.path(key))
    pages = root.child("study_pages")
    study_pages = {view: pages.text(view) for view in STUDY_VIEWS}
    for view, page in study_pages.items():
        if not page.endswith(".md") or page.startswith(("/", ".")):
            raise DataError(root.source, f"{page!r} is not a docs path of a .md page", pages.path(view))
    return Settings(
        storage=_slug(root, "storage"),
        short_name=root.text("short_name"),
        app_description=root.text("app_description"),
        files=_slug(root, "files"),
        flashcard_files=_slug(cards, "files"),
        card_prefix=_slug(cards, "card_prefix"),
        practice_test=MappingProxyType(practice),
        study_pages=MappingProxyType(study_pages),
        common_words=frozenset(_words(root, "common_words")),
        absolute_words=tuple(_words(root, "absolute_words")),
    )


def load_settings(data_dir: Path) -> Settings:
    """The course's settings (`data/course.yml`), read again only when the file changes."""
    path = data_dir / SETTINGS_FILE
    if not path.is_file():
        return load_file(path, _settings)  # raises "data file not found"
    stat = path.stat()
    return _cached(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _cached(path: str, mtime_ns: int, size: int) -> Settings:
    return load_file(Path(path), _settings)


@dataclass(frozen=True)
class Course:
    """Where a course's parts are. `root` holds mkdocs.yml."""

    root: Path

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def data_dir(self) -> Path:
        return self.root / DATA

    @property
    def concepts_file(self) -> Path:
        return self.data_dir / "concepts.yml"

    @property
    def quizzes_file(self) -> Path:
        return self.data_dir / "quizzes.yml"

    @property
    def ids_record(self) -> Path:
        return self.data_dir / "published-ids.txt"

    @property
    def diagrams_dir(self) -> Path:
        return self.root / "diagrams"

    @property
    def settings(self) -> Settings:
        return load_settings(self.data_dir)
