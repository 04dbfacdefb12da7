"""The build's date in Dutch, from SOURCE_DATE_EPOCH (tools/build.py sets it from
the last commit, so two builds of one commit are identical); without it, today."""

from __future__ import annotations

import datetime as dt
import os

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def dutch_date(epoch: int) -> str:
    """5 december 2026."""
    day = dt.datetime.fromtimestamp(epoch, dt.UTC)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def build_epoch() -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else int(dt.datetime.now(dt.UTC).timestamp())
