"""Diagram registry: a name used in pages maps to a data file, a loader and a renderer.

Every diagram module has three things:

- `LIMITS` (a `limits.Limits`): the schema's limits, stated once — the maximum
  length of every label (`"steps[].term": 40`), the minimum and maximum number
  of items of every list (`"steps": (2, 7)`), the allowed values of a fixed
  choice. The loader reads through `LIMITS`, so an over-long label stops the
  build with `<file>: steps[2].term: label too long (max 40 characters)`.
- `load(node, concepts) -> Data`: validates the YAML (a `schema.Node`) into a
  frozen dataclass. `concepts` is the concept register: an item that names a
  `concept:` takes its term (unless the YAML gives a shorter label) and its
  definition from the register, and a YAML `definition` next to a `concept` is
  an error (one source for each fact). Register definitions are used as plain
  text (`definitions.definition_text`: Markdown in a definition becomes plain text). `Data` has a
  `concept_ids()` method listing every concept it links to.
- `render(data, uid) -> str`: pure; one compact `<figure>` with an accessible
  `<svg>` (`svg.new_svg`: role=img, `<title>` and `<desc>`, ids prefixed with
  `uid`). It must handle any data within `LIMITS`: wrap every label with
  `svg.wrap` (which splits words longer than a line) and size shapes from the
  wrapped lines. Layout contract for the label test: a `<text>` belongs to the
  first rect/polygon/circle that is a direct child of the text's parent
  element (so give each item its own `<g>` holding its shape first), or, when
  that parent has none, to the viewBox.

Kinds of diagram are found, not listed: the engine's own generic kinds are the
modules in this folder named in ENGINE_KINDS (funnel, model_map); a course's own
kinds are the modules in its `diagrams/` folder (`<course>/diagrams/<name>.py`,
importing what they need from `macros`). A kind's data is the course's
`data/diagrams/<name>.yml`. To add a new kind of diagram to a course:

1. write `<course>/diagrams/<name>.py` with `LIMITS`, `load` and `render`
   (copy the shape of an existing one);
2. add its data as `data/diagrams/<name>.yml` (its comment header says
   what each key means);
3. place it in a page with `{{ diagram("<name>") }}` alone on a line.

The generic tests pick it up without edits: tests/test_diagrams.py renders every
diagram kind with the longest labels and the most (and fewest) items its
LIMITS allow and checks for negative or non-finite sizes, and
tests/browser/test_diagram_labels.py checks in Chromium, at 360 px and 1280 px,
that every label stays inside its shape. Add a golden file
(`UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_diagrams.py`) and tests of the
diagram's own order and layout.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from ..concepts import Concept, load_concepts
from ..discovery import course_module
from ..errors import DataError
from ..schema import SLUG, Node, display_path, load_file
from .limits import Limits

Concepts = Mapping[str, Concept]
ENGINE_KINDS = ("funnel", "model_map")  # generic kinds every course may use
COURSE_KINDS = "diagrams"  # a course's own kinds: <course>/diagrams/<name>.py


@dataclass(frozen=True)
class Diagram:
    load: Callable[[Node, Concepts], Any]
    render: Callable[[Any, str], str]
    limits: Limits
    module: ModuleType

    @classmethod
    def of(cls, module: ModuleType) -> Diagram:
        missing = [name for name in ("LIMITS", "load", "render") if not hasattr(module, name)]
        if missing:
            where = display_path(Path(module.__file__ or module.__name__))
            raise DataError(
                where, f"a kind of diagram needs {', '.join(missing)} (see macros/diagrams/__init__.py)"
            )
        return cls(module.load, module.render, module.LIMITS, module)


def kinds(course_root: Path) -> dict[str, Diagram]:
    """Every kind of diagram the course can use: the engine's and its own, by name. A
    course module is imported again when its file changes (make serve)."""
    folder = course_root / COURSE_KINDS
    files = sorted(folder.glob("*.py")) if folder.is_dir() else []
    stamps = tuple(
        (str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if not f.name.startswith("_")
    )
    return dict(_kinds(stamps))


@lru_cache(maxsize=8)
def _kinds(stamps: tuple[tuple[str, int, int], ...]) -> dict[str, Diagram]:
    out = {name: Diagram.of(importlib.import_module(f"{__name__}.{name}")) for name in ENGINE_KINDS}
    for path, _, _ in stamps:
        file = Path(path)
        if not SLUG.fullmatch(file.stem.replace("_", "-")):
            raise DataError(display_path(file), "name a kind of diagram in lower case with '_' between words")
        if file.stem in out:
            raise DataError(
                display_path(file), f"{file.stem!r} is a kind the engine has already: choose another name"
            )
        out[file.stem] = Diagram.of(course_module(file, COURSE_KINDS))
    return out


def data_path(name: str, data_dir: Path) -> Path:
    return data_dir / "diagrams" / f"{name}.yml"


def load_diagram(
    name: str, data_dir: Path, concepts: Concepts | None = None, kind: Diagram | None = None
) -> Any:
    """Load and validate one diagram's data (raises DataError naming file and key).
    `data_dir` is the course's data folder (its kinds are in the folder next to it).

    `kind` is the kind to load it as (default: the course's kind of that name).
    `concepts` is the loaded register; without it, data_dir/concepts.yml is
    loaded (after the diagram's own file, so its errors come first)."""
    if kind is None:
        known = kinds(data_dir.parent)
        if name not in known:
            raise DataError(display_path(data_path(name, data_dir)), f"no kind of diagram is named {name!r}")
        kind = known[name]
    loader = kind.load

    def load(node: Node) -> Any:
        register = concepts if concepts is not None else load_concepts(data_dir / "concepts.yml")
        return loader(node, register)

    return load_file(data_path(name, data_dir), load)
