"""The arithmetic and the Dutch result texts of the interactive exercises.

docs/assets/javascripts/exercises.js implements exactly the same functions (same names in camelCase,
same result keys, same texts); tests/test_calc_js.py runs both on the same cases and compares. This
module renders the static example in the page (macros/exercises.py); the JavaScript recalculates in
the browser.

Results hold whole numbers only (counts, euros, tenths of a percent), and every division rounds
half away from zero on integers, so Python and JavaScript agree to the last digit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

SCORES = 11  # the NPS scale 0..10
MAX_COUNT = 1_000_000  # respondents per score
MAX_AMOUNT = 10**12  # euros; keeps every product below 2**53 in JavaScript
MINUS = "\u2212"
NBSP = "\u00a0"
DASH = "\u2013"  # en dash in ranges such as 9-10


class CalcError(ValueError):
    """Input the calculation cannot use. `message` is Dutch and meant for the reader;
    `field` names the input (as in the widget's ids: "score-3", "total", "share-0", ...)."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def round_div(num: int, den: int) -> int:
    """num / den rounded to a whole number, halves away from zero (den > 0)."""
    q, r = divmod(abs(num), den)
    if 2 * r >= den:
        q += 1
    return -q if num < 0 else q


# -- Dutch number formatting -------------------------------------------------------------------


def fmt_int(n: int) -> str:
    """2400000 -> "2.400.000"; negatives with a real minus sign."""
    text = f"{abs(n):,}".replace(",", ".")
    return MINUS + text if n < 0 else text


def fmt_tenths(t: int) -> str:
    """A value in tenths with a decimal comma, the comma only when needed: 480 -> "48", 333 -> "33,3"."""
    whole, tenth = divmod(abs(t), 10)
    text = fmt_int(whole) + (f",{tenth}" if tenth else "")
    return MINUS + text if t < 0 else text


def fmt_signed_tenths(t: int) -> str:
    """NPS style: "+25", "0", "+33,3", and negatives with a real minus sign."""
    return "+" + fmt_tenths(t) if t > 0 else fmt_tenths(t)


def fmt_pct(t: int) -> str:
    return fmt_tenths(t) + NBSP + "%"


def fmt_euro(n: int) -> str:
    return "€" + NBSP + fmt_int(n)


def fmt_signed_euro(n: int) -> str:
    """Differences as in the page's tables: "+ € 40.000", "€ 0", minus sign for negatives."""
    if n == 0:
        return fmt_euro(0)
    return ("+" if n > 0 else MINUS) + NBSP + fmt_euro(abs(n))


# -- Net Promoter Score ------------------------------------------------------------------------


@dataclass(frozen=True)
class NpsResult:
    counts: tuple[int, ...]
    total: int
    promoters: int  # scores 9-10
    passives: int  # scores 7-8
    detractors: int  # scores 0-6
    promoters_pct: int  # tenths of a percent of total
    passives_pct: int
    detractors_pct: int
    score: int  # NPS in tenths, from the exact percentages
    score_whole: int  # NPS rounded to a whole number, from the exact percentages
    rounded: bool  # a percentage shown is rounded


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def nps(counts: Sequence[int]) -> NpsResult:
    """Net Promoter Score from the number of respondents per score 0..10."""
    if len(counts) != SCORES:
        raise CalcError("length", "Er zijn precies 11 aantallen nodig: score 0 tot en met 10.")
    for i, count in enumerate(counts):
        if not _is_int(count) or count < 0:
            raise CalcError(
                "invalid", f"Aantal keer score {i}: vul een heel getal van 0 of meer in.", f"score-{i}"
            )
        if count > MAX_COUNT:
            raise CalcError(
                "too_large",
                f"Aantal keer score {i}: dat is te groot (hoogstens {fmt_int(MAX_COUNT)}).",
                f"score-{i}",
            )
    total = sum(counts)
    if total == 0:
        raise CalcError("empty", "Vul minstens één aantal in: nu zijn er 0 respondenten.", "score-0")
    detractors = sum(counts[0:7])
    passives = sum(counts[7:9])
    promoters = sum(counts[9:11])
    return NpsResult(
        counts=tuple(counts),
        total=total,
        promoters=promoters,
        passives=passives,
        detractors=detractors,
        promoters_pct=round_div(promoters * 1000, total),
        passives_pct=round_div(passives * 1000, total),
        detractors_pct=round_div(detractors * 1000, total),
        score=round_div((promoters - detractors) * 1000, total),
        score_whole=round_div((promoters - detractors) * 100, total),
        rounded=any((group * 1000) % total for group in (promoters, passives, detractors)),
    )


@dataclass(frozen=True)
class NpsReport:
    summary: str
    lines: tuple[str, ...]
    note: str  # "" when there is nothing to add


def nps_report(r: NpsResult) -> NpsReport:
    """The working, in Dutch, as the widget shows it."""
    summary = f"Uitkomst: NPS = {fmt_signed_tenths(r.score)}"
    if r.score % 10:
        summary += f" (afgerond op een heel getal: {fmt_signed_tenths(r.score_whole * 10)})"
    total = fmt_int(r.total)
    lines = (
        f"Totaal aantal respondenten: {total}",
        f"Promotors (9{DASH}10): {fmt_int(r.promoters)} van de {total} = {fmt_pct(r.promoters_pct)}",
        f"Passief tevredenen (7{DASH}8): {fmt_int(r.passives)} van de {total} = {fmt_pct(r.passives_pct)}",
        f"Criticasters (0{DASH}6): {fmt_int(r.detractors)} van de {total} = {fmt_pct(r.detractors_pct)}",
        f"NPS = % promotors {MINUS} % criticasters = {fmt_tenths(r.promoters_pct)} {MINUS} "
        f"{fmt_tenths(r.detractors_pct)} = {fmt_signed_tenths(r.score)}",
    )
    note = (
        "De percentages zijn afgerond op één decimaal. De NPS is berekend met de onafgeronde "
        "percentages en kan daardoor 0,1 afwijken van het verschil van de afgeronde percentages."
        if r.rounded
        else ""
    )
    return NpsReport(summary + ".", lines, note)


# -- Target split: top-down against bottom-up --------------------------------------------------


@dataclass(frozen=True)
class RegionRow:
    name: str
    share: int  # tenths of a percent
    top_down: int  # euros
    bottom_up: int  # euros
    difference: int  # bottom_up - top_down


@dataclass(frozen=True)
class TargetSplit:
    total: int  # the yearly target, euros
    rows: tuple[RegionRow, ...]
    bottom_up_total: int
    difference: int  # bottom_up_total - total
    difference_pct: int  # |difference| as tenths of a percent of total


def _share_tenths(share: object, name: str, i: int) -> int:
    message = (
        f"Aandeel {name}: vul een percentage van 0 tot en met 100 in, "
        "hoogstens één decimaal (zoals 25 of 33,3)."
    )
    if not isinstance(share, int | float) or isinstance(share, bool) or not math.isfinite(share):
        raise CalcError("share", message, f"share-{i}")
    tenths = round(share * 10)
    if abs(share * 10 - tenths) > 1e-6 or not 0 <= tenths <= 1000:
        raise CalcError("share", message, f"share-{i}")
    return tenths


def target_split(
    total: int, shares: Sequence[float], bottom_up: Sequence[int], names: Sequence[str]
) -> TargetSplit:
    """Split `total` top-down by `shares` (percent, one decimal at most) and compare with bottom_up.

    Amounts are whole euros. The top-down split uses the largest-remainder method, so the regions
    always add up to exactly the total (ties go to the earlier region).
    """
    if not names or not len(names) == len(shares) == len(bottom_up):
        raise CalcError("rows", "Elke regio heeft een naam, een aandeel en een bottom-up bedrag nodig.")
    if not _is_int(total) or not 0 < total <= MAX_AMOUNT:
        raise CalcError(
            "total",
            f"Jaartarget: vul een bedrag in hele euro's in, groter dan 0 "
            f"en hoogstens {fmt_euro(MAX_AMOUNT)}.",
            "total",
        )
    tenths = [
        _share_tenths(share, name, i) for i, (share, name) in enumerate(zip(shares, names, strict=True))
    ]
    for i, (amount, name) in enumerate(zip(bottom_up, names, strict=True)):
        if not _is_int(amount) or not 0 <= amount <= MAX_AMOUNT:
            raise CalcError(
                "bottom_up",
                f"Bottom-up {name}: vul een bedrag in hele euro's in, 0 of meer.",
                f"bottom-up-{i}",
            )
    share_sum = sum(tenths)
    if share_sum != 1000:
        raise CalcError(
            "shares_sum",
            f"De aandelen tellen op tot {fmt_pct(share_sum)} in plaats van 100{NBSP}%. "
            "Pas ze aan, zodat de hele target over de regio's wordt verdeeld.",
            "share-0",
        )
    floors = [total * t // 1000 for t in tenths]
    remainders = [total * t % 1000 for t in tenths]
    left = total - sum(floors)
    order = sorted(range(len(tenths)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        floors[i] += 1
    rows = tuple(
        RegionRow(name, t, td, bu, bu - td)
        for name, t, td, bu in zip(names, tenths, floors, bottom_up, strict=True)
    )
    bottom_up_total = sum(bottom_up)
    difference = bottom_up_total - total
    return TargetSplit(total, rows, bottom_up_total, difference, round_div(abs(difference) * 1000, total))


@dataclass(frozen=True)
class TargetReport:
    summary: str
    explanation: tuple[str, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # the last row is the total


def target_report(r: TargetSplit) -> TargetReport:
    """The comparison, in Dutch, as the widget shows it."""
    gap = f"{fmt_euro(abs(r.difference))} ({fmt_pct(r.difference_pct)} van de target)"
    target = fmt_euro(r.total)
    explanation: list[str] = []
    if r.difference < 0:
        summary = f"Bottom-up komt {gap} lager uit dan de top-down target van {target}."
        explanation.append(
            "Bespreek met de accountmanagers hoe het gat kan worden gedicht, bijvoorbeeld met extra "
            "acquisitie of extra mensen en middelen, of stel de target bij."
        )
    elif r.difference > 0:
        summary = f"Bottom-up komt {gap} hoger uit dan de top-down target van {target}."
        explanation.append(
            "De accountplannen zien meer kansen dan de directie vraagt. Controleer of ze realistisch "
            "zijn en overweeg de target te verhogen."
        )
    else:
        summary = f"Bottom-up en top-down komen allebei uit op {target}."
    low = min(r.rows, key=lambda row: row.difference)
    high = max(r.rows, key=lambda row: row.difference)
    if low.difference < 0:
        explanation.append(f"Het grootste tekort zit in {low.name}: {fmt_signed_euro(low.difference)}.")
    if high.difference > 0:
        explanation.append(
            f"{high.name} ziet juist meer kansen dan gevraagd: {fmt_signed_euro(high.difference)}."
        )
    if r.difference == 0:
        explanation.append(
            "Ook per regio komen de bedragen overeen."
            if low.difference == high.difference == 0
            else "Het totaal klopt alleen doordat tekorten en overschotten per regio tegen elkaar wegvallen: "
            "bespreek de verschillen per regio."
        )
    rows = tuple(
        (
            f"{row.name} ({fmt_pct(row.share)})",
            fmt_euro(row.top_down),
            fmt_euro(row.bottom_up),
            fmt_signed_euro(row.difference),
        )
        for row in r.rows
    )
    total_row = (
        f"Totaal (100{NBSP}%)",
        target,
        fmt_euro(r.bottom_up_total),
        fmt_signed_euro(r.difference),
    )
    return TargetReport(
        summary,
        tuple(explanation),
        ("Regio (aandeel)", "Top-down", "Bottom-up", "Verschil"),
        (*rows, total_row),
    )
