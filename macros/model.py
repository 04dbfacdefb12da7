"""The course model: everything the engine knows about a course, loaded once.

`load_model(root, docs_dir, nav)` reads the course's settings, register, questions, kinds of
diagram, diagrams, calculators and chapters into one frozen object and checks how they fit
together (questions for pages that exist, diagram data for known kinds, every concept a
diagram names in the register). The macros (macros/site.py) and the outputs
(macros/outputs.py) read it; the Markdown extension (macros/tooltips.py) reads the same
register through the same cached loader. It is loaded again only when a file of the course's
data or code, or the nav, changes (once per `make serve` rebuild that changed one), and at
most a few versions are kept.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .concepts import Concept, check_references, load_concepts
from .course import Course, Settings
from .diagrams import Diagram, data_path, kinds, load_diagram
from .errors import DataError
from .exercises import Renderer, exercises
from .quiz import Question, load_quizzes
from .schema import display_path
from .study import Chapter, chapters


@dataclass(frozen=True)
class CourseModel:
    course: Course
    settings: Settings
    concepts: Mapping[str, Concept]
    quizzes: Mapping[str, tuple[Question, ...]]
    kinds: Mapping[str, Diagram]
    diagrams: Mapping[str, Any]  # diagram name -> its loaded data
    exercises: Mapping[str, Renderer]
    chapters: tuple[Chapter, ...]
    nav: Any


def _stamps(course: Course) -> tuple[tuple[str, int, int], ...]:
    files = [
        p
        for folder in (course.data_dir, course.diagrams_dir, course.root / "exercises")
        if folder.is_dir()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in {".yml", ".txt", ".py"}
    ]
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def load_model(root: Path, docs_dir: Path, nav: Any) -> CourseModel:
    """The model of the course in `root` (raises DataError naming file and key)."""
    return _load(str(root), str(docs_dir), json.dumps(nav, sort_keys=True), _stamps(Course(root)))


@lru_cache(maxsize=4)
def _load(root: str, docs: str, nav_json: str, stamps: tuple[tuple[str, int, int], ...]) -> CourseModel:
    course = Course(Path(root))
    docs_dir = Path(docs)
    nav = json.loads(nav_json)
    data_dir = course.data_dir
    concepts = load_concepts(course.concepts_file, docs_dir)
    quizzes = load_quizzes(course.quizzes_file)
    for page in quizzes:
        if not (docs_dir / page).is_file():
            raise DataError(display_path(course.quizzes_file), "page does not exist in docs/", page)
    # Every diagram is loaded up front, so bad data fails the build even if no page uses it
    # yet. A kind without data is only an error when a page uses it; data without a kind is.
    known = kinds(course.root)
    folder = data_dir / "diagrams"
    for file in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        if file.stem not in known:
            names = ", ".join(sorted(known))
            raise DataError(display_path(file), f"no kind of diagram is named {file.stem!r} (kinds: {names})")
    diagrams: dict[str, Any] = {}
    for name in [n for n in known if data_path(n, data_dir).is_file()]:
        data = load_diagram(name, data_dir, concepts)
        if hasattr(data, "concept_ids"):
            check_references(display_path(data_path(name, data_dir)), data.concept_ids(), concepts)
        diagrams[name] = data
    return CourseModel(
        course=course,
        settings=course.settings,
        concepts=MappingProxyType(dict(concepts)),
        quizzes=MappingProxyType(dict(quizzes)),
        kinds=MappingProxyType(known),
        diagrams=MappingProxyType(diagrams),
        exercises=MappingProxyType(exercises(course.root)),
        chapters=tuple(chapters(nav)),
        nav=nav,
    )
