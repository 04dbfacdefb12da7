"""The exercises (NPS calculator, target split) in a real browser: Dutch number input, errors,
keyboard use, 360 px, print, the print page and no-JS.

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


# -- NPS calculator ----------------------------------------------------------------------------


def nps_box(page: Page) -> Locator:
    """The calculator, scrolled into view as a reader would: its script is loaded
    when the widget comes near the viewport (lazy.js)."""
    box = page.locator(".ss-exercise--nps-calculator")
    box.scroll_into_view_if_needed()
    expect(box.locator("input").first).to_be_enabled()  # the script has set it up
    return box


WORKED_NPS = (
    "Uitkomst: NPS = +25. Totaal aantal respondenten: 200 Promotors (9–10): 96 van de 200 = 48 % "
    "Passief tevredenen (7–8): 58 van de 200 = 29 % Criticasters (0–6): 46 van de 200 = 23 % "
    f"NPS = % promotors {MINUS} % criticasters = 48 {MINUS} 23 = +25"
)
NPS_STEPS = ("Totaal aantal respondenten", "Percentage promotors (%)", "Percentage criticasters (%)", "NPS")


def values(box: Locator) -> list[str]:
    return [str(v) for v in box.locator("input").evaluate_all("(inputs) => inputs.map((i) => i.value)")]


def fill_steps(box: Locator, labels: tuple[str, ...], answers: tuple[str, ...]) -> None:
    for label, text in zip(labels, answers, strict=True):
        box.get_by_label(label, exact=True).fill(text)


def note_of(page: Page, field: Locator) -> Locator:
    """The message a field is described by (aria-describedby)."""
    described = field.get_attribute("aria-describedby")
    assert described, "the field has no description"
    return page.locator(f"#{described}")


def test_nps_checker(page: Page, root: str) -> None:
    """Over http and file://: the fields start empty, the example is one tap away, a wrong own
    answer is named with how to compute it (without the right value), right answers say Goed,
    and the working comes only when asked."""
    page.goto(root + NPS_PAGE)
    box = nps_box(page)
    output = box.locator(".ss-exercise__output")
    expect(box.get_by_label("Aantal keer score 0", exact=True)).to_be_enabled()
    expect(box.locator(".ss-exercise__nojs")).to_be_hidden()
    assert values(box) == [""] * 15, "no field gives the worked example away"
    expect(output).to_be_empty()

    box.get_by_role("button", name="Voorbeeld invullen").click()
    assert values(box) == ["1", "2", "3", "4", "6", "12", "18", "20", "38", "56", "40", "", "", "", ""]
    expect(box.get_by_label("Totaal aantal respondenten")).to_be_focused()
    expect(output).to_contain_text("De cijfers van het uitgewerkte voorbeeld staan ingevuld.")
    expect(output).not_to_contain_text("Uitkomst")

    box.get_by_role("button", name="Controleer").click()
    expect(output).to_contain_text("Vul eerst je eigen uitkomsten in bij Jouw uitwerking")
    expect(box.get_by_label("Totaal aantal respondenten")).to_be_focused()

    fill_steps(box, NPS_STEPS, ("200", "50", "23", "27"))
    box.get_by_role("button", name="Controleer").click()
    hint = (
        "Je percentage promotors klopt niet: deel het aantal promotors (9 en 10) door het totaal "
        "aantal respondenten en vermenigvuldig met 100."
    )
    summary = box.locator(".ss-exercise__summary")
    expect(summary).to_have_text(hint)
    assert norm(box.locator(".ss-exercise__steps").inner_text()) == (
        "Totaal aantal respondenten: goed Percentage promotors: klopt niet "
        "Percentage criticasters: goed NPS: klopt niet"
    )
    promoters = box.get_by_label("Percentage promotors (%)")
    expect(promoters).to_be_focused()
    expect(promoters).to_have_attribute("aria-invalid", "true")
    expect(note_of(page, promoters)).to_have_text(hint)
    expect(box.get_by_label("Totaal aantal respondenten")).not_to_have_attribute("aria-invalid", "true")
    assert "48" not in output.inner_text() and "Uitkomst" not in output.inner_text()

    fill_steps(box, NPS_STEPS, ("200", "48", "23", "+25"))
    box.get_by_role("button", name="Controleer").click()
    expect(summary).to_have_text("Goed! Al je stappen kloppen.")
    expect(box.locator("[aria-invalid]")).to_have_count(0)
    expect(box.locator(".ss-exercise__field-error")).to_have_count(0)

    box.get_by_role("button", name="Toon de uitwerking").click()
    expect(output).to_contain_text("Uitkomst: NPS = +25.")
    assert norm(output.inner_text()) == WORKED_NPS

    box.get_by_role("button", name="Wissen").click()
    assert values(box) == [""] * 15
    expect(box.get_by_label("Aantal keer score 0", exact=True)).to_be_focused()
    box.get_by_role("button", name="Toon de uitwerking").click()
    expect(output).to_contain_text("Vul minstens één aantal in")


def test_nps_checker_accepts_rounding_as_the_intro_says(page: Page, site_url: Callable[[str], str]) -> None:
    page.goto(site_url(NPS_PAGE))
    box = nps_box(page)
    expect(box.locator(".ss-exercise__intro")).to_contain_text(
        "Afronden mag: een uitkomst die juist is afgerond op een heel getal of op decimalen, is goed, "
        "ook een NPS uit je afgeronde percentages."
    )
    summary = box.locator(".ss-exercise__summary")
    box.get_by_label("Aantal keer score 0", exact=True).fill("1")
    box.get_by_label("Aantal keer score 10", exact=True).fill("2")  # 66,66… % and 33,33… %
    for answers in (("3", "66,7", "33,3", "33,3"), ("3", "67", "33", "33"), ("3", "67", "33", "34")):
        fill_steps(box, NPS_STEPS, answers)
        box.get_by_role("button", name="Controleer").click()
        expect(summary).to_have_text("Goed! Al je stappen kloppen.")
    fill_steps(box, NPS_STEPS, ("3", "66", "33", "33"))
    box.get_by_role("button", name="Controleer").click()
    expect(summary).to_contain_text("Je percentage promotors klopt niet")


def test_nps_checker_reads_bad_input(page: Page, site_url: Callable[[str], str]) -> None:
    """Input that cannot be read: a Dutch message naming the field, marked and focused."""
    page.goto(site_url(NPS_PAGE))
    box = nps_box(page)
    output = box.locator(".ss-exercise__output")
    box.get_by_role("button", name="Voorbeeld invullen").click()
    field = box.get_by_label("Aantal keer score 3", exact=True)
    for bad, message in (
        ("-2", "vul een heel getal van 0 of meer in."),
        ("2,5", "vul een heel getal van 0 of meer in."),
        ("drie", "vul een heel getal van 0 of meer in."),
        ("2.5", "2.5 is niet duidelijk: bedoel je 2,5 of 25?"),
        ("1,000", "1,000 is niet duidelijk: bedoel je 1.000 of 1?"),
    ):
        field.fill(bad)
        box.get_by_role("button", name="Controleer").click()
        expect(output).to_contain_text(f"Controleer de invoer. Aantal keer score 3: {message}")
        expect(output).not_to_contain_text("klopt")
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_be_focused()
    field.fill("4")
    own = box.get_by_label("Percentage promotors (%)")
    own.fill("veel")
    box.get_by_role("button", name="Controleer").click()
    expect(output).to_contain_text("Controleer de invoer. Percentage promotors (%): vul een getal in")
    expect(own).to_be_focused()
    expect(field).not_to_have_attribute("aria-invalid", "true")
    box.get_by_role("button", name="Voorbeeld invullen").click()
    expect(own).to_have_value("")
    expect(box.locator("[aria-invalid]")).to_have_count(0)


def test_nps_checker_by_keyboard_only(page: Page, site_url: Callable[[str], str]) -> None:
    """Tab through the figures and the own steps to the buttons; Enter on Voorbeeld invullen
    puts focus on the first own step; Enter in a field checks; a wrong step gets focus."""
    page.goto(site_url(NPS_PAGE))
    box = nps_box(page)
    box.get_by_label("Aantal keer score 0", exact=True).focus()
    order = []
    for _ in range(17):
        page.keyboard.press("Tab")
        order.append(
            page.evaluate(
                "() => document.activeElement.labels?.[0]?.textContent ?? document.activeElement.textContent"
            )
        )
    assert order == [f"Aantal keer score {i}" for i in range(1, 11)] + list(NPS_STEPS) + [
        "Controleer",
        "Toon de uitwerking",
        "Voorbeeld invullen",
    ]
    page.keyboard.press("Enter")
    expect(box.get_by_label("Totaal aantal respondenten")).to_be_focused()
    for text in ("200", "Tab", "48", "Tab", "25", "Tab", "25", "Enter"):
        page.keyboard.press(text) if text in ("Tab", "Enter") else page.keyboard.type(text)
    summary = box.locator(".ss-exercise__summary")
    expect(summary).to_contain_text("Je percentage criticasters klopt niet")
    expect(box.get_by_label("Percentage criticasters (%)")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("23")
    page.keyboard.press("Enter")
    expect(summary).to_have_text("Goed! Al je stappen kloppen.")


def test_nps_calculator_reads_a_thousand_the_dutch_way(page: Page, site_url: Callable[[str], str]) -> None:
    page.goto(site_url(NPS_PAGE))
    box = nps_box(page)
    output = box.locator(".ss-exercise__output")
    box.get_by_label("Aantal keer score 10", exact=True).press_sequentially("1.000")
    box.get_by_label("Aantal keer score 0", exact=True).press_sequentially(" 1.000 ")
    box.get_by_role("button", name="Toon de uitwerking").click()
    expect(output).to_contain_text("Totaal aantal respondenten: 2.000", use_inner_text=True)
    text = norm(output.inner_text())
    assert "Promotors (9–10): 1.000 van de 2.000 = 50 %" in text
    assert text.startswith("Uitkomst: NPS = 0.")
    fill_steps(box, NPS_STEPS, ("2.000", "50", "50", "0"))
    box.get_by_role("button", name="Controleer").click()
    expect(box.locator(".ss-exercise__summary")).to_have_text("Goed! Al je stappen kloppen.")


# -- target split ------------------------------------------------------------------------------


def target_box(page: Page) -> Locator:
    box = page.locator(".ss-exercise--target-split")
    box.scroll_into_view_if_needed()
    expect(box.locator("input").first).to_be_enabled()  # the script has set it up
    return box


def region_field(box: Locator, region: str, label: str) -> Locator:
    return box.get_by_role("group", name=f"Regio {region}").get_by_label(label, exact=True)


TARGET_STEPS = (
    tuple(f"Target top-down {r} (€)" for r in ("Noord", "Midden", "Zuid"))
    + tuple(f"Verschil {r} (€)" for r in ("Noord", "Midden", "Zuid"))
    + ("Totaal verschil (€)",)
)
RIGHT_TARGETS = ("600.000", "1.080.000", "720.000", f"{MINUS} € 40.000", "+ € 40.000", "-80.000", "−80.000")


def test_target_checker(page: Page, root: str) -> None:
    """Over http and file://: example figures, own steps checked, the first wrong step named."""
    page.goto(root + TARGET_PAGE)
    box = target_box(page)
    output = box.locator(".ss-exercise__output")
    expect(box.get_by_label("Jaartarget (€)")).to_be_enabled()
    assert values(box) == [""] * 14
    expect(output).to_be_empty()
    expect(box.locator(".ss-exercise__table")).to_have_count(0)
    expect(box.locator(".ss-exercise__intro")).to_contain_text(
        "Afronden mag: een bedrag dat minder dan € 1 afwijkt, is goed."
    )

    box.get_by_role("button", name="Voorbeeld invullen").click()
    assert values(box)[:7] == ["2.400.000", "25", "560.000", "45", "1.120.000", "30", "640.000"]
    expect(box.get_by_label("Target top-down Noord (€)")).to_be_focused()

    summary = box.locator(".ss-exercise__summary")
    fill_steps(box, TARGET_STEPS, RIGHT_TARGETS)
    box.get_by_role("button", name="Controleer").click()
    expect(summary).to_have_text("Goed! Al je stappen kloppen.")
    expect(box.locator(".ss-exercise__table")).to_have_count(0)

    noord = box.get_by_label("Verschil Noord (€)")
    noord.fill("40.000")
    box.get_by_label("Target top-down Midden (€)").fill("1.000.000")
    box.get_by_role("button", name="Controleer").click()
    hint = (
        "Je target top-down voor Midden klopt niet: vermenigvuldig het jaartarget met het aandeel van Midden "
        "(45 % is 0,45)."
    )
    expect(summary).to_have_text(hint, use_inner_text=True)
    midden = box.get_by_label("Target top-down Midden (€)")
    expect(midden).to_be_focused()
    expect(midden).to_have_attribute("aria-invalid", "true")
    expect(note_of(page, midden)).to_have_text(hint, use_inner_text=True)
    expect(note_of(page, noord)).to_have_text(
        "Je verschil voor Noord heeft het verkeerde teken: reken bottom-up min top-down. "
        "Een tekort is dus negatief."
    )
    assert "1.080.000" not in output.inner_text()

    box.get_by_role("button", name="Toon de uitwerking").click()
    expect(output).to_contain_text("Bottom-up komt")
    assert table_rows(box)[2] == ["Midden (45 %)", "€ 1.080.000", "€ 1.120.000", "+ € 40.000"]


def test_target_split_working(page: Page, site_url: Callable[[str], str]) -> None:
    page.goto(site_url(TARGET_PAGE))
    box = target_box(page)
    output = box.locator(".ss-exercise__output")
    box.get_by_role("button", name="Voorbeeld invullen").click()
    box.get_by_role("button", name="Toon de uitwerking").click()
    expect(output).to_contain_text("Bottom-up komt")
    static = norm(output.inner_text())
    static_rows = table_rows(box)
    assert static.startswith(
        "Bottom-up komt € 80.000 (3,33… % van het target) lager uit dan het top-down target van € 2.400.000."
    )
    assert static.endswith(
        "Een getal met … erachter is na twee decimalen afgekapt: er volgen nog meer cijfers."
    )
    assert static_rows == [
        ["Regio (aandeel)", "Top-down", "Bottom-up", "Verschil"],
        ["Noord (25 %)", "€ 600.000", "€ 560.000", f"{MINUS} € 40.000"],
        ["Midden (45 %)", "€ 1.080.000", "€ 1.120.000", "+ € 40.000"],
        ["Zuid (30 %)", "€ 720.000", "€ 640.000", f"{MINUS} € 80.000"],
        ["Totaal (100 %)", "€ 2.400.000", "€ 2.320.000", f"{MINUS} € 80.000"],
    ]

    box.get_by_role("button", name="Toon de uitwerking").click()
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
    box.get_by_role("button", name="Toon de uitwerking").click()
    expect(output).to_contain_text(
        "Bottom-up komt € 50.000 (4,16… % van het target) lager uit dan het top-down target van € 1.200.000.",
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
    box.get_by_role("button", name="Toon de uitwerking").click()
    expect(output).to_contain_text("De aandelen tellen op tot 95 % in plaats van 100 %.", use_inner_text=True)
    expect(box.locator(".ss-exercise__table")).to_be_hidden()
    for region in ("Noord", "Midden", "Zuid"):
        expect(region_field(box, region, "Aandeel (%)")).to_have_attribute("aria-invalid", "true")
    expect(region_field(box, "Noord", "Aandeel (%)")).to_be_focused()

    # A decimal share with a comma is fine; with a point it is ambiguous: a question, no table.
    region_field(box, "Noord", "Aandeel (%)").fill("33,3")
    region_field(box, "Midden", "Aandeel (%)").fill("33.3")
    region_field(box, "Zuid", "Aandeel (%)").fill("33,4 %")
    box.get_by_role("button", name="Toon de uitwerking").click()
    expect(output).to_contain_text(
        "Controleer de invoer. Aandeel Midden: 33.3 is niet duidelijk: bedoel je 33,3 of 333?"
    )
    expect(box.locator(".ss-exercise__table")).to_have_count(0)
    expect(region_field(box, "Midden", "Aandeel (%)")).to_have_attribute("aria-invalid", "true")
    expect(region_field(box, "Midden", "Aandeel (%)")).to_be_focused()
    region_field(box, "Midden", "Aandeel (%)").fill("33,3")
    box.get_by_role("button", name="Toon de uitwerking").click()
    assert table_rows(box)[1][:2] == ["Noord (33,3 %)", "€ 399.600"]

    # Cents are refused with a message naming the field.
    box.get_by_label("Jaartarget (€)").fill("1.200.000,50")
    box.get_by_role("button", name="Toon de uitwerking").click()
    expect(output).to_contain_text("Jaartarget: vul een bedrag in hele euro's in")
    expect(box.get_by_label("Jaartarget (€)")).to_have_attribute("aria-invalid", "true")

    box.get_by_role("button", name="Voorbeeld invullen").click()
    box.get_by_role("button", name="Toon de uitwerking").click()
    assert norm(output.inner_text()) == static
    assert table_rows(box) == static_rows


# -- layout, print, no JavaScript --------------------------------------------------------------


def test_no_horizontal_scroll_at_360px(page: Page, site_url: Callable[[str], str]) -> None:
    page.set_viewport_size({"width": 360, "height": 780})
    for path in (NPS_PAGE, TARGET_PAGE):
        page.goto(site_url(path))
        box = page.locator(".ss-exercise").first
        box.scroll_into_view_if_needed()
        box.get_by_role("button", name="Voorbeeld invullen").click()
        # The widest states: every own step wrong (a message under each field), then the working.
        box.locator(".ss-exercise__group--answers input").evaluate_all(
            "(inputs) => inputs.forEach((i) => { i.value = '1'; })"
        )
        box.get_by_role("button", name="Controleer").click()
        expect(box.locator(".ss-exercise__field-error").first, path).to_be_visible()
        assert_no_overflow(page, path)
        box.get_by_role("button", name="Toon de uitwerking").click()
        expect(box.locator(".ss-exercise__summary"), path).to_be_visible()
        assert_no_overflow(page, path)


def assert_no_overflow(page: Page, path: str) -> None:
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
    assert overflow["page"] <= 0, (path, overflow)
    assert overflow["box"] <= 0, (path, overflow)
    assert overflow["scrolling"] == [], (path, overflow)


def test_print_shows_the_result_not_the_form(page: Page, site_url: Callable[[str], str]) -> None:
    for path in (NPS_PAGE, TARGET_PAGE):
        page.emulate_media(media="screen")
        page.goto(site_url(path))
        box = page.locator(".ss-exercise").first
        box.scroll_into_view_if_needed()
        expect(box.get_by_role("button", name="Controleer"), path).to_be_enabled()
        page.emulate_media(media="print")
        expect(box, path).to_be_hidden()  # an empty exercise says nothing on paper
        page.emulate_media(media="screen")
        box.get_by_role("button", name="Voorbeeld invullen").click()
        box.get_by_role("button", name="Toon de uitwerking").click()
        expect(box.locator(".ss-exercise__summary"), path).to_be_visible()
        page.emulate_media(media="print")
        expect(box.locator("form"), path).to_be_hidden()
        expect(box.locator("button").first, path).to_be_hidden()
        expect(box.locator(".ss-exercise__summary"), path).to_be_visible()


NO_SCRIPT = [
    (NPS_PAGE, "nps-voorbeeld", "Aantal klanten"),
    (TARGET_PAGE, "rekenvoorbeeld", "Som van de accountplannen"),
]


def test_without_javascript(browser: Browser, site_url: Callable[[str], str]) -> None:
    """No result is computed without the script: the note points to the worked example in the prose."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for path, anchor, example in NO_SCRIPT:
            page.goto(site_url(path))
            box = page.locator(".ss-exercise").first
            note = box.locator(".ss-exercise__nojs")
            expect(note, path).to_be_visible()
            expect(note, path).to_have_text(
                re.compile("^Zonder JavaScript kun je hier niet rekenen. Het uitgewerkte voorbeeld")
            )
            expect(box.locator("input").first, path).to_be_disabled()
            expect(box.locator(".ss-exercise__summary"), path).to_have_count(0)
            note.get_by_role("link", name="uitgewerkte voorbeeld").click()
            page.wait_for_url(re.compile(f"#{anchor}$"))
            expect(page.locator(f"#{anchor}"), path).to_be_in_viewport()
            expect(page.locator("table", has_text=example).first, path).to_be_visible()
    finally:
        context.close()


def test_widgets_work_on_the_print_page(page: Page, site_url: Callable[[str], str]) -> None:
    """print-site puts every chapter on one page and prefixes some ids; the widgets still work."""
    page.goto(site_url(PRINT_PAGE))
    box = nps_box(page)
    expect(box.locator(".ss-exercise__nojs")).to_be_hidden()
    box.get_by_role("button", name="Voorbeeld invullen").click()
    box.get_by_label("Aantal keer score 10", exact=True).fill("140")
    box.get_by_role("button", name="Toon de uitwerking").click()
    expect(box.locator(".ss-exercise__output")).to_contain_text("Totaal aantal respondenten: 300")
    box.get_by_label("Percentage promotors (%)").fill("60")  # 196 of 300 is 65,33… %
    box.get_by_role("button", name="Controleer").click()
    expect(box.get_by_label("Percentage promotors (%)")).to_have_attribute("aria-invalid", "true")
    target = target_box(page)
    target.get_by_role("button", name="Voorbeeld invullen").click()
    target.get_by_role("button", name="Toon de uitwerking").click()
    expect(target.locator(".ss-exercise__table")).to_be_visible()
    target.get_by_role("button", name="Wissen").click()
    expect(target.locator(".ss-exercise__table")).to_be_hidden()
