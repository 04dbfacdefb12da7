"""The study pages in a real browser, over http and from the unpacked zip on file://:
Mijn voortgang (progress, export/import/reset), Herhalen (FSRS reviews on a faked clock),
Toetsen (exam mode, teacher links). Every test also gets the traffic fixture: no console
errors, no request to another host."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from .conftest import choose, quiz_ready

pytestmark = pytest.mark.browser

START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def right(item: Locator) -> Locator:
    return item.locator(f'input[type="radio"][value="{item.get_attribute("data-correct")}"]')


def wrong(item: Locator) -> Locator:
    return item.locator(f'input[type="radio"]:not([value="{item.get_attribute("data-correct")}"])').first


def row(page: Page, path: str) -> Locator:
    return page.locator(f'.ss-study__table tr[data-page="{path}"]')


def stored(page: Page) -> dict[str, object]:
    raw = page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('sales-studiesite:'))"
        ".map(k => localStorage.getItem(k))"
    )
    assert len(raw) <= 1, raw
    return json.loads(raw[0]) if raw else {}


def answer_on(page: Page, url: str, correct: bool) -> str:
    page.goto(url)
    quiz_ready(page)
    item = page.locator(".ss-quiz__item--mc").first
    choose(right(item) if correct else wrong(item))
    item.locator(".ss-quiz__check").dispatch_event("click")
    expect(item.locator(".ss-quiz__feedback")).not_to_be_empty()
    return str(item.get_attribute("data-question"))


def test_answers_on_two_pages_show_on_progress(page: Page, root: str) -> None:
    page.clock.set_fixed_time(START)
    answer_on(page, root + "h1/nps.html", correct=True)
    answer_on(page, root + "h2/targets.html", correct=False)
    page.goto(root + "voortgang.html")
    nps, targets = row(page, "h1/nps.md"), row(page, "h2/targets.md")
    expect(nps.locator("td").nth(0)).to_have_text(re.compile(r"^1 van \d+$"))
    expect(nps.locator("td").nth(1)).to_have_text("1 (100 %)")
    expect(nps.locator("td").nth(3)).to_have_text("1 december 2026")
    expect(targets.locator("td").nth(1)).to_have_text("0 (0 %)")
    expect(row(page, "h1/klant.md").locator("td").nth(3)).to_have_text("nog niet")
    # "Wat nu?": finish the section studied last (equal times: the first in course order).
    expect(page.locator(".ss-study__next")).to_contain_text("Maak de oefenvragen van 1.3 ")


def test_review_good_leaves_today_and_comes_back_after_its_interval(page: Page, root: str) -> None:
    page.clock.install(time=START)
    page.goto(root + "herhalen.html")
    counter = page.locator(".ss-study__counter")
    expect(counter).to_contain_text("Vandaag nog te herhalen: 20 kaarten (0 gepland, 20 nieuw)")
    prompt = page.locator(".ss-study__prompt").inner_text()
    page.keyboard.press(" ")  # reveal
    good = page.locator('.ss-study__grade[data-grade="3"]')
    expect(good).to_be_focused()
    expect(good).to_contain_text("Goed")
    when = good.locator(".ss-study__grade-when").inner_text()
    days = int(re.search(r"over (\d+) dagen", when).group(1))  # type: ignore[union-attr]
    expect(page.locator('.ss-study__grade[data-grade="1"]')).to_contain_text("straks weer")
    page.keyboard.press("3")
    expect(counter).to_contain_text("Vandaag nog te herhalen: 19 kaarten")
    assert page.locator(".ss-study__prompt").inner_text() != prompt
    (_, review), *_ = stored(page)["reviews"].items()  # type: ignore[union-attr]
    assert review["c"]["state"] == 2 and review["c"]["reps"] == 1

    # The same day: the graded card is not due; the day's other 19 new cards are left.
    page.reload()
    expect(counter).to_contain_text("(0 gepland, 19 nieuw)")
    # After its interval it is due again.
    page.clock.set_fixed_time(START + dt.timedelta(days=days))
    page.reload()
    expect(counter).to_contain_text("(1 gepland, 20 nieuw)")
    expect(page.locator(".ss-study__prompt")).to_have_text(prompt)


def test_review_card_whose_text_changed_starts_again(page: Page, root: str) -> None:
    """A stored schedule with another content hash counts as a new card; one for a card
    that no longer exists is ignored."""
    page.clock.install(time=START)
    page.goto(root + "herhalen.html")
    page.wait_for_function("() => window.StudyData")
    key = page.evaluate("() => 'sales-studiesite:v1:' + new URL('./', location.href).href")
    card = {"due": "2026-11-20T09:00:00.000Z", "stability": 3, "difficulty": 5, "elapsed_days": 0,
            "scheduled_days": 3, "reps": 1, "lapses": 0, "learning_steps": 0, "state": 2,
            "last_review": "2026-11-17T09:00:00.000Z"}  # fmt: skip
    ids = page.evaluate("() => window.StudyData.concepts.slice(0, 2).map(c => [c.id, c.hash])")
    state = {"version": 1, "answers": {}, "reviews": {
        f"begrip:{ids[0][0]}": {"h": ids[0][1], "c": card, "t": 1},
        f"begrip:{ids[1][0]}": {"h": "0000000000ab", "c": card, "t": 1},
        "begrip:bestaat-niet": {"h": "0000000000ab", "c": card, "t": 1},
    }}  # fmt: skip
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(state)])
    page.reload()
    expect(page.locator(".ss-study__counter")).to_contain_text("(1 gepland, 20 nieuw)")


def test_export_reset_import_restores_progress(page: Page, root: str, tmp_path: Path) -> None:
    page.clock.set_fixed_time(START)
    answer_on(page, root + "h1/nps.html", correct=True)
    answer_on(page, root + "h1/klant.html", correct=False)
    page.goto(root + "voortgang.html")
    before = stored(page)
    assert len(before["answers"]) == 2  # type: ignore[arg-type]
    with page.expect_download() as download:
        page.get_by_role("button", name="Exporteren").click()
    exported = tmp_path / "voortgang.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text(encoding="utf-8"))["app"] == "sales-studiesite"

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Alles wissen").click()
    expect(page.locator(".ss-study__status")).to_have_text("Je voortgang is gewist.")
    expect(row(page, "h1/nps.md").locator("td").nth(0)).to_have_text(re.compile(r"^0 van"))
    assert stored(page) == {}

    page.locator("#ss-import").set_input_files(str(exported))
    expect(page.locator(".ss-study__status")).to_have_text("Geïmporteerd: 2 antwoorden en 0 herhalingen.")
    expect(row(page, "h1/nps.md").locator("td").nth(1)).to_have_text("1 (100 %)")
    assert stored(page) == before


DAMAGED = [
    ("{kapot", "geen geldige JSON"),
    ('{"app": "iets-anders", "version": 1}', "geen voortgangsbestand van deze studiesite"),
    ('{"app": "sales-studiesite", "version": 9}', "versie die deze studiesite niet kent"),
    ('{"app": "sales-studiesite", "version": 1, "answers": {"x": 1.5}}', "geen bruikbare antwoorden"),
]


def test_damaged_import_says_so_and_changes_nothing(page: Page, root: str, tmp_path: Path) -> None:
    """One damaged file after another on the same page: each says what is wrong with it (its
    own message) and leaves the stored progress as it was."""
    answer_on(page, root + "h1/nps.html", correct=True)
    page.goto(root + "voortgang.html")
    before = stored(page)
    for n, (content, message) in enumerate(DAMAGED):
        bad = tmp_path / f"kapot-{n}.json"
        bad.write_text(content, encoding="utf-8")
        page.locator("#ss-import").set_input_files(str(bad))
        expect(page.locator(".ss-study__status"), content).to_contain_text(message)
        assert stored(page) == before, content


def test_cancelled_reset_keeps_everything(page: Page, root: str) -> None:
    answer_on(page, root + "h1/nps.html", correct=True)
    page.goto(root + "voortgang.html")
    before = stored(page)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Alles wissen").click()
    assert stored(page) == before


def test_teacher_link_opens_exactly_its_questions(page: Page, root: str) -> None:
    page.goto(root + "toets.html")
    page.wait_for_function("() => window.StudyData")
    ids = page.evaluate(
        "() => window.StudyData.questions.filter(q => q.kind === 'mc').slice(3, 6).map(q => q.id)"
    )
    page.goto(root + "toets.html#vragen=" + ",".join([ids[0], "bestaat-niet", ids[1], ids[2]]))
    questions = page.locator(".ss-study__question")
    expect(questions).to_have_count(3)
    assert [q.get_attribute("data-question") for q in questions.all()] == ids
    expect(page.locator(".ss-study__missing")).to_contain_text("bestaat-niet")
    expect(questions.first.locator(".ss-study__number")).to_have_text("1. ")
    # Exam mode: no feedback until handed in; shuffled options graded by identity.
    for n, qid in enumerate(ids):
        correct = page.evaluate(f"() => window.StudyData.questions.find(q => q.id === '{qid}').correct")
        choice = f'input[value="{correct}"]' if n < 2 else f'input:not([value="{correct}"])'
        questions.nth(n).locator(choice).first.check()
    expect(page.locator(".ss-study__result")).to_be_empty()
    page.get_by_role("button", name="Inleveren").click()
    result = page.locator(".ss-study__result")
    expect(result.locator("h2")).to_have_text("Je score: 2 van 3 goed (67 %)")
    wrong_items = result.locator(".ss-study__wrong li")
    expect(wrong_items).to_have_count(1)
    assert wrong_items.first.get_attribute("data-question") == ids[2]
    expect(wrong_items.first.get_by_role("link")).to_have_attribute("href", re.compile(r"\.html$"))


def test_chapter_test_draws_across_its_sections(page: Page, root: str) -> None:
    page.goto(root + "toets.html#hoofdstuk=2")
    questions = page.locator(".ss-study__question")
    expect(questions.first).to_be_visible()
    ids = [q.get_attribute("data-question") for q in questions.all()]
    pages = page.evaluate("ids => ids.map(id => window.StudyData.questions.find(q => q.id === id).page)", ids)
    assert all(p.startswith("h2/") for p in pages), pages
    assert len(set(pages)) >= 3, "questions from several sections"
    page.goto(root + "toets.html#hoofdstuk=7")
    expect(page.locator(".ss-study__missing")).to_have_text("Hoofdstuk 7 bestaat niet.")


def test_study_pages_without_javascript_say_so(browser: Browser, root: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for name in ("voortgang", "herhalen", "toets"):
            page.goto(root + name + ".html")
            expect(page.locator(".ss-study__nojs")).to_have_count(1)
            expect(page.locator(".ss-study__nojs")).to_contain_text("heeft JavaScript nodig")
    finally:
        context.close()


def test_phone_walkthrough_study_review_next_day_and_chapter_test(page: Page, root: str) -> None:
    """At 360 px: study a section (answer its quiz), review the next (faked) day, take the
    chapter test; nothing wider than the screen."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.clock.install(time=START)
    page.goto(root + "h1/klant.html")
    quiz_ready(page)
    items = page.locator(".ss-quiz__item--mc")
    for n in range(items.count()):
        choose(right(items.nth(n)))
        items.nth(n).locator(".ss-quiz__check").dispatch_event("click")
    page.goto(root + "herhalen.html")
    for _ in range(3):
        page.get_by_role("button", name="Toon antwoord").click()
        page.locator('.ss-study__grade[data-grade="3"]').click()
    page.clock.set_fixed_time(START + dt.timedelta(days=1))
    page.goto(root + "voortgang.html")
    expect(row(page, "h1/klant.md").locator("td").nth(1)).to_have_text(re.compile(r"\(100\s%\)"))
    page.goto(root + "toets.html")
    page.get_by_role("link", name=re.compile("^Proeftoets hoofdstuk 1")).click()
    questions = page.locator(".ss-study__question")
    expect(questions.first).to_be_visible()  # drawn by study.js: count them once they are there
    assert questions.count() >= 8
    for n in range(questions.count()):
        if questions.nth(n).locator("textarea").count():
            questions.nth(n).locator("textarea").fill("Mijn antwoord.")
        else:
            questions.nth(n).locator('input[type="radio"]').first.check()
    page.get_by_role("button", name="Inleveren").click()
    expect(page.locator(".ss-study__result h2")).to_contain_text("Je score:")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, width


def test_teacher_picks_questions_and_gets_a_link_to_exactly_that_test(page: Page, root: str) -> None:
    page.goto(root + "docenten.html")
    page.locator("#toetslinks").scroll_into_view_if_needed()
    picker = page.locator(".ss-study[data-study=toetslinks]")
    first = picker.locator("details").first
    first.locator("summary").click()
    boxes = first.locator("input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(2).check()
    link = picker.locator("a.ss-study__url")
    expect(link).to_contain_text("toets.html#vragen=")
    picked = [boxes.nth(0).get_attribute("value"), boxes.nth(2).get_attribute("value")]
    href = str(link.get_attribute("href"))
    assert href.endswith("#vragen=" + ",".join(str(p) for p in picked)), href
    assert href.startswith(("http://", "file://")), "a full link a teacher can paste"
    page.goto(href)
    questions = page.locator(".ss-study__question")
    expect(questions).to_have_count(2)
    assert [q.get_attribute("data-question") for q in questions.all()] == picked
