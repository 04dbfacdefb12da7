"""A question carries its context (issue 17) and tests read right, in a real browser over http
and from the unpacked zip on file://: the case section beside a case question in a chapter test,
a teacher's test and a review card; after "Inleveren" the score in view below the sticky header
and focused; an in-page question before handing in with unanswered questions; no stray bullets
or double numbers; "75 %" never broken."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from .test_a11y import AT_REST_JS, BODY_SCHEME, _axe, _report, switch_scheme, violations

pytestmark = pytest.mark.browser

START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
CASE_Q = "casus-h1-funnel-conversie"  # "Welk percentage van de 90 contactpersonen ... werd klant?"


def context_text(page: Page, key: str) -> str:
    """The plain text of a context section as the study data holds it."""
    return str(
        page.evaluate(
            "k => { const d = document.createElement('div');"
            " d.innerHTML = window.StudyData.contexts[k].html; return d.textContent; }",
            key,
        )
    )


def words(text: str) -> str:
    return " ".join(text.split())


def question_of(page: Page, qid: str) -> dict[str, object]:
    return dict(page.evaluate("id => window.StudyData.questions.find(q => q.id === id)", qid))


def test_chapter_test_shows_each_case_question_with_its_case(page: Page, root: str) -> None:
    page.goto(root + "toets.html#hoofdstuk=1")
    questions = page.locator(".ss-study__question")
    expect(questions.first).to_be_visible()
    with_context = 0
    for item in page.locator(".ss-study__questions > li").all():
        qid = str(item.locator(".ss-study__question").get_attribute("data-question"))
        keys = question_of(page, qid).get("context") or []
        boxes = item.locator(".ss-study__context")
        expect(boxes).to_have_count(len(keys))  # type: ignore[arg-type]
        for n, key in enumerate(keys):  # type: ignore[attr-defined]
            with_context += 1
            box = boxes.nth(n)
            expect(box).to_be_visible()
            assert words(context_text(page, key)) in words(box.inner_text())
        if keys:  # in the question's group: after its text (what to look for), before the options
            assert item.evaluate(
                "li => { const c = li.querySelector('fieldset > .ss-study__context');"
                " const after = (a, b) => !!(a.compareDocumentPosition(b) & 4);"  # b follows a
                " return !!c && after(li.querySelector('legend'), c)"
                " && after(c, li.querySelector('.ss-study__option, .ss-study__answer')); }"
            )
    # Chapter 1 draws two questions from each section with questions, the case included.
    assert with_context >= 1


def test_a_case_with_a_wide_table_fits_a_phone(page: Page, root: str) -> None:
    """The NPS table of the case has 12 columns: it scrolls inside its own box (reachable with
    the keyboard); the question and the page stay 360 px wide."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(root + "toets.html#vragen=casus-h1-nps-directeur")
    table = page.locator(".ss-study__context table")
    expect(table).to_be_visible()
    scroll = page.locator(".ss-study__scroll")
    expect(scroll).to_have_attribute("tabindex", "0")
    assert scroll.evaluate("e => e.scrollWidth > e.clientWidth"), "the table scrolls in its box"
    legend = page.locator(".ss-study__question legend").bounding_box()
    assert legend and legend["x"] + legend["width"] <= 360, legend
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, width


def test_teacher_test_says_it_is_the_teachers_and_shows_the_case(page: Page, root: str) -> None:
    page.goto(root + f"toets.html#vragen={CASE_Q},klant-omschrijving-loyale")
    app = page.locator(".ss-study[data-study=toets]")
    expect(app.get_by_role("heading", name="Toets van je docent")).to_be_visible()
    expect(app).to_contain_text("Je docent heeft deze 2 vragen voor je gekozen.")
    content = page.locator("article").inner_text()
    assert "uit de hele stof van een hoofdstuk" not in content, content[:400]
    items = page.locator(".ss-study__questions > li")
    case = items.nth(0).locator(".ss-study__context")
    expect(case).to_be_visible()
    expect(case).to_contain_text("90 contactpersonen van bedrijven laten hun gegevens achter")
    expect(case.locator("summary")).to_contain_text("Groeien bij kantoren")
    expect(items.nth(1).locator(".ss-study__context")).to_have_count(0)
    # Folded away and back with the keyboard; the question stays where it was.
    case.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(case.locator(".ss-study__context-body")).to_be_hidden()
    page.keyboard.press("Enter")
    expect(case.locator(".ss-study__context-body")).to_be_visible()


def seed_all_reviewed_but(page: Page, due_card: str) -> None:
    """Every card scheduled far ahead except `due_card`, due yesterday: the review deck
    starts with it. Through the page's own data and storage key."""
    key = page.evaluate("() => 'sales-studiesite:v1:' + new URL('./', location.href).href")
    cards = page.evaluate(
        "() => window.StudyData.concepts.map(c => ['begrip:' + c.id, c.hash]).concat("
        "window.StudyData.questions.filter(q => q.kind === 'mc').map(q => ['vraag:' + q.id, q.hash]))"
    )
    card = {"stability": 30, "difficulty": 5, "elapsed_days": 0, "scheduled_days": 30, "reps": 1,
            "lapses": 0, "learning_steps": 0, "state": 2,
            "last_review": "2026-11-20T09:00:00.000Z"}  # fmt: skip
    later = {**card, "due": "2027-01-01T09:00:00.000Z"}
    due = {**card, "due": "2026-11-30T09:00:00.000Z"}
    reviews = {cid: {"h": h, "c": due if cid == due_card else later, "t": 1} for cid, h in cards}
    state = {"version": 1, "answers": {}, "reviews": reviews}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(state)])


def test_review_card_of_a_case_question_shows_the_case(page: Page, root: str) -> None:
    page.clock.install(time=START)
    page.goto(root + "herhalen.html")
    page.wait_for_function("() => window.StudyData")
    seed_all_reviewed_but(page, "vraag:" + CASE_Q)
    page.reload()
    expect(page.locator(".ss-study__counter")).to_contain_text("(1 gepland")
    card = page.locator(".ss-study__card")
    expect(card.locator(".ss-study__prompt")).to_contain_text("90 contactpersonen")
    case = card.locator(".ss-study__context")
    expect(case).to_be_visible()
    assert card.evaluate(  # the question, then its case, then the options
        "c => { const x = c.querySelector('.ss-study__context'); const f = Node.DOCUMENT_POSITION_FOLLOWING;"
        " return !!(c.querySelector('.ss-study__prompt').compareDocumentPosition(x) & f)"
        " && !!(x.compareDocumentPosition(c.querySelector('.ss-study__options')) & f); }"
    )
    assert words(context_text(page, "h1/casus.md#kantoren")) in words(case.inner_text())
    # Space on the case's summary folds the case (the page's Space shortcut leaves it alone).
    case.locator("summary").focus()
    page.keyboard.press(" ")
    expect(case.locator(".ss-study__context-body")).to_be_hidden()
    expect(card.locator(".ss-study__back")).to_be_hidden()
    page.keyboard.press(" ")
    expect(case.locator(".ss-study__context-body")).to_be_visible()
    # The review goes on as before: reveal, grade, done.
    page.locator("body").click(position={"x": 1, "y": 300})
    page.keyboard.press(" ")
    expect(card.locator(".ss-study__back")).to_contain_text("Juist antwoord: 7 %")
    page.keyboard.press("3")
    expect(card).to_contain_text("Klaar voor vandaag")


def answer_all_but(page: Page, skip: int = 0) -> Locator:
    questions = page.locator(".ss-study__question")
    expect(questions.first).to_be_visible()
    for n in range(questions.count() - skip):
        question = questions.nth(n)
        if question.locator("textarea").count():  # an open question: written
            question.locator("textarea").fill("Mijn antwoord.")
        else:
            question.locator("input").first.check()
    return questions


@pytest.mark.parametrize("width", [360, 1280])
def test_score_is_in_view_below_the_header_and_focused(page: Page, root: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(root + "toets.html#hoofdstuk=2")
    answer_all_but(page)
    page.get_by_role("button", name="Inleveren").click()
    score = page.locator(".ss-study__result h2")
    expect(score).to_be_focused()
    expect(score).to_contain_text("Je score:")
    page.wait_for_function(
        "() => { const h = document.querySelector('.md-header').getBoundingClientRect();"
        " const s = document.querySelector('.ss-study__result h2').getBoundingClientRect();"
        " return s.top >= h.bottom && s.bottom <= innerHeight; }"
    )


def test_handing_in_with_unanswered_questions_asks_first(page: Page, root: str) -> None:
    page.goto(root + "toets.html#hoofdstuk=2")
    questions = answer_all_but(page, skip=2)
    total = questions.count()
    submit = page.get_by_role("button", name="Inleveren")
    submit.focus()
    page.keyboard.press("Enter")
    ask = page.get_by_role("alertdialog")
    expect(ask).to_be_visible()
    expect(ask).to_contain_text(f"Je hebt 2 van de {total} vragen nog niet beantwoord")
    expect(ask).to_contain_text(f"vraag {total - 1} en {total}")
    expect(page.locator(".ss-study__result")).to_be_empty()
    stay = ask.get_by_role("button", name="Verder met de toets")
    expect(stay).to_be_focused()
    page.keyboard.press("Enter")
    expect(ask).to_have_count(0)
    expect(questions.nth(total - 2).locator("input, textarea").first).to_be_focused()
    submit.click()
    page.get_by_role("alertdialog").get_by_role("button", name="Toch inleveren").click()
    expect(page.locator(".ss-study__result h2")).to_contain_text("Je score: ")
    # Answering the rest while asked, then handing in: no question left behind.
    page.goto(root + "toets.html#hoofdstuk=alle")
    questions = answer_all_but(page, skip=1)
    page.get_by_role("button", name="Inleveren").click()
    expect(page.get_by_role("alertdialog")).to_be_visible()
    questions.last.locator("textarea").fill("Mijn antwoord.")  # the last one is open
    page.get_by_role("button", name="Inleveren", exact=True).click()
    expect(page.locator(".ss-study__result h2")).to_be_focused()
    expect(page.get_by_role("alertdialog")).to_have_count(0)
    # Escape also goes back to the test.
    page.goto(root + "toets.html#hoofdstuk=1")
    answer_all_but(page, skip=1)
    page.get_by_role("button", name="Inleveren").click()
    expect(page.get_by_role("alertdialog")).to_contain_text("nog niet beantwoord")
    page.keyboard.press("Escape")
    expect(page.get_by_role("alertdialog")).to_have_count(0)
    expect(page.locator(".ss-study__result")).to_be_empty()


def test_no_stray_bullets_or_double_numbers_and_percent_stays_whole(page: Page, root: str) -> None:
    page.goto(root + "toets.html#hoofdstuk=2")
    questions = page.locator(".ss-study__question")
    expect(questions.first).to_be_visible()
    for n in range(questions.count()):  # everything wrong: every question is reviewed
        qid = questions.nth(n).get_attribute("data-question")
        question = question_of(page, str(qid))
        if question["kind"] == "open":
            questions.nth(n).locator("textarea").fill("Geen idee.")
            continue
        questions.nth(n).locator(f'input:not([value="{question["correct"]}"])').first.check()
    page.get_by_role("button", name="Inleveren").click()
    for selector in (".ss-study__questions > li", ".ss-study__wrong > li", ".ss-study__scoring > li"):
        items = page.locator(selector)
        expect(items.first).to_be_visible()
        styles = items.evaluate_all(
            "els => els.map(e => [getComputedStyle(e).display, getComputedStyle(e).listStyleType])"
        )
        assert all(display != "list-item" or kind == "none" for display, kind in styles), (selector, styles)
    first = page.locator(".ss-study__wrong > li").first
    expect(first.locator(".ss-study__prompt")).to_have_text(re.compile(r"^Vraag \d+: "))
    score = page.locator(".ss-study__result h2")
    text = score.text_content() or ""
    assert re.search(r"\(\d+\u00a0%\)$", text), repr(text)


def test_axe_on_a_test_with_cases_the_question_and_the_review_card(
    page: Page, site_url: Callable[[str], str]
) -> None:
    """axe-core (the rules of test_a11y.py) on the states the static pages never show: a test
    with case sections, the unanswered-questions question, the result, a review card with a case;
    each state in the scheme it is in, then in the other one by the palette toggle."""
    page.clock.install(time=START)
    page.goto(site_url("index.html"))
    problems: list[str] = []
    scheme = "light"

    def check(where: str) -> None:
        nonlocal scheme
        page.evaluate(_axe.axe_script)  # once per state (a state's page is not reloaded)
        for switch in (False, True):
            if switch:
                scheme = "dark" if scheme == "light" else "light"
                switch_scheme(page, scheme)
            # At rest: the focus and hover colours of Material's buttons (white on #526cfe, 4.25:1)
            # are the site-wide colour work of the palette, not of these views.
            # A link the pointer left as the page moved fades back in 125 ms: to its end.
            page.mouse.move(0, 0)
            page.wait_for_function(AT_REST_JS)
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", BODY_SCHEME[scheme])
            problems.extend(_report(f"{where} ({scheme})", violations(page)))

    page.goto(site_url(f"toets.html#vragen=casus-h1-nps-directeur,{CASE_Q},klant-omschrijving-loyale"))
    page.get_by_role("button", name="Inleveren").click()
    expect(page.get_by_role("alertdialog")).to_be_visible()
    check("toets (vraag)")
    page.get_by_role("button", name="Toch inleveren").click()
    expect(page.locator(".ss-study__result h2")).to_be_focused()
    check("toets (score)")
    page.goto(site_url("herhalen.html"))
    page.wait_for_function("() => window.StudyData")
    seed_all_reviewed_but(page, "vraag:casus-h1-b2b-omzetaandeel")
    page.reload()
    expect(page.locator(".ss-study__card .ss-study__context")).to_be_visible()
    check("herhalen (casus)")
    assert not problems, "\n".join(problems)
