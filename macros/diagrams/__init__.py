"""Diagram registry: a name used in pages maps to a data file, a loader and a renderer.

To add a diagram: write a module with `load(node) -> Data` and a pure
`render(data, uid) -> str`, add its YAML under macros/data/diagrams/, and list
it in DIAGRAMS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..schema import DATA_DIR, Node, load_file
from . import (
    balanced_scorecard,
    ladder,
    nps_scale,
    sales_steps,
    sales_versions,
    target_setting,
    value_chain,
    value_disciplines,
)


@dataclass(frozen=True)
class Diagram:
    load: Callable[[Node], Any]
    render: Callable[[Any, str], str]


DIAGRAMS: dict[str, Diagram] = {
    "ladder": Diagram(ladder.load, ladder.render),
    "value_chain": Diagram(value_chain.load, value_chain.render),
    "nps_scale": Diagram(nps_scale.load, nps_scale.render),
    "value_disciplines": Diagram(value_disciplines.load, value_disciplines.render),
    "balanced_scorecard": Diagram(balanced_scorecard.load, balanced_scorecard.render),
    "target_setting": Diagram(target_setting.load, target_setting.render),
    "sales_steps": Diagram(sales_steps.load, sales_steps.render),
    "sales_versions": Diagram(sales_versions.load, sales_versions.render),
}


def data_path(name: str, data_dir: Path = DATA_DIR) -> Path:
    return data_dir / "diagrams" / f"{name}.yml"


def load_diagram(name: str, data_dir: Path = DATA_DIR) -> Any:
    """Load and validate one diagram's data (raises DataError naming file and key)."""
    return load_file(data_path(name, data_dir), DIAGRAMS[name].load)
