"""The exercise arithmetic (macros/calc.py): NPS and the top-down/bottom-up target split."""

from __future__ import annotations

import pytest

from macros.calc import (
    MAX_COUNT,
    CalcError,
    fmt_euro,
    fmt_int,
    fmt_pct,
    fmt_signed_euro,
    fmt_signed_tenths,
    fmt_tenths,
    nps,
    nps_report,
    round_div,
    target_report,
    target_split,
)

NB = "\u00a0"
MINUS = "\u2212"


def counts(**by_score: int) -> list[int]:
    """counts(s9=5, s10=5) -> eleven counts for scores 0..10."""
    out = [0] * 11
    for key, value in by_score.items():
        out[int(key.removeprefix("s"))] = value
    return out


# -- rounding and formatting -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("num", "den", "expected"),
    [(5, 2, 3), (-5, 2, -3), (4, 3, 1), (-4, 3, -1), (5, 3, 2), (0, 7, 0), (1, 2, 1), (-1, 2, -1), (1, 3, 0)],
)
def test_round_div_rounds_half_away_from_zero(num: int, den: int, expected: int) -> None:
    assert round_div(num, den) == expected


def test_dutch_number_formats() -> None:
    assert fmt_int(0) == "0"
    assert fmt_int(999) == "999"
    assert fmt_int(1000) == "1.000"
    assert fmt_int(2_400_000) == "2.400.000"
    assert fmt_int(-1_000) == f"{MINUS}1.000"
    assert fmt_tenths(480) == "48"
    assert fmt_tenths(333) == "33,3"
    assert fmt_tenths(-5) == f"{MINUS}0,5"
    assert fmt_tenths(123_456) == "12.345,6"
    assert fmt_pct(125) == f"12,5{NB}%"
    assert fmt_signed_tenths(250) == "+25"
    assert fmt_signed_tenths(-200) == f"{MINUS}20"
    assert fmt_signed_tenths(0) == "0"
    assert fmt_euro(80_000) == f"€{NB}80.000"
    assert fmt_signed_euro(40_000) == f"+{NB}€{NB}40.000"
    assert fmt_signed_euro(-80_000) == f"{MINUS}{NB}€{NB}80.000"
    assert fmt_signed_euro(0) == f"€{NB}0"


# -- NPS ---------------------------------------------------------------------------------------


def test_nps_worked_example_from_the_page() -> None:
    r = nps([1, 2, 3, 4, 6, 12, 18, 20, 38, 56, 40])
    assert (r.total, r.promoters, r.passives, r.detractors) == (200, 96, 58, 46)
    assert (r.promoters_pct, r.passives_pct, r.detractors_pct) == (480, 290, 230)
    assert (r.score, r.score_whole, r.rounded) == (250, 25, False)
    report = nps_report(r)
    assert report.summary == "Uitkomst: NPS = +25."
    assert report.lines[-1] == f"NPS = % promotors {MINUS} % criticasters = 48 {MINUS} 23 = +25"
    assert report.note == ""


def test_short_example_from_the_page_is_minus_20() -> None:
    r = nps(counts(s0=36, s7=24, s10=20))
    assert (r.total, r.score, r.score_whole) == (80, -200, -20)
    assert nps_report(r).summary == f"Uitkomst: NPS = {MINUS}20."


def test_all_promoters_is_plus_100() -> None:
    r = nps(counts(s9=3, s10=7))
    assert (r.score, r.score_whole, r.promoters_pct, r.detractors_pct) == (1000, 100, 1000, 0)
    assert nps_report(r).summary == "Uitkomst: NPS = +100."


def test_all_detractors_is_minus_100() -> None:
    r = nps([1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0])
    assert (r.score, r.score_whole, r.detractors) == (-1000, -100, 7)


def test_only_passives_is_zero_but_they_count_in_the_total() -> None:
    r = nps(counts(s7=3, s8=4))
    assert (r.score, r.score_whole, r.total, r.passives_pct) == (0, 0, 7, 1000)
    assert nps_report(r).summary == "Uitkomst: NPS = 0."


def test_passives_lower_the_score_through_the_total() -> None:
    without = nps(counts(s10=3, s0=1))
    with_passives = nps(counts(s10=3, s0=1, s8=4))
    assert (without.score_whole, with_passives.score_whole) == (50, 25)


def test_rounding_to_one_decimal_and_to_a_whole_number() -> None:
    r = nps(counts(s10=2, s0=1))  # 66,67 % - 33,33 % = 33,33
    assert (r.promoters_pct, r.detractors_pct, r.score, r.score_whole, r.rounded) == (667, 333, 333, 33, True)
    report = nps_report(r)
    assert report.summary == "Uitkomst: NPS = +33,3 (afgerond op een heel getal: +33)."
    assert "afgerond op één decimaal" in report.note


@pytest.mark.parametrize(
    ("given", "score", "whole"),
    [
        (counts(s10=1, s7=7), 125, 13),  # +12,5 rounds away from zero to +13
        (counts(s0=1, s7=7), -125, -13),  # -12,5 to -13, not -12
        (counts(s10=1, s8=5), 167, 17),  # 16,67
    ],
)
def test_halves_round_away_from_zero(given: list[int], score: int, whole: int) -> None:
    r = nps(given)
    assert (r.score, r.score_whole) == (score, whole)


def test_zero_respondents_is_an_error() -> None:
    with pytest.raises(CalcError) as info:
        nps([0] * 11)
    assert info.value.code == "empty"
    assert "Vul minstens één aantal in" in info.value.message


@pytest.mark.parametrize(
    ("bad", "code"),
    [(-1, "invalid"), (2.5, "invalid"), (True, "invalid"), ("3", "invalid"), (MAX_COUNT + 1, "too_large")],
)
def test_bad_counts_are_rejected_naming_the_score(bad: object, code: str) -> None:
    given: list[object] = [1] * 11
    given[4] = bad
    with pytest.raises(CalcError) as info:
        nps(given)  # type: ignore[arg-type]
    assert (info.value.code, info.value.field) == (code, "score-4")
    assert info.value.message.startswith("Aantal keer score 4:")


def test_wrong_number_of_scores() -> None:
    with pytest.raises(CalcError) as info:
        nps([1] * 10)
    assert info.value.code == "length"


# -- target split ------------------------------------------------------------------------------

NAMES = ["Noord", "Midden", "Zuid"]


def test_target_split_worked_example_from_the_page() -> None:
    r = target_split(2_400_000, [25, 45, 30], [560_000, 1_120_000, 640_000], NAMES)
    assert [row.top_down for row in r.rows] == [600_000, 1_080_000, 720_000]
    assert [row.difference for row in r.rows] == [-40_000, 40_000, -80_000]
    assert (r.bottom_up_total, r.difference, r.difference_pct) == (2_320_000, -80_000, 33)
    report = target_report(r)
    assert report.summary == (
        f"Bottom-up komt €{NB}80.000 (3,3{NB}% van de target) lager uit "
        f"dan de top-down target van €{NB}2.400.000."
    )
    assert report.explanation[0].startswith("Bespreek met de accountmanagers")
    assert f"Het grootste tekort zit in Zuid: {MINUS}{NB}€{NB}80.000." in report.explanation
    assert f"Midden ziet juist meer kansen dan gevraagd: +{NB}€{NB}40.000." in report.explanation
    assert report.rows[0] == (f"Noord (25{NB}%)", f"€{NB}600.000", f"€{NB}560.000", f"{MINUS}{NB}€{NB}40.000")
    assert report.rows[-1] == (
        f"Totaal (100{NB}%)",
        f"€{NB}2.400.000",
        f"€{NB}2.320.000",
        f"{MINUS}{NB}€{NB}80.000",
    )


def test_bottom_up_higher_than_target() -> None:
    r = target_split(1_200_000, [40, 35, 25], [500_000, 450_000, 300_000], NAMES)
    assert [row.top_down for row in r.rows] == [480_000, 420_000, 300_000]
    assert (r.difference, r.difference_pct) == (50_000, 42)
    report = target_report(r)
    assert "hoger uit dan de top-down target" in report.summary
    assert not any("tekort" in line for line in report.explanation)


def test_equal_totals_with_regional_differences_are_still_explained() -> None:
    r = target_split(1_000, [50, 50], [600, 400], ["A", "B"])
    report = target_report(r)
    assert r.difference == 0
    assert report.summary == f"Bottom-up en top-down komen allebei uit op €{NB}1.000."
    assert report.explanation[-1].startswith("Het totaal klopt alleen doordat")


def test_equal_everywhere() -> None:
    report = target_report(target_split(1_000, [50, 50], [500, 500], ["A", "B"]))
    assert report.explanation == ("Ook per regio komen de bedragen overeen.",)


@pytest.mark.parametrize(
    ("total", "shares", "expected"),
    [
        (100, [33.3, 33.3, 33.4], [33, 33, 34]),
        (10, [33.3, 33.3, 33.4], [3, 3, 4]),
        (1, [50, 50], [1, 0]),  # a tie goes to the earlier region
        (1_000_001, [33.3, 33.3, 33.4], [333_000, 333_000, 334_001]),
        (7, [0, 100], [0, 7]),
    ],
)
def test_top_down_always_adds_up_to_the_total(total: int, shares: list[float], expected: list[int]) -> None:
    r = target_split(total, shares, [0] * len(shares), [f"R{i}" for i in range(len(shares))])
    assert [row.top_down for row in r.rows] == expected
    assert sum(expected) == total


def test_shares_not_summing_to_100_give_a_clear_message() -> None:
    with pytest.raises(CalcError) as info:
        target_split(1_200_000, [40, 35, 20], [1, 1, 1], NAMES)
    assert info.value.code == "shares_sum"
    assert info.value.message.startswith(f"De aandelen tellen op tot 95{NB}% in plaats van 100{NB}%.")


@pytest.mark.parametrize(
    ("total", "shares", "bottom_up", "code", "field"),
    [
        (0, [50, 50], [1, 1], "total", "total"),
        (-5, [50, 50], [1, 1], "total", "total"),
        (10.5, [50, 50], [1, 1], "total", "total"),
        (10**12 + 1, [50, 50], [1, 1], "total", "total"),
        (100, [50, 33.33], [1, 1], "share", "share-1"),
        (100, [150, -50], [1, 1], "share", "share-0"),
        (100, [50, float("nan")], [1, 1], "share", "share-1"),
        (100, [50, 50], [1, -1], "bottom_up", "bottom-up-1"),
        (100, [50, 50], [1.5, 1], "bottom_up", "bottom-up-0"),
        (100, [50, 50], [1], "rows", None),
    ],
)
def test_bad_target_input(
    total: int, shares: list[float], bottom_up: list[int], code: str, field: str | None
) -> None:
    with pytest.raises(CalcError) as info:
        target_split(total, shares, bottom_up, ["A", "B"])
    assert (info.value.code, info.value.field) == (code, field)


def test_error_messages_name_the_region() -> None:
    with pytest.raises(CalcError, match=r"^Aandeel Midden: "):
        target_split(100, [50, 50.55, 0], [1, 1, 1], NAMES)
    with pytest.raises(CalcError, match=r"^Bottom-up Zuid: "):
        target_split(100, [50, 50, 0], [1, 1, -1], NAMES)
