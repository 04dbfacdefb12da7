"""No answer by accident: a practice question is graded only by an explicit act (its
"Controleer" button), the same for keyboard, mouse and touch. Arrow keys move through the
options as in any radio group (in Chromium they also fire click and change), and nothing is
shown or stored before the button is used. Tab order and visible focus through the quiz.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import Traffic, quiz_ready

pytestmark = pytest.mark.browser

NPS_PAGE = "h1/nps.html"
PREFIX = "sales-studiesite:v1:"
PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}


def stored_answers(page: Page) -> dict[str, object]:
    """The quiz answers this site copy keeps in localStorage ({} when nothing is stored)."""
    raw = page.evaluate(
        """prefix => Object.keys(localStorage).filter(k => k.startsWith(prefix))
                     .map(k => localStorage.getItem(k))""",
        PREFIX,
    )
    assert len(raw) <= 1, raw
    if not raw:
        return {}
    answers = json.loads(raw[0])["answers"]
    assert isinstance(answers, dict)
    return answers


def shot(page: Page, name: str) -> None:
    """A screenshot to look at (not compared), when $SS_SCREENSHOTS names a folder."""
    folder = os.environ.get("SS_SCREENSHOTS")
    if folder:
        # Colour transitions (125 ms on buttons) to their end: the picture shows the state.
        page.evaluate("() => document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} })")
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def test_arrow_keys_choose_without_grading_and_the_button_grades(
    page: Page, site_url: Callable[[str], str]
) -> None:
    page.goto(site_url(NPS_PAGE))
    quiz_ready(page)
    quiz = page.locator(".ss-quiz").first
    item = quiz.locator(".ss-quiz__item--mc").first
    radios = item.locator('input[type="radio"]')
    assert radios.count() >= 3, "the first NPS question needs three options for this walk"
    feedback = item.locator(".ss-quiz__feedback")

    # Tab into question 1 from the quiz's introduction (where a reader's click leaves the caret).
    quiz.locator(".ss-quiz__intro").click()
    page.keyboard.press("Tab")
    expect(radios.nth(0)).to_be_focused()
    assert page.evaluate("() => document.activeElement.matches(':focus-visible')")
    expect(radios.nth(0)).not_to_be_checked()

    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(radios.nth(2)).to_be_checked()
    expect(radios.nth(2)).to_be_focused()
    # Nothing graded, nothing revealed, nothing stored.
    expect(feedback).to_have_text("")
    expect(item.locator(".ss-quiz__feedback--ok, .ss-quiz__feedback--wrong")).to_have_count(0)
    expect(quiz.locator(".ss-quiz__controls")).to_be_hidden()
    expect(item.locator("details.ss-quiz__answer")).not_to_have_attribute("open", re.compile(".*"))
    assert stored_answers(page) == {}

    # The explicit act: Tab leaves the radio group for the question's own "Controleer" button.
    page.keyboard.press("Tab")
    check = item.locator(".ss-quiz__check")
    expect(check).to_be_focused()
    expect(check).to_have_text("Controleer")
    assert page.evaluate("() => document.activeElement.matches(':focus-visible')")
    page.keyboard.press("Enter")
    chosen = radios.nth(2).get_attribute("value")
    right = item.get_attribute("data-correct")
    verdict = r"^Goed!" if chosen == right else r"^Helaas, het juiste antwoord is: "
    expect(feedback).to_have_text(re.compile(verdict))
    expect(quiz.locator(".ss-quiz__score")).to_contain_text("(1 beantwoord)")
    answers = stored_answers(page)
    qid = str(item.get_attribute("data-question"))
    assert list(answers) == [qid]
    assert answers[qid]["o"] == chosen  # type: ignore[index]
    # Focus stays on the button; the next Tab goes on to the answer toggle, then question 2.
    expect(check).to_be_focused()
    page.keyboard.press("Tab")
    expect(item.locator("summary")).to_be_focused()
    page.keyboard.press("Tab")
    second = quiz.locator(".ss-quiz__item--mc").nth(1).locator('input[type="radio"]').first
    expect(second).to_be_focused()


def test_space_on_the_button_grades_and_a_new_choice_waits_for_it(
    page: Page, site_url: Callable[[str], str]
) -> None:
    page.goto(site_url(NPS_PAGE))
    quiz_ready(page)
    item = page.locator(".ss-quiz__item--mc").first
    right = str(item.get_attribute("data-correct"))
    feedback = item.locator(".ss-quiz__feedback")
    item.locator(f'input[value="{right}"]').focus()
    page.keyboard.press("Space")
    expect(feedback).to_have_text("")
    assert stored_answers(page) == {}
    item.locator(".ss-quiz__check").focus()
    page.keyboard.press("Space")
    expect(feedback).to_have_text(re.compile("^Goed!"))
    # Another choice hides the old verdict (it was about the other option) and stores nothing new.
    wrong = item.locator(f'input[type="radio"]:not([value="{right}"])').first
    wrong.focus()
    page.keyboard.press("Space")
    expect(wrong).to_be_checked()
    expect(feedback).to_have_text("")
    assert stored_answers(page)[str(item.get_attribute("data-question"))]["o"] == right  # type: ignore[index]


def test_checking_without_a_choice_asks_for_one(page: Page, site_url: Callable[[str], str]) -> None:
    page.goto(site_url(NPS_PAGE))
    quiz_ready(page)
    item = page.locator(".ss-quiz__item--mc").first
    item.locator(".ss-quiz__check").click()
    expect(item.locator(".ss-quiz__feedback")).to_have_text("Kies eerst een antwoord.")
    expect(page.locator(".ss-quiz__controls").first).to_be_hidden()
    assert stored_answers(page) == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tap_on_a_phone_chooses_and_the_button_grades(browser: Browser, http_root: str, scheme: str) -> None:
    context = browser.new_context(**PHONE, color_scheme=scheme, service_workers="block")  # type: ignore[arg-type]
    page = context.new_page()
    record = Traffic((http_root, "data:", "blob:", "about:"))
    page.on("request", record.on_request)
    page.on("pageerror", record.on_page_error)
    try:
        page.goto(http_root + NPS_PAGE)
        expect(page.locator("body")).to_have_attribute(
            "data-md-color-scheme", "slate" if scheme == "dark" else "default"
        )
        quiz_ready(page)
        item = page.locator(".ss-quiz__item--mc").first
        labels = item.locator(".ss-quiz__option")
        labels.nth(1).tap()
        labels.nth(2).tap()
        expect(item.locator('input[type="radio"]').nth(2)).to_be_checked()
        expect(item.locator(".ss-quiz__feedback")).to_have_text("")
        assert stored_answers(page) == {}
        item.scroll_into_view_if_needed()
        shot(page, f"quiz-360-{scheme}-chosen")
        check = item.locator(".ss-quiz__check")
        box = check.bounding_box()
        assert box and box["height"] >= 24 and box["width"] >= 24, box
        check.tap()
        expect(item.locator(".ss-quiz__feedback")).to_have_text(re.compile(r"^(Goed!|Helaas)"))
        assert list(stored_answers(page)) == [item.get_attribute("data-question")]
        shot(page, f"quiz-360-{scheme}-checked")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
    assert not record.external and not record.errors, (record.external, record.errors)


def test_an_answer_chosen_before_the_script_arrived_is_not_graded(
    page: Page, site_url: Callable[[str], str]
) -> None:
    """quiz.js comes when the quiz comes near; a choice already in the form when it arrives (the
    browser's form memory after Back) stays chosen, but is not graded or stored until checked."""
    page.goto(site_url(NPS_PAGE))
    assert page.evaluate("() => !document.querySelector('.ss-quiz[data-ready]')"), "quiz.js came too early"
    page.evaluate("() => { document.querySelector('.ss-quiz__item--mc input[type=radio]').checked = true; }")
    quiz_ready(page)
    item = page.locator(".ss-quiz__item--mc").first
    expect(item.locator('input[type="radio"]:checked')).to_have_count(1)
    expect(item.locator(".ss-quiz__feedback")).to_have_text("")
    assert stored_answers(page) == {}
    # By keyboard: a click aims at coordinates, and on a busy machine the calculator above the
    # quiz may still be settling (a CI run saw the click miss the button).
    item.locator(".ss-quiz__check").focus()
    page.keyboard.press("Enter")
    expect(item.locator(".ss-quiz__feedback")).to_have_text(re.compile(r"^(Goed!|Helaas)"))
    assert list(stored_answers(page)) == [item.get_attribute("data-question")]


# -- The home page leads into the loop ------------------------------------------------------

LOOP = {"Mijn voortgang": "voortgang.html", "Herhalen": "herhalen.html", "Toetsen": "toets.html"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_home_page_on_a_phone_leads_to_progress_review_and_tests(
    browser: Browser, http_root: str, scheme: str
) -> None:
    """A first-time student on a 360 px phone finds Mijn voortgang, Herhalen and Toetsen on the
    home page, near the top (before the first section), without opening the menu; each is a
    link of 24 px or more, reached with Tab."""
    context = browser.new_context(**PHONE, color_scheme=scheme, service_workers="block")  # type: ignore[arg-type]
    page = context.new_page()
    try:
        page.goto(http_root + "index.html")
        article = page.locator("article.md-content__inner")
        first_section = article.locator("h2").first.bounding_box()
        assert first_section is not None
        for name, href in LOOP.items():
            link = article.get_by_role("link", name=re.compile(f"^{name}"))
            expect(link).to_have_count(1)
            expect(link).to_be_visible()
            expect(link).to_have_attribute("href", href)
            box = link.bounding_box()
            assert box and box["height"] >= 24 and box["y"] < first_section["y"], (name, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (name, box)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
        page.locator(".ss-loop").scroll_into_view_if_needed()
        shot(page, f"home-360-{scheme}")
        # Keyboard: from the block's introduction, Tab reaches the three links in order.
        page.locator(".ss-loop p").first.click()
        for href in LOOP.values():
            page.keyboard.press("Tab")
            assert page.evaluate("() => document.activeElement.getAttribute('href')") == href
            assert page.evaluate("() => document.activeElement.matches(':focus-visible')")
    finally:
        context.close()


def test_home_page_herhalen_means_the_review_page(page: Page, site_url: Callable[[str], str]) -> None:
    """On the home page "Herhalen" is the review page, not the chapter summaries."""
    page.goto(site_url("index.html"))
    items = page.locator("article li").all_inner_texts()
    for text in items:
        if text.startswith("Herhalen"):
            assert "samenvatting" not in text, text


# -- Calculators: the error next to the field that focus goes to ----------------------------


CALCULATOR_ERRORS = [
    ("h1/nps.html", "Aantal keer score 3", "abc", "Aantal keer score 3: vul een heel getal"),
    ("h2/targets.html", "Jaartarget (€)", "1.5", "Jaartarget: 1.5 is niet duidelijk"),
]


def test_calculator_error_shows_next_to_the_focused_field_on_a_phone(
    browser: Browser, http_root: str
) -> None:
    """On a 360 px phone a wrong entry moves focus to its field; the message that says what is
    wrong stands right under that field, on screen, and is the field's description."""
    context = browser.new_context(**PHONE, service_workers="block")  # type: ignore[arg-type]
    page = context.new_page()
    try:
        for path, field, bad, message in CALCULATOR_ERRORS:
            page.goto(http_root + path)
            box = page.locator(".ss-exercise").first
            box.scroll_into_view_if_needed()
            entry = box.get_by_label(field, exact=True)
            expect(entry, path).to_be_enabled()
            entry.fill(bad)
            submit = box.get_by_role("button", name="Controleer")
            submit.scroll_into_view_if_needed()
            submit.tap()
            expect(entry, path).to_be_focused()
            expect(entry, path).to_have_attribute("aria-invalid", "true")
            described = entry.get_attribute("aria-describedby")
            assert described, path
            note = page.locator(f"#{described}")
            expect(note, path).to_contain_text(message)
            expect(note, path).to_be_in_viewport()
            expect(entry, path).to_be_in_viewport()
            near = page.evaluate(
                """([input, note]) => {
                    const a = input.getBoundingClientRect(), b = note.getBoundingClientRect();
                    return b.top >= a.bottom - 1 && b.top - a.bottom < 40;
                }""",
                [entry.element_handle(), note.element_handle()],
            )
            assert near, f"{path}: the message is not right under the field"
            shot(page, f"calculator-error-360-{path.split('/')[1].removesuffix('.html')}")
            # Corrected: the message goes, and the result comes back.
            entry.fill("")
            box.get_by_role("button", name="Voorbeeld invullen").tap()
            expect(note, path).to_have_count(0)
            expect(entry, path).not_to_have_attribute("aria-invalid", "true")
    finally:
        context.close()


# -- Review card, test and teacher picker by keyboard ---------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_review_test_and_picker_by_keyboard(page: Page, site_url: Callable[[str], str], scheme: str) -> None:
    """Herhalen: Enter on "Toon antwoord" puts a visible focus on "Goed", Tab moves along the
    grades. Toetsen: Tab into a question, arrows choose, nothing is handed in. Docenten: the
    picker opens with Enter and a question is picked with Space."""
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(site_url("herhalen.html"))
    reveal = page.locator(".ss-study__reveal")
    page.locator(".ss-study__prompt").click()  # (focus on arrival is study.js's part)
    page.keyboard.press("Tab")
    expect(reveal).to_be_focused()
    page.keyboard.press("Enter")
    good = page.locator('.ss-study__grade[data-grade="3"]')
    expect(good).to_be_focused()
    assert page.evaluate("() => document.activeElement.matches(':focus-visible')")
    shot(page, f"review-goed-focused-{scheme}")
    page.keyboard.press("Tab")
    expect(page.locator('.ss-study__grade[data-grade="4"]')).to_be_focused()

    page.goto(site_url("toets.html"))
    page.locator(".ss-study a[href^='#hoofdstuk=']").first.click()
    # A question without a case to read first (a case question's box comes before its options).
    question = page.locator(".ss-study__question").filter(has_not=page.locator(".ss-study__context")).first
    expect(question).to_be_visible()
    question.locator("legend").click()
    page.keyboard.press("Tab")
    radios = question.locator('input[type="radio"]')
    expect(radios.first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(radios.nth(1)).to_be_checked()
    expect(page.get_by_text(re.compile("Je score"))).to_have_count(0)

    page.goto(site_url("docenten.html"))
    page.locator('.ss-study[data-study="toetslinks"]').scroll_into_view_if_needed()  # loads study.js
    summary = page.locator(".ss-study__chapter summary").first
    summary.scroll_into_view_if_needed()
    page.locator(".ss-study__chapter legend").first.click()
    page.keyboard.press("Tab")
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    box = page.locator(".ss-study__pick input").first
    expect(box).to_be_focused()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    expect(page.locator(".ss-study__link")).to_contain_text("Link naar een toets met 1 vraag")
