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
  text (`register.definition_text`: Markdown in a definition becomes plain text). `Data` has a
  `concept_ids()` method listing every concept it links to.
- `render(data, uid) -> str`: pure; one compact `<figure>` with an accessible
  `<svg>` (`svg.new_svg`: role=img, `<title>` and `<desc>`, ids prefixed with
  `uid`). It must handle any data within `LIMITS`: wrap every label with
  `svg.wrap` (which splits words longer than a line) and size shapes from the
  wrapped lines. Layout contract for the label test: a `<text>` belongs to the
  first rect/polygon/circle that is a direct child of the text's parent
  element (so give each item its own `<g>` holding its shape first), or, when
  that parent has none, to the viewBox.

To add a new kind of diagram:

1. write `macros/diagrams/<name>.py` with `LIMITS`, `load` and `render`;
2. add its data as `macros/data/diagrams/<name>.yml` (its comment header says
   what each key means);
3. import the module below and add it to `DIAGRAMS`;
4. place it in a page with `{{ diagram("<name>") }}` alone on a line.

The generic tests pick it up without edits: tests/test_diagrams.py renders every
registered diagram with the longest labels and the most (and fewest) items its
LIMITS allow and checks for negative or non-finite sizes, and
tests/browser/test_diagram_labels.py checks in Chromium, at 360 px and 1280 px,
that every label stays inside its shape. Add a golden file
(`UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_diagrams.py`) and tests of the
diagram's own order and layout.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from ..concepts import Concept, load_concepts
from ..schema import Node, load_file
from . import (
    balanced_scorecard,
    ladder,
    model_map,
    nps_scale,
    sales_steps,
    sales_versions,
    target_setting,
    value_chain,
    value_disciplines,
)
from .limits import Limits

Concepts = Mapping[str, Concept]


@dataclass(frozen=True)
class Diagram:
    load: Callable[[Node, Concepts], Any]
    render: Callable[[Any, str], str]
    limits: Limits

    @classmethod
    def of(cls, module: ModuleType) -> Diagram:
        return cls(module.load, module.render, module.LIMITS)


DIAGRAMS: dict[str, Diagram] = {
    "ladder": Diagram.of(ladder),
    "value_chain": Diagram.of(value_chain),
    "nps_scale": Diagram.of(nps_scale),
    "value_disciplines": Diagram.of(value_disciplines),
    "balanced_scorecard": Diagram.of(balanced_scorecard),
    "target_setting": Diagram.of(target_setting),
    "sales_steps": Diagram.of(sales_steps),
    "sales_versions": Diagram.of(sales_versions),
    "model_map": Diagram.of(model_map),
}


def data_path(name: str, data_dir: Path) -> Path:
    return data_dir / "diagrams" / f"{name}.yml"


def load_diagram(name: str, data_dir: Path, concepts: Concepts | None = None) -> Any:
    """Load and validate one diagram's data (raises DataError naming file and key).

    `concepts` is the loaded register; without it, data_dir/concepts.yml is
    loaded (after the diagram's own file, so its errors come first)."""

    def load(node: Node) -> Any:
        register = concepts if concepts is not None else load_concepts(data_dir / "concepts.yml")
        return DIAGRAMS[name].load(node, register)

    return load_file(data_path(name, data_dir), load)
