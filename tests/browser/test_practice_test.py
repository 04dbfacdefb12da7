"""The chapter practice test (proeftoets) as a student takes it: multiple-choice and open
questions with a suggested time; after handing in, the open answers are scored by ticking the
rubric points met (by mouse and keyboard), the score counts them, and Mijn voortgang and
Herhalen keep them. A teacher's link can hold an open question. On paper the test is an exam
sheet: lettered options, room to write, the answer key and the rubrics at the end. Over http
and from the unzipped offline copy (file://)."""

from __future__ import annotations

import math
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import choose

pytestmark = pytest.mark.browser


def study_data(page: Page) -> dict[str, Any]:
    data: dict[str, Any] = page.evaluate("window.StudyData")
    return data


def questions(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {q["id"]: q for q in data["questions"]}


def max_points(q: dict[str, Any]) -> int:
    return sum(r["p"] for r in q["rubric"])


def open_test(page: Page, url: str) -> dict[str, Any]:
    page.goto(url)
    page.locator(".ss-study__test").wait_for()
    return study_data(page)


def shown(page: Page) -> list[str]:
    ids = page.locator(".ss-study__question").evaluate_all("l => l.map(e => e.dataset.question)")
    return [str(q) for q in ids]


def test_a_chapter_test_mixes_open_questions_scored_by_the_student(browser: Browser, root: str) -> None:
    context = browser.new_context(service_workers="block", viewport={"width": 360, "height": 760})
    try:
        page = context.new_page()
        data = open_test(page, root + "toets.html#hoofdstuk=1")
        by_id = questions(data)
        ids = shown(page)
        kinds = [by_id[i]["kind"] for i in ids]
        assert kinds.count("mc") == data["test"]["mc"]
        assert kinds.count("open") == data["test"]["open"]
        assert kinds[-2:] == ["open", "open"], "open questions come last, as in an exam"
        opens = [i for i in ids if by_id[i]["kind"] == "open"]
        assert any(by_id[i].get("context") for i in opens), "one open question is on a case"
        t = data["test"]
        minutes = 10 * t["mc_minutes"] + sum(t["point_minutes"] * max_points(by_id[i]) for i in opens)
        expected = max(5, math.ceil(minutes / 5) * 5)
        expect(page.locator(".ss-study__intro")).to_contain_text(f"Aanbevolen tijd: {expected} minuten.")
        for i in opens:
            legend = page.locator(f'.ss-study__question[data-question="{i}"] legend')
            expect(legend).to_contain_text(f"({max_points(by_id[i])} punten)")

        # All multiple choice right; the first open question written, the second left empty.
        for i in ids:
            q = by_id[i]
            if q["kind"] == "mc":
                choose(page.locator(f'input[name="t-{i}"][value="{q["correct"]}"]'))
        first, second = opens
        page.get_by_label("Jouw antwoord").first.fill("De klant staat centraal.\nMet een voorbeeld.")
        page.get_by_role("button", name="Inleveren").click()
        dialog = page.get_by_role("alertdialog")
        expect(dialog).to_contain_text(f"vraag {ids.index(second) + 1}")
        dialog.get_by_role("button", name="Verder met de toets").click()
        expect(page.locator(f'textarea[name="t-{second}"]')).to_be_focused()
        page.keyboard.type("Ik weet het niet zeker.")
        page.get_by_role("button", name="Inleveren").click()

        total = 10 + max_points(by_id[first]) + max_points(by_id[second])
        score = page.locator(".ss-study__result h2")
        expect(score).to_be_focused()
        expect(score).to_have_text(f"Je score: 10 van {total} punten ({round(100 * 10 / total)}\u00a0%)")
        item = page.locator(f'.ss-study__scoring li[data-question="{first}"]')
        expect(item.locator(".ss-study__mine")).to_have_text("De klant staat centraal.\nMet een voorbeeld.")
        expect(item).to_contain_text(by_id[first]["answer"][:60])
        boxes = item.locator(".ss-study__rubric input[type=checkbox]")
        expect(boxes).to_have_count(len(by_id[first]["rubric"]))
        # Tick every point: the mouse for the first, the keyboard (Tab, Space) for the rest.
        boxes.nth(0).click()
        for n in range(1, boxes.count()):
            page.keyboard.press("Tab")
            expect(boxes.nth(n)).to_be_focused()
            page.keyboard.press("Space")
        points = 10 + max_points(by_id[first])
        share = round(100 * points / total)
        expect(score).to_have_text(f"Je score: {points} van {total} punten ({share}\u00a0%)")
        expect(item.locator(".ss-study__points")).to_have_text(
            f"Jouw punten: {max_points(by_id[first])} van {max_points(by_id[first])}."
        )
        # The store keeps the ticked points by their keys from the data, never by position.
        kept = page.evaluate(
            """(id) => Object.keys(localStorage).filter((k) => k.startsWith("sales-studiesite:"))
                 .map((k) => JSON.parse(localStorage.getItem(k)).scores[id].k)[0]""",
            first,
        )
        assert sorted(kept) == sorted(r["k"] for r in by_id[first]["rubric"])
        # Untick one: the score follows.
        boxes.nth(0).click()
        less = points - by_id[first]["rubric"][0]["p"]
        expect(score).to_contain_text(f"Je score: {less} van {total} punten")

        # Mijn voortgang counts the scored points under the chapter: both questions, one scored.
        page.goto(root + "voortgang.html")
        line = page.locator('.ss-study__open-progress[data-chapter="1"]')
        chapter_open = sum(
            1 for p in data["chapters"][0]["pages"] for i in p["questions"] if by_id[i]["kind"] == "open"
        )
        both = max_points(by_id[first]) + max_points(by_id[second])
        scored = f"{less - 10} van {both} punten (2 van {chapter_open} vragen beoordeeld"
        expect(line).to_contain_text(f"Open vragen uit proeftoetsen: {scored}")

        # Herhalen has both open questions today (the empty score: "Opnieuw", due at once).
        page.goto(root + "herhalen.html")
        page.locator(".ss-study__card").wait_for()
        reviews = page.evaluate(
            """() => Object.keys(localStorage).filter((k) => k.startsWith("sales-studiesite:"))
                 .map((k) => JSON.parse(localStorage.getItem(k)).reviews)"""
        )
        cards = set().union(*[set(r) for r in reviews])
        assert {f"vraag:{first}", f"vraag:{second}"} <= cards
        seen = []
        for _ in range(40):
            kind = page.locator(".ss-study__kind")
            if not kind.count():
                break
            if kind.inner_text().upper().startswith("OPEN VRAAG"):
                seen.append(page.locator(".ss-study__prompt").inner_text())
                page.get_by_role("button", name="Toon antwoord").click()
                expect(page.locator(".ss-study__back")).to_contain_text("Modelantwoord:")
                expect(page.locator(".ss-study__back")).to_contain_text("punten)")
                break
            page.get_by_role("button", name="Toon antwoord").click()
            page.locator('.ss-study__grade[data-grade="3"]').click()
        assert seen, "an open question scored in a test comes back in Herhalen"
    finally:
        context.close()


def test_a_teachers_link_can_hold_an_open_question(browser: Browser, root: str) -> None:
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.goto(root + "toets.html")
        page.locator(".ss-study__chooser").wait_for()
        data = study_data(page)
        open_id = next(q["id"] for q in data["questions"] if q["kind"] == "open")
        mc_id = next(q["id"] for q in data["questions"] if q["kind"] == "mc")
        page.goto(root + f"toets.html#vragen={mc_id},{open_id}")
        page.locator(".ss-study__test").wait_for()
        expect(page.locator(".ss-study__missing")).to_have_count(0)
        assert shown(page) == [mc_id, open_id]
        expect(page.locator(f'textarea[name="t-{open_id}"]')).to_be_visible()
        intro = page.locator(".ss-study__intro")
        expect(intro).to_contain_text("Je docent heeft deze 2 vragen voor je gekozen.")
        # The teacher's picker offers it, marked as open.
        page.goto(root + "docenten.html")
        page.get_by_role("link", name="Stel een toets samen").first.click()
        picker = page.locator(".ss-study[data-study=toetslinks]")
        box = picker.locator(f'input[value="{open_id}"]')
        box.locator("xpath=ancestor::details").locator("summary").click()
        expect(box.locator("xpath=..")).to_contain_text("(open vraag, ")
    finally:
        context.close()


def test_printed_test_is_an_exam_sheet_with_key_and_rubrics_at_the_end(browser: Browser, root: str) -> None:
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        data = open_test(page, root + "toets.html#hoofdstuk=2")
        by_id = questions(data)
        ids = shown(page)
        expect(page.locator(".ss-study__key")).to_be_hidden()
        page.emulate_media(media="print")
        key = page.locator(".ss-study__key")
        expect(key).to_be_visible()
        expect(page.get_by_role("button", name="Afdrukken als toetsblad")).to_be_hidden()
        items = key.locator("ol > li")
        expect(items).to_have_count(len(ids))
        for n, i in enumerate(ids):
            q = by_id[i]
            if q["kind"] == "open":
                expect(page.locator(f'textarea[name="t-{i}"]')).to_be_visible()
                expect(items.nth(n)).to_contain_text("Modelantwoord:")
                for r in q["rubric"]:
                    expect(items.nth(n)).to_contain_text(r["t"])
            else:
                labels = page.locator(f'.ss-study__question[data-question="{i}"] .ss-study__option')
                texts = labels.all_inner_texts()
                right = next(o["t"] for o in q["options"] if o["k"] == q["correct"])
                letter = "ABCDEFGH"[texts.index(right)]
                expect(items.nth(n)).to_have_text(f"Juist: {letter}. {right}")
                before = labels.first.evaluate("e => getComputedStyle(e, '::before').content")
                assert before.startswith("counter(") or before.startswith('"A'), before
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
    finally:
        context.close()
