"""The engine knows no course: no file of it (macros/, overrides/, tools/, outside vendored
code) names the Sales course, its cases or its concepts. The course is mkdocs.yml, docs/,
data/, diagrams/ and exercises/; tests/ may name it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from macros.concepts import load_concepts
from tests.sales import CONCEPTS_FILE, DATA_DIR, ROOT

ENGINE = ("macros", "overrides", "tools")
SKIP = {"vendor", "node_modules", "__pycache__"}
TEXT = {".py", ".js", ".css", ".html", ".yml", ".md", ".txt", ".cjs", ".json"}


def sales_words() -> set[str]:
    """What only the Sales course says: its name, the names in its cases, and its concepts'
    ids, multi-word terms and abbreviations (single ordinary words such as "service" are
    words of any course)."""
    cases = yaml.safe_load((DATA_DIR / "cases.yml").read_text(encoding="utf-8"))["cases"]
    words = {"sales"} | {name for names in cases.values() for name in names}
    for concept in load_concepts(CONCEPTS_FILE).values():
        words |= {w for w in (concept.id, concept.term) if "-" in w or " " in w}
        if concept.abbr and len(concept.abbr) >= 3:
            words.add(concept.abbr)
    return words


def engine_files() -> list[Path]:
    return sorted(
        p
        for folder in ENGINE
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and p.suffix in TEXT and not SKIP & set(p.relative_to(ROOT).parts)
    )


def test_the_word_list_finds_what_it_looks_for() -> None:
    words = sales_words()
    assert {"sales", "Hanzeboon", "NPS"} <= words, sorted(words)[:20]


def test_no_engine_file_names_the_sales_course() -> None:
    words = sorted(sales_words(), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])", re.IGNORECASE)
    found = [
        f"{path.relative_to(ROOT)}:{n}: {match.group(0)}"
        for path in engine_files()
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        for match in pattern.finditer(line)
    ]
    assert found == []


def imports(package: str) -> dict[str, set[str]]:
    """Module -> the modules of `package` it imports (at the top or inside a function): a
    `from .x import y` counts y when y is a module, else x."""
    modules = {}
    for path in (ROOT / package).rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        modules[name] = path
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        base = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                parts = base.split(".")
                target = ".".join([*parts[: len(parts) - node.level + 1], node.module or ""]).strip(".")
                if not node.level:
                    target = node.module or ""
                subs = {f"{target}.{a.name}" for a in node.names} & modules.keys()
                graph[name] |= (subs or ({target} & modules.keys())) - {name}
            elif isinstance(node, ast.Import):
                graph[name] |= {a.name for a in node.names} & modules.keys()
    return graph


def test_the_engine_has_no_import_cycle() -> None:
    graph = imports("macros")
    assert "macros.outputs" in graph["macros"] and graph["macros.model"], "the import graph is read"
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt in path:
                cycles.append(" -> ".join([*path[path.index(nxt) :], nxt]))
            elif len(path) < 15:
                visit(nxt, [*path, nxt])

    for start in sorted(graph):
        visit(start, [start])
    assert cycles == []
