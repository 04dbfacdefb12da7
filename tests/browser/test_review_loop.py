"""Herhalen as a student uses it, on a faked clock: the day's new cards hold per calendar day
across reloads and tabs, the counts go down as cards are done, "Opnieuw" says truly when the
card comes back, and on a phone the first card is focused and above the fold."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def counter(page: Page) -> str:
    return page.locator(".ss-study__counter").inner_text()


def grade(page: Page, key: str) -> None:
    """Reveal the current card and grade it with the keyboard, as a reader does."""
    expect(page.locator(".ss-study__reveal")).to_be_visible()
    before, before_count = page.evaluate(
        "() => { const e = document.querySelector('.ss-study__prompt');"
        " return [e ? e.textContent : '', document.querySelector('.ss-study__counter').textContent]; }"
    )
    page.keyboard.press(" ")
    expect(page.locator(".ss-study__grades")).to_be_visible()
    page.keyboard.press(key)
    # The next card (or the end) is shown: the counter or the prompt changed.
    page.wait_for_function(
        "([p, c]) => { const e = document.querySelector('.ss-study__prompt');"
        " const n = document.querySelector('.ss-study__counter').textContent;"
        " return !e || e.textContent !== p || n !== c; }",
        arg=[before, before_count],
    )


def finish_session(page: Page, key: str = "3", limit: int = 60) -> int:
    """Grade every card left in this tab; returns how many grades it took."""
    page.locator(".ss-study__reveal, .ss-study__done").first.wait_for()
    n = 0
    while page.locator(".ss-study__reveal").count() and n < limit:
        grade(page, key)
        n += 1
    return n


def reviews(page: Page) -> dict[str, object]:
    raw = page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('sales-studiesite:'))"
        ".map(k => localStorage.getItem(k))"
    )
    return json.loads(raw[0])["reviews"] if raw else {}


def test_day_limit_holds_after_reload_and_returns_the_next_day(page: Page, root: str) -> None:
    """On a phone (360 px): the day's 20 cards, then "Klaar voor vandaag" in view and not
    covered; it holds after reloads the same day, the next day brings new cards."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.clock.install(time=START)
    page.goto(root + "herhalen.html")
    expect(page.locator(".ss-study__counter")).to_have_text(
        "Vandaag nog te herhalen: 20 kaarten (0 gepland, 20 nieuw)."
    )
    assert finish_session(page) == 20
    done = page.locator(".ss-study__done")
    expect(done).to_contain_text("Klaar voor vandaag")
    expect(done).to_be_in_viewport()
    top = page.evaluate(
        "() => { const r = document.querySelector('.ss-study__done').getBoundingClientRect();"
        " const x = r.left + 4, y = r.top + r.height / 2;"
        " const hit = document.elementFromPoint(x, y);"
        " return hit ? hit.closest('.ss-study__done') !== null : false; }"
    )
    assert top, "something covers the 'Klaar voor vandaag' text"

    page.reload()
    expect(page.locator(".ss-study__done")).to_contain_text("Klaar voor vandaag")
    expect(page.locator(".ss-study__reveal")).to_have_count(0)
    expect(page.locator(".ss-study__counter")).to_have_text("Vandaag nog te herhalen: 0 kaarten.")

    # Late the same evening it is still the same day.
    page.clock.set_fixed_time(START.replace(hour=20, minute=59))
    page.reload()
    expect(page.locator(".ss-study__reveal")).to_have_count(0)
    # The next calendar day brings 20 new cards (the graded ones are not due yet).
    page.clock.set_fixed_time(START + dt.timedelta(days=1))
    page.reload()
    expect(page.locator(".ss-study__counter")).to_have_text(
        "Vandaag nog te herhalen: 20 kaarten (0 gepland, 20 nieuw)."
    )
    assert len(reviews(page)) == 20


def test_a_second_tab_gets_the_same_days_cards_not_another_twenty(page: Page, root: str) -> None:
    page.clock.install(time=START)
    page.goto(root + "herhalen.html")
    for _ in range(5):
        grade(page, "3")
    expect(page.locator(".ss-study__counter")).to_have_text(
        "Vandaag nog te herhalen: 15 kaarten (0 gepland, 15 nieuw)."
    )
    other = page.context.new_page()
    other.goto(root + "herhalen.html")
    expect(other.locator(".ss-study__counter")).to_have_text(
        "Vandaag nog te herhalen: 15 kaarten (0 gepland, 15 nieuw)."
    )
    assert finish_session(other) == 15
    # The first tab still holds cards the other tab graded: it skips them.
    page.bring_to_front()
    finish_session(page)
    expect(page.locator(".ss-study__done")).to_contain_text("Klaar voor vandaag")
    assert len(reviews(page)) == 20
    other.close()


def test_counts_go_down_and_opnieuw_says_when_the_card_comes_back(page: Page, root: str) -> None:
    page.clock.install(time=START)
    page.goto(root + "herhalen.html")
    expect(page.locator(".ss-study__reveal")).to_be_focused()
    page.keyboard.press(" ")
    again = page.locator('.ss-study__grade[data-grade="1"]')
    expect(again).to_be_visible()
    expect(again.locator(".ss-study__grade-when")).to_have_text("straks weer")
    prompt = page.locator(".ss-study__prompt").inner_text()
    page.keyboard.press("1")
    # Still 20 to do: the card is now planned again for today, one new card fewer.
    expect(page.locator(".ss-study__counter")).to_have_text(
        "Vandaag nog te herhalen: 20 kaarten (1 gepland, 19 nieuw)."
    )
    grade(page, "3")
    expect(page.locator(".ss-study__counter")).to_have_text(
        "Vandaag nog te herhalen: 19 kaarten (1 gepland, 18 nieuw)."
    )
    # A reload keeps the promise: the Opnieuw card is still there today.
    page.reload()
    expect(page.locator(".ss-study__counter")).to_have_text(
        "Vandaag nog te herhalen: 19 kaarten (1 gepland, 18 nieuw)."
    )
    expect(page.locator(".ss-study__prompt")).to_have_text(prompt)
    # Done well this time, it leaves today and goes down from "gepland".
    grade(page, "3")
    expect(page.locator(".ss-study__counter")).to_have_text(
        "Vandaag nog te herhalen: 18 kaarten (0 gepland, 18 nieuw)."
    )


def test_phone_arrival_focuses_the_first_card_above_the_fold(page: Page, root: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.clock.install(time=START)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(root + "herhalen.html")
        reveal = page.get_by_role("button", name="Toon antwoord")
        expect(reveal, f"{scheme}: Toon antwoord has the focus").to_be_focused()
        card = page.locator(".ss-study__card").bounding_box()
        box = reveal.bounding_box()
        assert card and box, scheme
        assert card["y"] < 740, f"{scheme}: {card}"
        assert box["y"] + box["height"] <= 740, f"{scheme}: Toon antwoord below the fold at {box}"
        # The introduction is still there for who wants it, below the card.
        intro = page.locator("#hoe-werkt-herhalen")
        expect(intro, scheme).to_have_count(1)
        assert (intro.bounding_box() or {"y": 0})["y"] > card["y"], scheme


def test_stored_new_cards_of_the_day_are_validated(page: Page, root: str) -> None:
    """The "introduced" entries are read entry by entry: a wrong value, an id that is no card
    id, a card that no longer exists and one handed out yesterday are dropped; today's valid
    entry counts (it is one of the day's 20)."""
    page.clock.install(time=START)
    page.goto(root + "herhalen.html")
    page.wait_for_function("() => window.StudyData")
    key = page.evaluate("() => 'sales-studiesite:v1:' + new URL('./', location.href).href")
    first = page.evaluate("() => 'begrip:' + window.StudyData.concepts[0].id")
    now = int(START.timestamp() * 1000)
    state = {"version": 1, "answers": {}, "reviews": {}, "introduced": {
        first: now - 60_000,
        "begrip:nog-een": "vandaag",
        "begrip:gisteren": now - 24 * 3600 * 1000,
        "iets-anders": now,
        "begrip:bestaat-niet": now,
        "begrip:__proto__": now,
    }}  # fmt: skip
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(state)])
    page.reload()
    expect(page.locator(".ss-study__counter")).to_have_text(
        "Vandaag nog te herhalen: 20 kaarten (0 gepland, 20 nieuw)."
    )
    saved = json.loads(page.evaluate("k => localStorage.getItem(k)", key))
    assert len(saved["introduced"]) == 20
    assert first in saved["introduced"]
    assert not {"begrip:nog-een", "begrip:gisteren", "iets-anders", "begrip:__proto__"} & set(
        saved["introduced"]
    )
