"""The exercises' arithmetic, Dutch number reading and result texts (overrides/assets/javascripts/
exercises.js, their only implementation), run in Node.

`js(expr)` evaluates a JavaScript expression with the file's exported functions in scope and
returns its value through JSON (NaN becomes None), or {"code", "message", "field"} of a CalcError.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from tests.node_process import NodeProcess, node_process

JS_FILE = Path(__file__).resolve().parent.parent / "docs" / "assets" / "javascripts" / "exercises.js"

# One Node process for the whole module: it reads a JSON list of expressions per line and answers
# with one JSON line of outcomes.
DRIVER = r"""
const api = require(process.argv[1]);
const evaluate = new Function(...Object.keys(api), "expr", "return eval(expr);");
require("readline").createInterface({ input: process.stdin }).on("line", (line) => {
  process.stdout.write(JSON.stringify(JSON.parse(line).map((expr) => {
    try {
      return { value: evaluate(...Object.values(api), expr) };
    } catch (error) {
      if (!(error instanceof api.CalcError)) throw error;
      return { error: { code: error.code, message: error.message, field: error.field } };
    }
  })) + "\n");
});
"""

NB = "\u00a0"
MINUS = "\u2212"
CUT = "Een getal met … erachter is na twee decimalen afgekapt: er volgen nog meer cijfers."
MAX_COUNT = 1_000_000
NAMES = ["Noord", "Midden", "Zuid"]


_NODE: list[NodeProcess] = []


@pytest.fixture(scope="module", autouse=True)
def _node() -> Iterator[None]:
    with node_process(["-e", DRIVER, str(JS_FILE)], "the exercises") as node:
        _NODE.append(node)
        yield
        _NODE.remove(node)


def run_node(exprs: list[str]) -> list[dict[str, Any]]:
    (node,) = _NODE
    return node.run(exprs)


def js(expr: str) -> Any:
    (out,) = run_node([expr])
    return out.get("value", out.get("error"))


def error(expr: str) -> dict[str, Any]:
    (out,) = run_node([expr])
    assert "error" in out, f"{expr} gave {out}, not a CalcError"
    result: dict[str, Any] = out["error"]
    return result


def counts(**by_score: int) -> list[int]:
    """counts(s9=5, s10=5) -> eleven counts for scores 0..10."""
    out = [0] * 11
    for key, value in by_score.items():
        out[int(key.removeprefix("s"))] = value
    return out


def nps(given: list[Any]) -> dict[str, Any]:
    result: dict[str, Any] = js(f"nps({json.dumps(given)})")
    return result


def nps_report(given: list[Any]) -> dict[str, Any]:
    result: dict[str, Any] = js(f"npsReport(nps({json.dumps(given)}))")
    return result


def split(*args: Any) -> str:
    return f"targetSplit({', '.join(json.dumps(a) for a in args)})"


# -- rounding and formatting -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("num", "den", "expected"),
    [(5, 2, 3), (-5, 2, -3), (4, 3, 1), (-4, 3, -1), (5, 3, 2), (0, 7, 0), (1, 2, 1), (-1, 2, -1), (1, 3, 0)],
)
def test_round_div_rounds_half_away_from_zero(num: int, den: int, expected: int) -> None:
    assert js(f"roundDiv({num}, {den})") == expected


def test_round_div_is_exact_up_to_large_numbers() -> None:
    cases = [(n, d) for n in (-7, -5, -4, -1, 0, 1, 4, 5, 7, 10**15 + 1) for d in (1, 2, 3, 8, 1000)]
    out = run_node([f"roundDiv({n}, {d})" for n, d in cases])
    for (n, d), got in zip(cases, out, strict=True):
        exact = Fraction(abs(n), d)
        whole = int(exact) + (1 if exact - int(exact) >= Fraction(1, 2) else 0)
        assert got["value"] == (-whole if n < 0 else whole), (n, d)


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("fmtInt(0)", "0"),
        ("fmtInt(5)", "5"),
        ("fmtInt(-5)", f"{MINUS}5"),
        ("fmtInt(999)", "999"),
        ("fmtInt(1000)", "1.000"),
        ("fmtInt(123456)", "123.456"),
        ("fmtInt(2400000)", "2.400.000"),
        ("fmtInt(-80000)", f"{MINUS}80.000"),
        ("fmtInt(1e12)", "1.000.000.000.000"),
        ("fmtPercent(480, 1000)", "48"),
        ("fmtPercent(333, 1000)", "33,3"),
        ("fmtPercent(-5, 1000)", f"{MINUS}0,5"),
        ("fmtPercent(123456, 1000)", "12.345,6"),
        ("fmtPercent(1, 8)", "12,5"),
        ("fmtPercent(1, 16)", "6,25"),
        ("fmtPercent(3, 20)", "15"),
        ("fmtPercent(0, 7)", "0"),
        ("fmtPercent(1, 3)", "33,33…"),  # cut off, never rounded up
        ("fmtPercent(2, 3)", "66,66…"),
        ("fmtPercent(-1, 6)", f"{MINUS}16,66…"),
        ("fmtPercent(1, 200000)", "0,00…"),
        ("fmtPercent(5000000000001, 10000000000000)", "50,00…"),  # exact far beyond 2**32
        ("fmtPercent(11e12, 1e12)", "1.100"),
        ("fmtEuro(0)", f"€{NB}0"),
        ("fmtEuro(80000)", f"€{NB}80.000"),
        ("fmtEuro(1e12)", f"€{NB}1.000.000.000.000"),
        ("fmtSignedEuro(40000)", f"+{NB}€{NB}40.000"),
        ("fmtSignedEuro(-80000)", f"{MINUS}{NB}€{NB}80.000"),
        ("fmtSignedEuro(0)", f"€{NB}0"),
        ("fmtSignedEuro(-5)", f"{MINUS}{NB}€{NB}5"),
        ("fmtSignedEuro(1e12)", f"+{NB}€{NB}1.000.000.000.000"),
    ],
)
def test_dutch_number_formats(expr: str, expected: str) -> None:
    assert js(expr) == expected


# -- reading Dutch numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.000", 1000),
        ("2.400.000", 2_400_000),
        ("2 400 000", 2_400_000),
        ("2400000", 2_400_000),
        ("€ 2 400 000", 2_400_000),
        ("€\u00a0560.000", 560_000),
        ("2,5", 2.5),
        ("33,3", 33.3),
        ("25 %", 25),
        ("1.000,5", 1000.5),
        ("1.000,500", 1000.5),  # the points make it Dutch: not ambiguous
        (" 12 ", 12),
        ("\u00a012\u00a0", 12),
        ("0", 0),
        ("-3", -3),  # a number; the fields refuse it with their own message
        (f"{MINUS}4", -4),
        ("+7", 7),
        ("1,0", 1),
        ("123456789012345678901234567890", 1.2345678901234568e29),  # the fields say "te groot"
        ("", None),  # NaN; an empty count field counts as 0 (exercises.js, setupNps)
        ("abc", None),
        ("twaalf", None),
        ("veel", None),
        ("1,2,3", None),
        ("1.00.000", None),
        ("1.000.00", None),
        ("1e3", None),
        (",5", None),
        ("1 5", None),
        ("1.5,3", None),
    ],
)
def test_parse_dutch(text: str, expected: float | None) -> None:
    assert js(f"parseDutch({json.dumps(text)}, 'Veld', 'x')") == expected


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("1.5", "bedoel je 1,5 of 15?"),
        ("2.5", "bedoel je 2,5 of 25?"),
        ("33.3", "bedoel je 33,3 of 333?"),
        ("10.00", "bedoel je 10,00 of 1000?"),
        ("1.0000", "bedoel je 1,0000 of 10000?"),
        ("1,000", "bedoel je 1.000 of 1?"),
        ("2,500", "bedoel je 2.500 of 2,5?"),
        ("10,000", "bedoel je 10.000 of 10?"),
        ("€ 1,000", "bedoel je 1.000 of 1?"),
    ],
)
def test_ambiguous_numbers_are_refused_with_a_question(text: str, question: str) -> None:
    shown = text.removeprefix("€ ")
    assert error(f"parseDutch({json.dumps(text)}, 'Aantal keer score 3', 'score-3')") == {
        "code": "ambiguous",
        "message": f"Aantal keer score 3: {shown} is niet duidelijk: {question} Schrijf decimalen "
        "na een komma (2,5) en een punt alleen tussen groepjes van drie cijfers (1.000).",
        "field": "score-3",
    }


def test_a_thousand_typed_the_dutch_way_counts_a_thousand() -> None:
    r = js("nps([0,0,0,0,0,0,0,0,0,0, parseDutch('1.000', 'Aantal keer score 10', 'score-10')])")
    assert (r["total"], r["promoters"], r["score_whole"]) == (1000, 1000, 100)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2,5", "Aantal keer score 10: vul een heel getal van 0 of meer in."),
        ("-3", "Aantal keer score 10: vul een heel getal van 0 of meer in."),
        ("abc", "Aantal keer score 10: vul een heel getal van 0 of meer in."),
        ("1.000.001", "Aantal keer score 10: dat is te groot (hoogstens 1.000.000)."),
        ("9" * 400, "Aantal keer score 10: dat is te groot (hoogstens 1.000.000)."),
    ],
)
def test_typed_counts_that_are_refused(text: str, message: str) -> None:
    parsed = f"parseDutch({json.dumps(text)}, 'Aantal keer score 10', 'score-10')"
    assert error(f"nps([1,0,0,0,0,0,0,0,0,0, {parsed}])")["message"] == message


@pytest.mark.parametrize(
    ("total", "code"),
    [("2.400.000,50", "total"), ("-5", "total"), ("1.000.000.000.001", "total"), ("", "total")],
)
def test_typed_amounts_that_are_refused(total: str, code: str) -> None:
    out = error(
        f"targetSplit(parseDutch({json.dumps(total)}, 'Jaartarget', 'total'), [50, 50], [1, 1], ['A', 'B'])"
    )
    assert out["code"] == code
    assert out["message"] == (
        f"Jaartarget: vul een bedrag in hele euro's in, groter dan 0 en hoogstens €{NB}1.000.000.000.000."
    )


# -- NPS ---------------------------------------------------------------------------------------


def test_nps_worked_example_from_the_page() -> None:
    given = [1, 2, 3, 4, 6, 12, 18, 20, 38, 56, 40]
    r = nps(given)
    assert (r["total"], r["promoters"], r["passives"], r["detractors"], r["score_whole"]) == (
        200,
        96,
        58,
        46,
        25,
    )
    assert nps_report(given) == {
        "summary": "Uitkomst: NPS = +25.",
        "lines": [
            "Totaal aantal respondenten: 200",
            f"Promotors (9–10): 96 van de 200 = 48{NB}%",
            f"Passief tevredenen (7–8): 58 van de 200 = 29{NB}%",
            f"Criticasters (0–6): 46 van de 200 = 23{NB}%",
            f"NPS = % promotors {MINUS} % criticasters = 48 {MINUS} 23 = +25",
        ],
        "note": "",
    }


def test_short_example_from_the_page_is_minus_20() -> None:
    given = counts(s0=36, s7=24, s10=20)
    assert (nps(given)["total"], nps(given)["score_whole"]) == (80, -20)
    report = nps_report(given)
    assert report["summary"] == f"Uitkomst: NPS = {MINUS}20."
    assert report["lines"][-1] == f"NPS = % promotors {MINUS} % criticasters = 25 {MINUS} 45 = {MINUS}20"


def test_all_promoters_is_plus_100() -> None:
    given = counts(s9=3, s10=7)
    assert nps(given)["score_whole"] == 100
    report = nps_report(given)
    assert report["summary"] == "Uitkomst: NPS = +100."
    assert report["lines"][1] == f"Promotors (9–10): 10 van de 10 = 100{NB}%"
    assert report["lines"][3] == f"Criticasters (0–6): 0 van de 10 = 0{NB}%"


def test_all_detractors_is_minus_100() -> None:
    r = nps([1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0])
    assert (r["score_whole"], r["detractors"]) == (-100, 7)
    assert nps_report([1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0])["summary"] == f"Uitkomst: NPS = {MINUS}100."


def test_only_passives_is_zero_but_they_count_in_the_total() -> None:
    given = counts(s7=3, s8=4)
    assert (nps(given)["score_whole"], nps(given)["total"]) == (0, 7)
    report = nps_report(given)
    assert report["summary"] == "Uitkomst: NPS = 0."
    assert report["lines"][2] == f"Passief tevredenen (7–8): 7 van de 7 = 100{NB}%"


def test_passives_lower_the_score_through_the_total() -> None:
    assert nps(counts(s10=3, s0=1))["score_whole"] == 50
    assert nps(counts(s10=3, s0=1, s8=4))["score_whole"] == 25


def test_an_unrounded_nps_is_cut_off_and_the_rounding_is_said() -> None:
    report = nps_report(counts(s10=2, s0=1))  # 66,67 % - 33,33 % = 33,33
    assert report == {
        "summary": "Uitkomst: NPS = +33 (afgerond op een heel getal; onafgerond +33,33…).",
        "lines": [
            "Totaal aantal respondenten: 3",
            f"Promotors (9–10): 2 van de 3 = 66,66…{NB}%",
            f"Passief tevredenen (7–8): 0 van de 3 = 0{NB}%",
            f"Criticasters (0–6): 1 van de 3 = 33,33…{NB}%",
            f"NPS = (promotors {MINUS} criticasters) / totaal × 100 = (2 {MINUS} 1) / 3 × 100 = +33,33…",
        ],
        "note": CUT,
    }


def test_a_result_never_looks_like_a_rounding_mistake() -> None:
    # 50 promoters of 110: NPS 45,4545...; one decimal would show "+45,5", which rounds to 46.
    report = nps_report(counts(s10=50, s7=60))
    assert report["summary"] == "Uitkomst: NPS = +45 (afgerond op een heel getal; onafgerond +45,45…)."
    assert report["lines"][-1].endswith("(50 − 0) / 110 × 100 = +45,45…")


@pytest.mark.parametrize(
    ("given", "whole", "summary"),
    [
        (counts(s10=1, s7=7), 13, "Uitkomst: NPS = +13 (afgerond op een heel getal; onafgerond +12,5)."),
        (
            counts(s0=1, s7=7),
            -13,
            f"Uitkomst: NPS = {MINUS}13 (afgerond op een heel getal; onafgerond {MINUS}12,5).",
        ),
        (counts(s10=1, s8=5), 17, "Uitkomst: NPS = +17 (afgerond op een heel getal; onafgerond +16,66…)."),
    ],
)
def test_halves_round_away_from_zero(given: list[int], whole: int, summary: str) -> None:
    assert nps(given)["score_whole"] == whole
    report = nps_report(given)
    assert report["summary"] == summary
    assert report["note"] == (CUT if "…" in summary else "")


def test_large_counts_stay_exact() -> None:
    given = [999_999, 3, 0, 0, 0, 0, 0, 0, 0, 0, 1_000_000]
    r = nps(given)
    assert (r["total"], r["promoters"], r["detractors"], r["score_whole"]) == (
        2_000_002,
        1_000_000,
        1_000_002,
        0,
    )
    report = nps_report(given)
    assert report["summary"] == f"Uitkomst: NPS = 0 (afgerond op een heel getal; onafgerond {MINUS}0,00…)."
    assert report["lines"][0] == "Totaal aantal respondenten: 2.000.002"


def test_zero_respondents_is_an_error() -> None:
    out = error(f"nps({[0] * 11})")
    assert (out["code"], out["field"]) == ("empty", "score-0")
    assert out["message"] == "Vul minstens één aantal in: nu zijn er 0 respondenten."


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ("-1", "invalid"),
        ("2.5", "invalid"),
        ("true", "invalid"),
        ('"3"', "invalid"),
        ("NaN", "invalid"),
        (str(MAX_COUNT + 1), "too_large"),
        ("Infinity", "too_large"),
    ],
)
def test_bad_counts_are_rejected_naming_the_score(bad: str, code: str) -> None:
    out = error(f"nps([1, 1, 1, 1, {bad}, 1, 1, 1, 1, 1, 1])")
    assert (out["code"], out["field"]) == (code, "score-4")
    assert out["message"].startswith("Aantal keer score 4:")


def test_the_largest_count_is_allowed() -> None:
    assert nps(counts(s4=MAX_COUNT))["total"] == MAX_COUNT
    assert error(f"nps({counts(s10=MAX_COUNT + 1)})")["field"] == "score-10"


def test_wrong_number_of_scores() -> None:
    assert error(f"nps({[1] * 10})")["code"] == "length"


# -- target split ------------------------------------------------------------------------------


def test_target_split_worked_example_from_the_page() -> None:
    args = (2_400_000, [25, 45, 30], [560_000, 1_120_000, 640_000], NAMES)
    r = js(split(*args))
    assert [row["top_down"] for row in r["rows"]] == [600_000, 1_080_000, 720_000]
    assert [row["difference"] for row in r["rows"]] == [-40_000, 40_000, -80_000]
    assert (r["bottom_up_total"], r["difference"], r["rounded"]) == (2_320_000, -80_000, False)
    report = js(f"targetReport({split(*args)})")
    assert report["summary"] == (
        f"Bottom-up komt €{NB}80.000 (3,33…{NB}% van het target) lager uit "
        f"dan het top-down target van €{NB}2.400.000."
    )
    assert report["explanation"] == [
        "Bespreek met de accountmanagers hoe het gat kan worden gedicht, bijvoorbeeld met extra "
        "acquisitie of extra mensen en middelen, of stel het target bij.",
        f"Het grootste tekort zit in Zuid: {MINUS}{NB}€{NB}80.000.",
        f"Midden ziet juist meer kansen dan gevraagd: +{NB}€{NB}40.000.",
        CUT,
    ]
    assert report["header"] == ["Regio (aandeel)", "Top-down", "Bottom-up", "Verschil"]
    assert report["rows"][0] == [
        f"Noord (25{NB}%)",
        f"€{NB}600.000",
        f"€{NB}560.000",
        f"{MINUS}{NB}€{NB}40.000",
    ]
    assert report["rows"][-1] == [
        f"Totaal (100{NB}%)",
        f"€{NB}2.400.000",
        f"€{NB}2.320.000",
        f"{MINUS}{NB}€{NB}80.000",
    ]


def test_bottom_up_higher_than_target() -> None:
    args = split(1_200_000, [40, 35, 25], [500_000, 450_000, 300_000], NAMES)
    r = js(args)
    assert [row["top_down"] for row in r["rows"]] == [480_000, 420_000, 300_000]
    assert r["difference"] == 50_000
    report = js(f"targetReport({args})")
    assert report["summary"] == (
        f"Bottom-up komt €{NB}50.000 (4,16…{NB}% van het target) hoger uit "
        f"dan het top-down target van €{NB}1.200.000."
    )
    assert not any("tekort" in line for line in report["explanation"])


def test_bottom_up_lower_in_two_regions() -> None:
    report = js(f"targetReport({split(1_200_000, [40, 35, 25], [500_000, 390_000, 260_000], NAMES)})")
    assert report["summary"].startswith(f"Bottom-up komt €{NB}50.000 (4,16…{NB}% van het target) lager uit")
    assert f"Het grootste tekort zit in Zuid: {MINUS}{NB}€{NB}40.000." in report["explanation"]
    assert f"Noord ziet juist meer kansen dan gevraagd: +{NB}€{NB}20.000." in report["explanation"]
    assert report["rows"][-1][2:] == [f"€{NB}1.150.000", f"{MINUS}{NB}€{NB}50.000"]


def test_equal_totals_with_regional_differences_are_still_explained() -> None:
    args = split(1_000, [50, 50], [600, 400], ["A", "B"])
    report = js(f"targetReport({args})")
    assert js(args)["difference"] == 0
    assert report["summary"] == f"Bottom-up en top-down komen allebei uit op €{NB}1.000."
    assert report["explanation"][-1].startswith("Het totaal klopt alleen doordat")


def test_equal_everywhere() -> None:
    report = js(f"targetReport({split(1_000, [50, 50], [500, 500], ['A', 'B'])})")
    assert report["explanation"] == ["Ook per regio komen de bedragen overeen."]


@pytest.mark.parametrize(
    ("total", "shares", "expected", "rounded"),
    [
        (100, [33.3, 33.3, 33.4], [33, 33, 34], True),
        (1000, [33.3, 33.3, 33.4], [333, 333, 334], False),
        (10, [33.3, 33.3, 33.4], [3, 3, 4], True),
        (1, [50, 50], [1, 0], True),  # a tie goes to the earlier region
        (1_000_001, [33.3, 33.3, 33.4], [333_000, 333_000, 334_001], True),
        (7, [0, 100], [0, 7], False),
        (10**12, [12.5, 87.5], [125 * 10**9, 875 * 10**9], False),
    ],
)
def test_top_down_always_adds_up_to_the_total(
    total: int, shares: list[float], expected: list[int], rounded: bool
) -> None:
    args = split(total, shares, [0] * len(shares), [f"R{i}" for i in range(len(shares))])
    r = js(args)
    assert [row["top_down"] for row in r["rows"]] == expected
    assert sum(expected) == total
    assert r["rounded"] is rounded
    note = "De top-down bedragen zijn afgerond op hele euro's, zodat ze samen precies het jaartarget vormen."
    assert (note in js(f"targetReport({args})")["explanation"]) is rounded


def test_shares_not_summing_to_100_give_a_clear_message() -> None:
    out = error(split(1_200_000, [40, 35, 20], [1, 1, 1], NAMES))
    assert (out["code"], out["field"]) == ("shares_sum", "share-0")
    assert out["message"] == (
        f"De aandelen tellen op tot 95{NB}% in plaats van 100{NB}%. "
        "Pas ze aan, zodat het hele target over de regio's wordt verdeeld."
    )


@pytest.mark.parametrize(
    ("total", "shares", "bottom_up", "code", "field"),
    [
        ("0", "[50, 50]", "[1, 1]", "total", "total"),
        ("-5", "[50, 50]", "[1, 1]", "total", "total"),
        ("10.5", "[50, 50]", "[1, 1]", "total", "total"),
        (str(10**12 + 1), "[50, 50]", "[1, 1]", "total", "total"),
        ("NaN", "[50, 50]", "[1, 1]", "total", "total"),
        ("100", "[50, 33.33]", "[1, 1]", "share", "share-1"),
        ("100", "[150, -50]", "[1, 1]", "share", "share-0"),
        ("100", "[50, NaN]", "[1, 1]", "share", "share-1"),
        ("100", "[50, true]", "[1, 1]", "share", "share-1"),
        ("100", "[50, 50]", "[1, -1]", "bottom_up", "bottom-up-1"),
        ("100", "[50, 50]", "[1.5, 1]", "bottom_up", "bottom-up-0"),
        ("100", "[50, 50]", f"[1, {10**12 + 1}]", "bottom_up", "bottom-up-1"),
        ("100", "[50, 50]", "[1]", "rows", None),
    ],
)
def test_bad_target_input(total: str, shares: str, bottom_up: str, code: str, field: str | None) -> None:
    out = error(f"targetSplit({total}, {shares}, {bottom_up}, ['A', 'B'])")
    assert (out["code"], out["field"]) == (code, field)


def test_error_messages_name_the_region() -> None:
    assert error(split(100, [50, 50.55, 0], [1, 1, 1], NAMES))["message"] == (
        "Aandeel Midden: vul een percentage van 0 tot en met 100 in, "
        "hoogstens één decimaal (zoals 25 of 33,3)."
    )
    assert error(split(100, [50, 50, 0], [1, 1, -1], NAMES))["message"] == (
        f"Bottom-up Zuid: vul een bedrag in hele euro's in, 0 of meer en hoogstens €{NB}1.000.000.000.000."
    )


# -- checking the student's own answers -------------------------------------------------------

WORKED = [1, 2, 3, 4, 6, 12, 18, 20, 38, 56, 40]


def answer(text: str, label: str = "NPS", field: str = "answer-score") -> str:
    return f"parseAnswer({json.dumps(text)}, {json.dumps(label)}, {json.dumps(field)})"


def nps_check(given: list[int], respondents: str, promoters: str, detractors: str, score: str) -> Any:
    answers = (
        f"{{respondents: {answer(respondents)}, promoters: {answer(promoters)}, "
        f"detractors: {answer(detractors)}, score: {answer(score)}}}"
    )
    return js(f"npsCheck({json.dumps(given)}, {answers})")


def states(check: dict[str, Any]) -> list[str]:
    return [step["state"] for step in check["steps"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("  ", None),
        ("48", {"num": 48, "scale": 1, "percent": False}),
        ("47,8", {"num": 478, "scale": 10, "percent": False}),
        ("47,83 %", {"num": 4783, "scale": 100, "percent": True}),
        ("+25", {"num": 25, "scale": 1, "percent": False}),
        (f"{MINUS}20", {"num": -20, "scale": 1, "percent": False}),
        ("25,0", {"num": 250, "scale": 10, "percent": False}),
        ("1.080.000", {"num": 1_080_000, "scale": 1, "percent": False}),
        ("€ 600.000", {"num": 600_000, "scale": 1, "percent": False}),
        (
            f"{MINUS} € 40.000",
            {"num": -40_000, "scale": 1, "percent": False},
        ),  # as the page's table writes it
        ("-€40.000,50", {"num": -4_000_050, "scale": 100, "percent": False}),
    ],
)
def test_own_answers_are_read_the_dutch_way_with_their_decimals(text: str, expected: Any) -> None:
    assert js(answer(text)) == expected


@pytest.mark.parametrize("text", ["abc", "1,2,3", "48,12345", "9" * 30])
def test_own_answers_that_are_no_number_are_refused(text: str) -> None:
    out = error(answer(text, "Percentage promotors", "answer-promoters"))
    assert (out["code"], out["field"]) == ("answer", "answer-promoters")
    assert out["message"].startswith("Percentage promotors: ")


def test_nps_check_all_right_with_the_worked_example() -> None:
    check = nps_check(WORKED, "200", "48", "23", "+25")
    assert states(check) == ["right"] * 4
    assert check["summary"] == "Goed! Al je stappen kloppen."
    assert check["focus"] is None
    assert [step["line"] for step in check["steps"]] == [
        "Totaal aantal respondenten: goed",
        "Percentage promotors: goed",
        "Percentage criticasters: goed",
        "NPS: goed",
    ]


def test_nps_check_names_the_first_step_that_differs() -> None:
    check = nps_check(WORKED, "200", "50", "23", "27")
    assert states(check) == ["right", "wrong", "right", "wrong"]
    assert check["summary"] == (
        "Je percentage promotors klopt niet: deel het aantal promotors (9 en 10) door het totaal "
        "aantal respondenten en vermenigvuldig met 100."
    )
    assert check["focus"] == "answer-promoters"
    assert check["steps"][1]["line"] == "Percentage promotors: klopt niet"
    assert "48" not in json.dumps(check), "the right value is not given away by a check"


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        (
            ("180", "48", "23", "25"),
            "answer-respondents",
            "Je totaal aantal respondenten klopt niet: tel de aantallen bij alle cijfers van 0 tot en "
            "met 10 op, ook die van de passief tevredenen (7 en 8).",
        ),
        (
            ("200", "48", "29", "19"),
            "answer-detractors",
            "Je percentage criticasters klopt niet: deel het aantal criticasters (0 tot en met 6) door "
            "het totaal aantal respondenten en vermenigvuldig met 100.",
        ),
        (
            ("200", "0,48", "23", "25"),
            "answer-promoters",
            "Je percentage promotors klopt niet: je hebt het deel van het totaal ingevuld. "
            "Vermenigvuldig het met 100 voor een percentage.",
        ),
        (
            ("200", "48", "0,23", "25"),
            "answer-detractors",
            "Je percentage criticasters klopt niet: je hebt het deel van het totaal ingevuld. "
            "Vermenigvuldig het met 100 voor een percentage.",
        ),
        (
            ("200", "48", "23", "50"),
            "answer-score",
            "Je NPS klopt niet: je hebt de aantallen afgetrokken. Trek het percentage criticasters af "
            "van het percentage promotors.",
        ),
        (
            ("200", "48", "23", "71"),
            "answer-score",
            "Je NPS klopt niet: trek het percentage criticasters af van het percentage promotors.",
        ),
    ],
)
def test_nps_check_hints(answers: tuple[str, str, str, str], field: str, message: str) -> None:
    check = nps_check(WORKED, *answers)
    assert (check["focus"], check["summary"]) == (field, message)
    wrong = [step for step in check["steps"] if step["state"] == "wrong"]
    assert wrong[0]["field"] == field and wrong[0]["message"] == message


def test_nps_check_refuses_a_percent_sign_after_the_nps() -> None:
    """The page's common mistake: the NPS is no percentage, so "+25 %" is not yet right."""
    check = nps_check(WORKED, "200", "48 %", "23%", "+25 %")
    assert states(check) == ["right", "right", "right", "wrong"]
    assert check["summary"] == (
        "Je NPS klopt bijna: de NPS is een verschil van twee percentages en zelf geen percentage. "
        "Schrijf hem zonder procentteken."
    )
    assert check["focus"] == "answer-score"


@pytest.mark.parametrize(
    ("promoters", "detractors", "score"),
    [
        ("66,7", "33,3", "33,3"),  # one decimal
        ("67", "33", "33"),  # whole percents, NPS from the exact value
        ("67", "33", "34"),  # whole percents, NPS from the student's own rounded percents
        ("66,67", "33,33", "33,34"),
        ("66,6667", "33,3333", "33,33"),
        ("66,6667", "33,3333", "+33"),
    ],
)
def test_nps_check_accepts_rounding(promoters: str, detractors: str, score: str) -> None:
    assert states(nps_check(counts(s10=2, s0=1), "3", promoters, detractors, score)) == ["right"] * 4


@pytest.mark.parametrize(
    ("promoters", "detractors", "score", "expected"),
    [
        ("66", "33", "33", ["right", "wrong", "right", "right"]),  # 66,66… rounds to 67
        ("66,6", "33,3", "33,3", ["right", "wrong", "right", "right"]),
        ("67", "34", "33", ["right", "right", "wrong", "right"]),
        ("67", "33", "35", ["right", "right", "right", "wrong"]),
        ("67", "33", "33,5", ["right", "right", "right", "wrong"]),
    ],
)
def test_nps_check_refuses_wrong_rounding(
    promoters: str, detractors: str, score: str, expected: list[str]
) -> None:
    assert states(nps_check(counts(s10=2, s0=1), "3", promoters, detractors, score)) == expected


def test_nps_check_halves_may_go_either_way() -> None:
    given = counts(s10=1, s7=7)  # promoters 12,5 %, NPS +12,5
    for score in ("12", "13", "12,5"):
        assert states(nps_check(given, "8", "12,5", "0", score)) == ["right"] * 4, score


def test_nps_check_asks_for_the_missing_answers() -> None:
    check = nps_check(WORKED, "", "", "", "")
    assert states(check) == ["empty"] * 4
    assert check["summary"] == (
        "Vul eerst je eigen uitkomsten in bij Jouw uitwerking: totaal aantal respondenten, percentage "
        "promotors, percentage criticasters en NPS. Wil je alleen de uitkomst zien? "
        "Kies dan Toon de uitwerking."
    )
    assert check["focus"] == "answer-respondents"
    check = nps_check(WORKED, "200", "48", "", "")
    assert states(check) == ["right", "right", "empty", "empty"]
    assert check["summary"] == "Wat je hebt ingevuld, klopt. Vul nog in: percentage criticasters en NPS."
    assert check["focus"] == "answer-detractors"
    assert check["steps"][3]["line"] == "NPS: nog niet ingevuld"


def test_nps_check_still_refuses_bad_figures() -> None:
    nothing = "{respondents: null, promoters: null, detractors: null, score: null}"
    assert error(f"npsCheck({[0] * 11}, {nothing})")["code"] == "empty"


TARGET_FIGURES = "2400000, [25, 45, 30], [560000, 1120000, 640000], ['Noord', 'Midden', 'Zuid']"


def target_check(
    top_down: list[str], difference: list[str], total: str, figures: str = TARGET_FIGURES
) -> Any:
    def many(texts: list[str], name: str) -> str:
        return "[" + ", ".join(answer(t, "Veld", f"answer-{name}-{i}") for i, t in enumerate(texts)) + "]"

    answers = (
        f"{{topDown: {many(top_down, 'top-down')}, difference: {many(difference, 'difference')}, "
        f"totalDifference: {answer(total, 'Totaal verschil', 'answer-total-difference')}}}"
    )
    return js(f"targetCheck({figures}, {answers})")


RIGHT_TOP = ["600.000", "1.080.000", "720.000"]
RIGHT_DIFF = [f"{MINUS} € 40.000", "+40.000", "-80.000"]


def test_target_check_all_right_with_the_worked_example() -> None:
    check = target_check(RIGHT_TOP, RIGHT_DIFF, "−80.000")
    assert states(check) == ["right"] * 7
    assert check["summary"] == "Goed! Al je stappen kloppen."
    assert [step["line"] for step in check["steps"]] == [
        "Target top-down Noord: goed",
        "Target top-down Midden: goed",
        "Target top-down Zuid: goed",
        "Verschil Noord: goed",
        "Verschil Midden: goed",
        "Verschil Zuid: goed",
        "Totaal verschil: goed",
    ]


def test_target_check_names_the_first_step_that_differs() -> None:
    check = target_check(["600.000", "1.000.000", "720.000"], RIGHT_DIFF, "-80.000")
    assert states(check) == ["right", "wrong", "right", "right", "right", "right", "right"]
    assert check["summary"] == (
        "Je target top-down voor Midden klopt niet: vermenigvuldig het jaartarget met het aandeel van "
        f"Midden (45{NB}% is 0,45)."
    )
    assert check["focus"] == "answer-top-down-1"


def test_target_check_difference_with_the_wrong_sign() -> None:
    check = target_check(RIGHT_TOP, ["40.000", "40.000", "-80.000"], "-80.000")
    assert check["focus"] == "answer-difference-0"
    assert check["summary"] == (
        "Je verschil voor Noord heeft het verkeerde teken: reken bottom-up min top-down. "
        "Een tekort is dus negatief."
    )


def test_target_check_other_hints() -> None:
    check = target_check(RIGHT_TOP, ["-40.000", "+50.000", "-80.000"], "-80.000")
    assert check["summary"] == (
        "Je verschil voor Midden klopt niet: reken bottom-up min top-down, dus de som van de "
        "accountplannen min je target top-down."
    )
    check = target_check(RIGHT_TOP, RIGHT_DIFF, "+90.000")
    assert check["summary"] == (
        "Je totale verschil klopt niet: tel de bottom-up bedragen van alle regio's op en trek het "
        "jaartarget daarvan af."
    )
    assert check["focus"] == "answer-total-difference"
    check = target_check(RIGHT_TOP, RIGHT_DIFF, "+80.000")
    assert check["summary"] == (
        "Je totale verschil heeft het verkeerde teken: reken bottom-up min top-down. "
        "Een tekort is dus negatief."
    )
    assert check["focus"] == "answer-total-difference"


def test_target_check_accepts_amounts_less_than_a_euro_off() -> None:
    figures = "100, [33.3, 33.3, 33.4], [30, 40, 30], ['A', 'B', 'C']"
    # exact 33,30 / 33,30 / 33,40; the student's own rounding carries into the differences
    check = target_check(["33", "33,30", "34"], ["-3", "6,70", "-4"], "0", figures)
    assert states(check) == ["right"] * 7
    check = target_check(["33", "33", "33"], ["-3", "7", "-3"], "1", figures)  # the sum of own differences
    assert states(check) == ["right"] * 7
    check = target_check(["32", "35", "33,4"], ["-2", "5", "-3,4"], "0", figures)
    assert states(check)[:2] == ["wrong", "wrong"]


def test_target_check_stays_exact_at_the_largest_target() -> None:
    figures = "1e12, [12.5, 87.5], [0, 0], ['A', 'B']"  # top-down 125.000.000.000 and 875.000.000.000
    for top, state in (
        ("125.000.000.000,00", "right"),
        ("124.999.999.999,01", "right"),
        ("125.000.000.000,99", "right"),
        ("125.000.000.001,00", "wrong"),
        ("124.999.999.999", "wrong"),
    ):
        check = target_check([top, ""], ["", ""], "", figures)
        assert states(check)[0] == state, top


def test_target_check_asks_for_the_missing_answers() -> None:
    check = target_check(RIGHT_TOP, ["", "", ""], "")
    assert check["summary"] == (
        "Wat je hebt ingevuld, klopt. Vul nog in: verschil Noord, verschil Midden, verschil Zuid "
        "en totaal verschil."
    )
    assert check["focus"] == "answer-difference-0"


# -- the file itself ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["exercises.js", "quiz.js"])
def test_no_syntax_beyond_es2017(name: str) -> None:
    path = JS_FILE if name == JS_FILE.name else JS_FILE.parents[3] / "overrides/assets/javascripts" / name
    source = path.read_text(encoding="utf-8")
    for newer in ("?.", "??", "...", "import ", "export "):
        assert newer not in source, f"{name}: {newer!r} is newer than ES2017 or a module feature"
    proc = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
