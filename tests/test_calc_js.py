"""docs/assets/javascripts/exercises.js must compute and word exactly what macros/calc.py does.

Node loads the JavaScript file (it exports its functions when `module` exists), runs the same cases,
and the results, the report texts and the error codes/messages/fields are compared with Python's.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from macros import calc

JS_FILE = Path(__file__).resolve().parent.parent / "docs" / "assets" / "javascripts" / "exercises.js"

# Reads [{"fn": name, "args": [...], "report": name|null}, ...] on stdin, prints the outcomes.
DRIVER = r"""
const api = require(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = cases.map((c) => {
  try {
    let value = api[c.fn](...c.args);
    if (c.report) value = api[c.report](value);
    return { value: value };
  } catch (error) {
    if (!(error instanceof api.CalcError)) throw error;
    return { error: { code: error.code, message: error.message, field: error.field } };
  }
});
process.stdout.write(JSON.stringify(out));
"""

EXAMPLE = [1, 2, 3, 4, 6, 12, 18, 20, 38, 56, 40]
NAMES = ["Noord", "Midden", "Zuid"]

NPS_CASES: list[list[Any]] = [
    EXAMPLE,
    [36, 0, 0, 0, 0, 0, 0, 24, 0, 0, 20],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 7],  # all promoters
    [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0],  # all detractors
    [0, 0, 0, 0, 0, 0, 0, 3, 4, 0, 0],  # only passives
    [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2],  # 33,33
    [0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 1],  # +12,5 -> +13
    [1, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0],  # -12,5 -> -13
    [0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 1],
    [999_999, 3, 0, 0, 0, 0, 0, 0, 0, 0, 1_000_000],
    [0] * 11,  # empty
    [1, 1, 1, -1, 1, 1, 1, 1, 1, 1, 1],
    [1, 1, 1, 1, 2.5, 1, 1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1_000_001],
    [1] * 10,
]

TARGET_CASES: list[list[Any]] = [
    [2_400_000, [25, 45, 30], [560_000, 1_120_000, 640_000], NAMES],
    [1_200_000, [40, 35, 25], [500_000, 450_000, 300_000], NAMES],
    [1_200_000, [40, 35, 25], [500_000, 390_000, 260_000], NAMES],
    [1_000, [50, 50], [600, 400], ["A", "B"]],
    [1_000, [50, 50], [500, 500], ["A", "B"]],
    [100, [33.3, 33.3, 33.4], [0, 0, 0], NAMES],
    [1, [50, 50], [0, 0], ["A", "B"]],
    [1_000_001, [33.3, 33.3, 33.4], [1, 2, 3], NAMES],
    [10**12, [12.5, 87.5], [10**12, 0], ["A", "B"]],
    [7, [0, 100], [0, 7], ["A", "B"]],
    [1_200_000, [40, 35, 20], [1, 1, 1], NAMES],  # shares 95 %
    [0, [50, 50], [1, 1], ["A", "B"]],
    [10.5, [50, 50], [1, 1], ["A", "B"]],
    [100, [50, 33.33, 16.67], [1, 1, 1], NAMES],
    [100, [150, -50], [1, 1], ["A", "B"]],
    [100, [50, 50], [1, -1], ["A", "B"]],
    [100, [50, 50], [1], ["A", "B"]],
]

FORMAT_CASES: list[tuple[str, int]] = [
    (name, value)
    for name in ("fmt_int", "fmt_tenths", "fmt_signed_tenths", "fmt_pct", "fmt_euro", "fmt_signed_euro")
    for value in (0, 5, -5, 10, 999, 1000, -1000, 123_456, 2_400_000, -80_000, 10**12)
    if not (name == "fmt_euro" and value < 0)
]


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def run_node(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the JavaScript arithmetic cannot be checked (install Node 20)")
    proc = subprocess.run(
        [node, "-e", DRIVER, str(JS_FILE)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result: list[dict[str, Any]] = json.loads(proc.stdout)
    return result


def run_python(
    fn: Callable[..., Any], args: list[Any], report: Callable[[Any], Any] | None
) -> dict[str, Any]:
    try:
        value = fn(*args)
        if report is not None:
            value = report(value)
    except calc.CalcError as error:
        return {"error": {"code": error.code, "message": error.message, "field": error.field}}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    # Through JSON, so tuples become lists as in JavaScript.
    plain: dict[str, Any] = json.loads(json.dumps({"value": value}))
    return plain


def compare(name: str, report: str | None, cases: list[list[Any]]) -> None:
    js = run_node(
        [{"fn": camel(name), "args": args, "report": camel(report) if report else None} for args in cases]
    )
    fn = getattr(calc, name)
    report_fn = getattr(calc, report) if report else None
    for args, js_out in zip(cases, js, strict=True):
        assert js_out == run_python(fn, args, report_fn), f"{name}{tuple(args)}"


def test_nps_results_agree() -> None:
    compare("nps", None, [[counts] for counts in NPS_CASES])


def test_nps_reports_agree() -> None:
    compare("nps", "nps_report", [[counts] for counts in NPS_CASES])


def test_target_split_results_agree() -> None:
    compare("target_split", None, TARGET_CASES)


def test_target_reports_agree() -> None:
    compare("target_split", "target_report", TARGET_CASES)


def test_round_div_agrees() -> None:
    cases = [[n, d] for n in (-7, -5, -4, -1, 0, 1, 4, 5, 7, 10**15 + 1) for d in (1, 2, 3, 8, 1000)]
    js = run_node([{"fn": "roundDiv", "args": args, "report": None} for args in cases])
    assert [out["value"] for out in js] == [calc.round_div(n, d) for n, d in cases]


def test_formatting_agrees() -> None:
    js = run_node([{"fn": camel(name), "args": [value], "report": None} for name, value in FORMAT_CASES])
    assert [out["value"] for out in js] == [getattr(calc, name)(value) for name, value in FORMAT_CASES]


# The form parsing exists only in JavaScript: the page's inputs are text.
PARSE_CASES: list[tuple[str, str, float | None]] = [
    ("parseCount", "", 0),
    ("parseCount", " 12 ", 12),
    ("parseCount", "-3", -3),  # parsed, then rejected by nps() with a message
    ("parseCount", "2.5", 2.5),
    ("parseCount", "twaalf", None),
    ("parseAmount", "2400000", 2_400_000),
    ("parseAmount", "2.400.000", 2_400_000),
    ("parseAmount", "€ 2 400 000", 2_400_000),
    ("parseAmount", "€\u00a0560.000", 560_000),
    ("parseAmount", "0", 0),
    ("parseAmount", "", None),
    ("parseAmount", "1.5", None),
    ("parseAmount", "2.400.000,50", None),
    ("parseAmount", "-5", None),
    ("parseShare", "25", 25),
    ("parseShare", "33,3", 33.3),
    ("parseShare", "33.3", 33.3),
    ("parseShare", "25 %", 25),
    ("parseShare", "", None),
    ("parseShare", "veel", None),
]


def test_form_parsing() -> None:
    js = run_node([{"fn": fn, "args": [text], "report": None} for fn, text, _ in PARSE_CASES])
    # JSON turns NaN into null.
    assert [out["value"] for out in js] == [expected for _, _, expected in PARSE_CASES]


@pytest.mark.parametrize("name", ["exercises.js", "quiz.js"])
def test_no_syntax_beyond_es2017(name: str) -> None:
    source = (JS_FILE.parent / name).read_text(encoding="utf-8")
    for newer in ("?.", "??", "...", "import ", "export "):
        assert newer not in source, f"{name}: {newer!r} is newer than ES2017 or a module feature"
    proc = subprocess.run(
        ["node", "--check", str(JS_FILE.parent / name)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
