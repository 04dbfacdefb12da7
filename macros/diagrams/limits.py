"""What a diagram's YAML may hold, stated once per diagram module as LIMITS.

A `Limits` names every label by its path with list indices left out
(`steps[].term`) and gives its maximum length in characters, every list with
its minimum and maximum number of items, and every field with a fixed set of
values. The loader reads its data through these methods, so the limits it
states are the limits it enforces:

    LIMITS = Limits(
        chars={"title": 120, "steps[].term": 40},
        items={"steps": (2, 7)},
    )
    steps = LIMITS.children(node, "steps")
    term = LIMITS.text(step, "term")        # "label too long (max 40 characters)"

The render function may rely on them: any data within the limits renders
with every label inside its shape (tests/browser/test_diagram_labels.py
renders every registered diagram with the longest labels and the most items
allowed).

Items that name a `concept` take their term and definition from the concept
register (data/concepts.yml); see `concept()` and `register_text()`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .. import svg
from ..concepts import Concept
from ..errors import DataError
from ..schema import Node

INDEX = re.compile(r"\[\d+\]")
# The text a diagram's character limits were designed and tested with (ordinary
# long Dutch words). A label may hold at most `limit` characters and be no wider
# (macros/svg.py's width table, unlisted characters as the widest glyph) than
# `limit` characters of this text, so any label within its limits fits its shape.
# (The words run together, as in the tests' unbroken variant: the widest of the two.)
# Real labels have capitals and brackets ("Wet op de inkomstenbelasting (Wet IB)"):
# MIXED_CASE times as wide is allowed (and tested at that width).
MIXED_CASE = 1.15
REFERENCE = "Klantgerichtheidsladderondernemingsdoelstellingenenaccountmanagementmarktonderzoek"


def max_width(limit: int) -> float:
    """The widest a label of at most `limit` characters may be, in em (bold)."""
    return svg.text_width((REFERENCE * (limit // len(REFERENCE) + 1))[:limit], 1, bold=True) * MIXED_CASE


def generic(path: str) -> str:
    """`steps[2].term` -> `steps[].term`: the form LIMITS uses."""
    return INDEX.sub("[]", path)


@dataclass(frozen=True)
class Limits:
    chars: Mapping[str, int]
    items: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def max_chars(self, node: Node, name: str) -> int:
        key = generic(node.path(name))
        if key not in self.chars:
            raise KeyError(f"LIMITS states no length for {key!r}")  # a programming error
        return self.chars[key]

    def check(self, node: Node, name: str, value: str, key: str | None = None, origin: str = "") -> str:
        """Refuse a label longer than the limit for node.name (reported at `key`)."""
        limit = self.max_chars(node, name)
        if len(value) > limit:
            raise DataError(
                node.source, f"label too long (max {limit} characters){origin}", key or node.path(name)
            )
        if svg.text_width(value, 1, bold=True) > max_width(limit):
            raise DataError(
                node.source,
                f"label too wide: its characters are wider than ordinary text, so {limit} of them "
                f"would not fit (shorten it){origin}",
                key or node.path(name),
            )
        return value

    def text(self, node: Node, name: str) -> str:
        return self.check(node, name, node.text(name))

    def optional_text(self, node: Node, name: str) -> str | None:
        value = node.optional_text(name)
        return None if value is None else self.check(node, name, value)

    def children(self, node: Node, name: str) -> list[Node]:
        low, high = self.items[generic(node.path(name))]
        return node.children(name, minimum=low, maximum=high)

    def choice(self, node: Node, name: str) -> str:
        allowed = self.choices[generic(node.path(name))]
        value = node.text(name)
        if value not in allowed:
            raise DataError(node.source, f"{value!r} is not one of {', '.join(allowed)}", node.path(name))
        return value

    # -- items linked to the concept register ---------------------------------

    def register_text(
        self, node: Node, name: str, concept: Concept | None, value: str | None, *, required: bool = True
    ) -> str | None:
        """The label `name` of an item: its own text if the YAML gives one, else
        the register's (`value`), checked against the same limit."""
        own = self.optional_text(node, name)
        if own is not None:
            return own
        if concept is None:
            if required:
                node.text(name)  # raises "missing required key"
            return None
        if value is None:
            return None
        origin = f": the {name} of concept {concept.id!r} in the concept register"
        return self.check(node, name, value, node.path("concept"), origin)

    def register_only(
        self, node: Node, name: str, concept: Concept | None, value: str | None, *, required: bool = True
    ) -> str | None:
        """A field that comes from the register when the item names a concept:
        then the YAML must not repeat it (one source for each fact)."""
        if concept is None:
            return self.text(node, name) if required else self.optional_text(node, name)
        if node.optional_text(name) is not None:
            raise DataError(
                node.source,
                f"remove this key: a step with a concept takes its {name} from the concept "
                f"register (concept {concept.id!r} in data/concepts.yml)",
                node.path(name),
            )
        if value is None:
            return None
        origin = f": the {name} of concept {concept.id!r} in the concept register"
        return self.check(node, name, value, node.path("concept"), origin)


def concept(node: Node, concepts: Mapping[str, Concept]) -> Concept | None:
    """The register entry an item names with `concept:`, if any."""
    cid = node.optional_slug("concept")
    if cid is None:
        return None
    if cid not in concepts:
        raise DataError(
            node.source, f"unknown concept id {cid!r} (not in data/concepts.yml)", node.path("concept")
        )
    return concepts[cid]
