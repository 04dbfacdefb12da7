"""The interactive widgets in a real browser: the quiz (feedback, score, localStorage) and the
exercises (NPS calculator, target split), including keyboard use, errors, 360 px, print and no-JS.

`site_url(path)` (tests/browser/conftest.py) gives the URL of a built page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.browser

MINUS = "\u2212"
NPS_PAGE = "h1/nps.html"
TARGET_PAGE = "h2/targets.html"
PRINT_PAGE = "afdrukken.html"  # the print-site plugin's page (mkdocs.yml)


def norm(text: str) -> str:
    """Visible text with non-breaking spaces as spaces and whitespace collapsed."""
    return " ".join(text.replace("\u00a0", " ").split())


def table_rows(box: Locator) -> list[list[str]]:
    rows = box.locator(".ss-exercise__table tr")
    return [
        [norm(cell) for cell in rows.nth(i).locator("th, td").all_inner_texts()] for i in range(rows.count())
    ]


# -- quiz --------------------------------------------------------------------------------------


def test_quiz_feedback_score_reload_and_reset(page: Page, site_url: Callable[[str], str]) -> None:
    page.goto(site_url(NPS_PAGE))
    quiz = page.locator(".ss-quiz").first
    key = "ss-quiz:" + str(quiz.get_attribute("data-quiz"))
    items = quiz.locator(".ss-quiz__item--mc")
    total = items.count()
    assert total >= 2, "the NPS page needs at least two multiple-choice questions for this test"
    controls = quiz.locator(".ss-quiz__controls")
    score = quiz.locator(".ss-quiz__score")
    expect(controls).to_be_hidden()

    first, second = items.nth(0), items.nth(1)
    first_answer = int(first.get_attribute("data-answer") or "")
    second_answer = int(second.get_attribute("data-answer") or "")
    second_radios = second.locator('input[type="radio"]')
    second_wrong = (second_answer + 1) % second_radios.count()

    # A right answer: "Goed!" in words, not only in colour.
    first.locator('input[type="radio"]').nth(first_answer).check()
    feedback = first.locator(".ss-quiz__feedback")
    expect(feedback).to_have_text(re.compile(r"^Goed!"))
    expect(feedback).to_have_class(re.compile(r"\bss-quiz__feedback--ok\b"))
    expect(controls).to_be_visible()
    expect(score).to_have_text(f"Score: 1 van {total} meerkeuzevragen goed (1 beantwoord)")

    # A wrong answer names the right one.
    second_radios.nth(second_wrong).check()
    right_text = norm(second.locator(".ss-quiz__option").nth(second_answer).inner_text()).rstrip(".!?")
    feedback2 = second.locator(".ss-quiz__feedback")
    expect(feedback2).to_contain_text(f"Helaas, het juiste antwoord is: {right_text}.")
    expect(feedback2).to_have_class(re.compile(r"\bss-quiz__feedback--wrong\b"))
    expect(score).to_have_text(f"Score: 1 van {total} meerkeuzevragen goed (2 beantwoord)")

    # Answers may change; the score counts the current ones.
    second_radios.nth(second_answer).check()
    expect(score).to_have_text(f"Score: 2 van {total} meerkeuzevragen goed (2 beantwoord)")

    # Reload: answers, feedback and score come back from localStorage.
    page.reload()
    quiz = page.locator(".ss-quiz").first
    expect(quiz.locator(".ss-quiz__score")).to_have_text(
        f"Score: 2 van {total} meerkeuzevragen goed (2 beantwoord)"
    )
    expect(
        quiz.locator(".ss-quiz__item--mc").nth(0).locator('input[type="radio"]').nth(first_answer)
    ).to_be_checked()
    expect(quiz.locator(".ss-quiz__item--mc").nth(1).locator(".ss-quiz__feedback")).to_have_text(
        re.compile("^Goed!")
    )

    # Reset: form, feedback, score and storage cleared; focus stays in the quiz.
    quiz.locator(".ss-quiz__reset").click()
    expect(quiz.locator(".ss-quiz__controls")).to_be_hidden()
    expect(quiz.locator('input[type="radio"]:checked')).to_have_count(0)
    expect(quiz.locator(".ss-quiz__feedback--ok, .ss-quiz__feedback--wrong")).to_have_count(0)
    expect(quiz.locator('input[type="radio"]').first).to_be_focused()
    assert page.evaluate("key => window.localStorage.getItem(key)", key) is None
    page.reload()
    expect(page.locator(".ss-quiz").first.locator(".ss-quiz__controls")).to_be_hidden()


def test_quiz_works_without_localstorage(page: Page, site_url: Callable[[str], str]) -> None:
    # Storage that throws (disabled, full, or file:// in some browsers) for the quiz's keys only:
    # Material's own use of localStorage must keep working for the page to load cleanly.
    page.add_init_script(
        """for (const name of ['getItem', 'setItem', 'removeItem']) {
            const original = Storage.prototype[name];
            Storage.prototype[name] = function (key, ...rest) {
                if (String(key).startsWith('ss-quiz:')) throw new DOMException('denied', 'SecurityError');
                return original.call(this, key, ...rest);
            };
        }"""
    )
    page.goto(site_url(NPS_PAGE))
    quiz = page.locator(".ss-quiz").first
    item = quiz.locator(".ss-quiz__item--mc").first
    item.locator('input[type="radio"]').nth(int(item.get_attribute("data-answer") or "")).check()
    expect(item.locator(".ss-quiz__feedback")).to_have_text(re.compile("^Goed!"))
    expect(quiz.locator(".ss-quiz__score")).to_contain_text("(1 beantwoord)")
    page.reload()
    expect(page.locator(".ss-quiz").first.locator(".ss-quiz__controls")).to_be_hidden()


# -- NPS calculator ----------------------------------------------------------------------------


def nps_box(page: Page) -> Locator:
    """The calculator, scrolled into view as a reader would: its script is loaded
    when the widget comes near the viewport (lazy.js)."""
    box = page.locator(".ss-exercise--nps-calculator")
    box.scroll_into_view_if_needed()
    return box


def test_nps_calculator(page: Page, site_url: Callable[[str], str]) -> None:
    page.goto(site_url(NPS_PAGE))
    box = nps_box(page)
    output = box.locator(".ss-exercise__output")
    static = norm(output.inner_text())
    assert static.startswith("Uitkomst: NPS = +25.")
    expect(box.locator(".ss-exercise__nojs")).to_be_hidden()
    expect(box.get_by_label("Aantal keer score 0", exact=True)).to_be_enabled()

    # The browser's arithmetic gives exactly the text Python rendered.
    box.get_by_role("button", name="Bereken").click()
    assert norm(output.inner_text()) == static

    box.get_by_role("button", name="Wissen").click()
    expect(output).to_have_text("Vul de aantallen in en kies Bereken.")
    expect(box.get_by_label("Aantal keer score 0", exact=True)).to_be_focused()
    box.get_by_role("button", name="Bereken").click()
    expect(output).to_contain_text("Vul minstens één aantal in")

    # The page's short example: 20 promoters, 24 passives, 36 detractors; Enter submits.
    box.get_by_label("Aantal keer score 0", exact=True).fill("36")
    box.get_by_label("Aantal keer score 7", exact=True).fill("24")
    box.get_by_label("Aantal keer score 10", exact=True).fill("20")
    box.get_by_label("Aantal keer score 10", exact=True).press("Enter")
    expect(output).to_contain_text(f"Uitkomst: NPS = {MINUS}20.")
    text = norm(output.inner_text())
    assert "Totaal aantal respondenten: 80" in text
    assert "Promotors (9–10): 20 van de 80 = 25 %" in text
    assert "Criticasters (0–6): 36 van de 80 = 45 %" in text
    assert f"NPS = % promotors {MINUS} % criticasters = 25 {MINUS} 45 = {MINUS}20" in text

    # Rounding is explained.
    box.get_by_role("button", name="Wissen").click()
    box.get_by_label("Aantal keer score 0", exact=True).fill("1")
    box.get_by_label("Aantal keer score 10", exact=True).fill("2")
    box.get_by_role("button", name="Bereken").click()
    expect(output).to_contain_text("Uitkomst: NPS = +33,3 (afgerond op een heel getal: +33).")
    expect(output).to_contain_text("afgerond op één decimaal")

    # Invalid input: a Dutch message naming the field, marked and focused.
    field = box.get_by_label("Aantal keer score 3", exact=True)
    for bad in ("-2", "2.5"):
        field.fill(bad)
        box.get_by_role("button", name="Bereken").click()
        expect(output).to_contain_text(
            "Controleer de invoer: Aantal keer score 3: vul een heel getal van 0 of meer in."
        )
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_be_focused()

    # Back to the worked example.
    box.get_by_role("button", name="Voorbeeld invullen").click()
    assert norm(output.inner_text()) == static
    expect(field).not_to_have_attribute("aria-invalid", "true")


# -- target split ------------------------------------------------------------------------------


def target_box(page: Page) -> Locator:
    box = page.locator(".ss-exercise--target-split")
    box.scroll_into_view_if_needed()
    return box


def region_field(box: Locator, region: str, label: str) -> Locator:
    return box.get_by_role("group", name=f"Regio {region}").get_by_label(label, exact=True)


def test_target_split(page: Page, site_url: Callable[[str], str]) -> None:
    page.goto(site_url(TARGET_PAGE))
    box = target_box(page)
    output = box.locator(".ss-exercise__output")
    static = norm(output.inner_text())
    static_rows = table_rows(box)
    assert static.startswith("Bottom-up komt € 80.000 (3,3 % van de target) lager uit")
    assert static_rows[-1] == ["Totaal (100 %)", "€ 2.400.000", "€ 2.320.000", f"{MINUS} € 80.000"]

    box.get_by_role("button", name="Bereken").click()
    assert norm(output.inner_text()) == static
    assert table_rows(box) == static_rows

    box.get_by_label("Jaartarget (€)").fill("1.200.000")
    for region, share, bottom_up in (
        ("Noord", "40", "500.000"),
        ("Midden", "35", "390000"),
        ("Zuid", "25", "€ 260.000"),
    ):
        region_field(box, region, "Aandeel (%)").fill(share)
        region_field(box, region, "Bottom-up (€)").fill(bottom_up)
    box.get_by_role("button", name="Bereken").click()
    expect(output).to_contain_text(
        "Bottom-up komt € 50.000 (4,2 % van de target) lager uit dan de top-down target van € 1.200.000.",
        use_inner_text=True,
    )
    text = norm(output.inner_text())
    assert f"Het grootste tekort zit in Zuid: {MINUS} € 40.000." in text
    assert "Noord ziet juist meer kansen dan gevraagd: + € 20.000." in text
    assert table_rows(box) == [
        ["Regio (aandeel)", "Top-down", "Bottom-up", "Verschil"],
        ["Noord (40 %)", "€ 480.000", "€ 500.000", "+ € 20.000"],
        ["Midden (35 %)", "€ 420.000", "€ 390.000", f"{MINUS} € 30.000"],
        ["Zuid (25 %)", "€ 300.000", "€ 260.000", f"{MINUS} € 40.000"],
        ["Totaal (100 %)", "€ 1.200.000", "€ 1.150.000", f"{MINUS} € 50.000"],
    ]

    # Shares that do not add up to 100 %: a clear message, the shares marked, no table.
    region_field(box, "Zuid", "Aandeel (%)").fill("20")
    region_field(box, "Zuid", "Aandeel (%)").press("Enter")
    expect(output).to_contain_text("De aandelen tellen op tot 95 % in plaats van 100 %.", use_inner_text=True)
    expect(box.locator(".ss-exercise__table")).to_be_hidden()
    for region in ("Noord", "Midden", "Zuid"):
        expect(region_field(box, region, "Aandeel (%)")).to_have_attribute("aria-invalid", "true")
    expect(region_field(box, "Noord", "Aandeel (%)")).to_be_focused()

    # A decimal share with a comma is fine.
    region_field(box, "Noord", "Aandeel (%)").fill("33,3")
    region_field(box, "Midden", "Aandeel (%)").fill("33,3")
    region_field(box, "Zuid", "Aandeel (%)").fill("33,4")
    box.get_by_role("button", name="Bereken").click()
    assert table_rows(box)[1][:2] == ["Noord (33,3 %)", "€ 399.600"]

    # Cents are refused with a message naming the field.
    box.get_by_label("Jaartarget (€)").fill("1.200.000,50")
    box.get_by_role("button", name="Bereken").click()
    expect(output).to_contain_text("Jaartarget: vul een bedrag in hele euro's in")
    expect(box.get_by_label("Jaartarget (€)")).to_have_attribute("aria-invalid", "true")

    box.get_by_role("button", name="Voorbeeld invullen").click()
    assert norm(output.inner_text()) == static
    assert table_rows(box) == static_rows


# -- layout, print, no JavaScript --------------------------------------------------------------


@pytest.mark.parametrize("path", [NPS_PAGE, TARGET_PAGE])
def test_no_horizontal_scroll_at_360px(page: Page, site_url: Callable[[str], str], path: str) -> None:
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(site_url(path))
    box = page.locator(".ss-exercise").first
    box.scroll_into_view_if_needed()
    overflow = page.evaluate(
        """() => {
            const box = document.querySelector('.ss-exercise');
            const wide = [...box.querySelectorAll('*')].filter((el) => el.scrollWidth > el.clientWidth + 1
                && getComputedStyle(el).overflowX !== 'visible');
            return {
                page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                box: box.getBoundingClientRect().right - document.documentElement.clientWidth,
                scrolling: wide.map((el) => el.className),
            };
        }"""
    )
    assert overflow["page"] <= 0, overflow
    assert overflow["box"] <= 0, overflow
    assert overflow["scrolling"] == [], overflow


@pytest.mark.parametrize("path", [NPS_PAGE, TARGET_PAGE])
def test_print_shows_the_result_not_the_form(page: Page, site_url: Callable[[str], str], path: str) -> None:
    page.goto(site_url(path))
    page.emulate_media(media="print")
    box = page.locator(".ss-exercise").first
    expect(box.locator("form")).to_be_hidden()
    expect(box.locator("button").first).to_be_hidden()
    expect(box.locator(".ss-exercise__summary")).to_be_visible()


@pytest.mark.parametrize("path", [NPS_PAGE, TARGET_PAGE])
def test_without_javascript(browser: Browser, site_url: Callable[[str], str], path: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url(path))
        box = page.locator(".ss-exercise").first
        expect(box.locator(".ss-exercise__nojs")).to_have_text(re.compile("^Schakel JavaScript in"))
        expect(box.locator("input").first).to_be_disabled()
        expect(box.locator(".ss-exercise__summary")).to_be_visible()
    finally:
        context.close()


def test_widgets_work_on_the_print_page(page: Page, site_url: Callable[[str], str]) -> None:
    """print-site puts every chapter on one page and prefixes some ids; the widgets still work."""
    page.goto(site_url(PRINT_PAGE))
    box = nps_box(page)
    expect(box.locator(".ss-exercise__nojs")).to_be_hidden()
    box.get_by_label("Aantal keer score 10", exact=True).fill("140")
    box.get_by_role("button", name="Bereken").click()
    expect(box.locator(".ss-exercise__output")).to_contain_text("Totaal aantal respondenten: 300")
    target = target_box(page)
    target.get_by_role("button", name="Wissen").click()
    expect(target.locator(".ss-exercise__table")).to_be_hidden()
    target.get_by_role("button", name="Voorbeeld invullen").click()
    expect(target.locator(".ss-exercise__table")).to_be_visible()
