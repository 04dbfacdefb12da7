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
    return box


WORKED_NPS = (
    "Uitkomst: NPS = +25. Totaal aantal respondenten: 200 Promotors (9–10): 96 van de 200 = 48 % "
    "Passief tevredenen (7–8): 58 van de 200 = 29 % Criticasters (0–6): 46 van de 200 = 23 % "
    f"NPS = % promotors {MINUS} % criticasters = 48 {MINUS} 23 = +25"
)


def test_nps_calculator(page: Page, site_url: Callable[[str], str]) -> None:
    page.goto(site_url(NPS_PAGE))
    box = nps_box(page)
    output = box.locator(".ss-exercise__output")
    # The script shows the result of the prefilled worked example as soon as it runs.
    expect(output).to_contain_text("Uitkomst: NPS = +25.")
    assert norm(output.inner_text()) == WORKED_NPS
    expect(box.locator(".ss-exercise__nojs")).to_be_hidden()
    expect(box.get_by_label("Aantal keer score 0", exact=True)).to_be_enabled()
    box.get_by_role("button", name="Bereken").click()
    assert norm(output.inner_text()) == WORKED_NPS

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

    # Rounding is said, and an unrounded value is cut off, never rounded the other way.
    box.get_by_role("button", name="Wissen").click()
    box.get_by_label("Aantal keer score 0", exact=True).fill("1")
    box.get_by_label("Aantal keer score 10", exact=True).fill("2")
    box.get_by_role("button", name="Bereken").click()
    expect(output).to_contain_text("Uitkomst: NPS = +33 (afgerond op een heel getal; onafgerond +33,33…).")
    expect(output).to_contain_text("na twee decimalen afgekapt")

    # Invalid input: a Dutch message naming the field, marked and focused, and no result.
    field = box.get_by_label("Aantal keer score 3", exact=True)
    for bad, message in (
        ("-2", "vul een heel getal van 0 of meer in."),
        ("2,5", "vul een heel getal van 0 of meer in."),
        ("drie", "vul een heel getal van 0 of meer in."),
        ("2.5", "2.5 is niet duidelijk: bedoel je 2,5 of 25?"),
        ("1,000", "1,000 is niet duidelijk: bedoel je 1.000 of 1?"),
    ):
        field.fill(bad)
        box.get_by_role("button", name="Bereken").click()
        expect(output).to_contain_text(f"Controleer de invoer. Aantal keer score 3: {message}")
        expect(output).not_to_contain_text("Uitkomst")
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_be_focused()

    # Back to the worked example.
    box.get_by_role("button", name="Voorbeeld invullen").click()
    assert norm(output.inner_text()) == WORKED_NPS
    expect(field).not_to_have_attribute("aria-invalid", "true")


def test_nps_calculator_reads_a_thousand_the_dutch_way(page: Page, site_url: Callable[[str], str]) -> None:
    page.goto(site_url(NPS_PAGE))
    box = nps_box(page)
    output = box.locator(".ss-exercise__output")
    expect(output).to_contain_text("Uitkomst")
    box.get_by_role("button", name="Wissen").click()
    box.get_by_label("Aantal keer score 10", exact=True).press_sequentially("1.000")
    box.get_by_label("Aantal keer score 0", exact=True).press_sequentially(" 1.000 ")
    box.get_by_role("button", name="Bereken").click()
    expect(output).to_contain_text("Totaal aantal respondenten: 2.000", use_inner_text=True)
    text = norm(output.inner_text())
    assert "Promotors (9–10): 1.000 van de 2.000 = 50 %" in text
    assert text.startswith("Uitkomst: NPS = 0.")


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
    # The script shows the result of the prefilled worked example as soon as it runs.
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
    region_field(box, "Zuid", "Aandeel (%)").press("Enter")
    expect(output).to_contain_text("De aandelen tellen op tot 95 % in plaats van 100 %.", use_inner_text=True)
    expect(box.locator(".ss-exercise__table")).to_be_hidden()
    for region in ("Noord", "Midden", "Zuid"):
        expect(region_field(box, region, "Aandeel (%)")).to_have_attribute("aria-invalid", "true")
    expect(region_field(box, "Noord", "Aandeel (%)")).to_be_focused()

    # A decimal share with a comma is fine; with a point it is ambiguous: a question, no table.
    region_field(box, "Noord", "Aandeel (%)").fill("33,3")
    region_field(box, "Midden", "Aandeel (%)").fill("33.3")
    region_field(box, "Zuid", "Aandeel (%)").fill("33,4 %")
    box.get_by_role("button", name="Bereken").click()
    expect(output).to_contain_text(
        "Controleer de invoer. Aandeel Midden: 33.3 is niet duidelijk: bedoel je 33,3 of 333?"
    )
    expect(box.locator(".ss-exercise__table")).to_have_count(0)
    expect(region_field(box, "Midden", "Aandeel (%)")).to_have_attribute("aria-invalid", "true")
    expect(region_field(box, "Midden", "Aandeel (%)")).to_be_focused()
    region_field(box, "Midden", "Aandeel (%)").fill("33,3")
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
    expect(box.locator(".ss-exercise__summary")).to_be_visible()  # the widest state: with the result
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
    box = page.locator(".ss-exercise").first
    box.scroll_into_view_if_needed()
    expect(box.locator(".ss-exercise__summary")).to_be_visible()
    page.emulate_media(media="print")
    expect(box.locator("form")).to_be_hidden()
    expect(box.locator("button").first).to_be_hidden()
    expect(box.locator(".ss-exercise__summary")).to_be_visible()


@pytest.mark.parametrize(
    ("path", "anchor", "example"),
    [
        (NPS_PAGE, "nps-voorbeeld", "Aantal klanten"),
        (TARGET_PAGE, "rekenvoorbeeld", "Som van de accountplannen"),
    ],
)
def test_without_javascript(
    browser: Browser, site_url: Callable[[str], str], path: str, anchor: str, example: str
) -> None:
    """No result is computed without the script: the note points to the worked example in the prose."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url(path))
        box = page.locator(".ss-exercise").first
        note = box.locator(".ss-exercise__nojs")
        expect(note).to_be_visible()
        expect(note).to_have_text(
            re.compile("^Zonder JavaScript kun je hier niet rekenen. Het uitgewerkte voorbeeld")
        )
        expect(box.locator("input").first).to_be_disabled()
        expect(box.locator(".ss-exercise__summary")).to_have_count(0)
        note.get_by_role("link", name="uitgewerkte voorbeeld").click()
        page.wait_for_url(re.compile(f"#{anchor}$"))
        expect(page.locator(f"#{anchor}")).to_be_in_viewport()
        expect(page.locator("table", has_text=example).first).to_be_visible()
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
