"""Contrast in every state: every control the site adds, in the light and the dark scheme, by
default, hovered, focused (by keyboard) and pressed (mouse button down).

axe checks only what is on screen at rest; here each control is put in each state in Chromium
and what is painted is measured: the text's computed colour against its effective background
(the backgrounds of the element and its ancestors composited), and the colour of a focus ring or
a control border against the background next to it (the parent's). Text needs 4.5:1 (3:1 when
large), rings and borders 3:1 (WCAG 2.2: 1.4.3, 1.4.11, 2.4.7).

The update notice of the installable app ("Nieuwe versie laden") appears only after a new
deploy; its own test makes one on a served copy (as tests/browser/test_app.py does).

The controls are found on the built pages (every reader page, with the study pages' hidden
stages opened: a review card's grade buttons, a test, a quiz's reset button), not from a list.
Controls that look alike (same element, type, classes and widget) are measured once per scheme.
CSS transitions are finished before each measurement, so the final colours are read.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tools import precache

from ..conftest import ROOT, Built
from .conftest import choose
from .test_app import Served, served, wait_for_worker  # noqa: F401 (the fixture)
from .test_keyboard import shot

pytestmark = pytest.mark.browser

SKIP_PAGES = {"afdrukken.html"}  # the print page: the same widgets as the topic pages, all at once

# Marks the site's own controls on the page (with data-contrast ids) and returns them with a
# signature; a control of the site is one inside a widget with an ss- class, or an md-button in
# the content. Disabled and invisible controls are left out.
FIND_JS = """(seen) => {
  const sel = 'button, input:not([type=hidden]), select, textarea, summary, a.md-button';
  const scope = document.querySelectorAll(
    '.md-content ' + sel.split(', ').join(', .md-content ') + ', .ss-update button');
  const out = [];
  let n = document.querySelectorAll('[data-contrast]').length;
  for (const el of scope) {
    if (el.disabled || el.closest('[hidden], .ss-visually-hidden')) continue;
    const widget = el.closest('[class*="ss-"]');
    if (!widget && !el.classList.contains('md-button')) continue;
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const box = el.type === 'radio' || el.type === 'checkbox' ? el.closest('label') || el : el;
    const shown = node => node.checkVisibility({ visibilityProperty: true, opacityProperty: true });
    if (!r.width || !r.height || style.visibility !== 'visible' || !shown(el) || !shown(box)) continue;
    const ss = widget ? [...widget.classList].find(c => c.startsWith('ss-')) : '';
    const sig = [el.tagName.toLowerCase(), el.type || '', [...el.classList].sort().join('.'), ss,
                 el.closest('.md-button--primary, [class*="--primary"]') ? 'primary' : ''].join('|');
    if (seen.includes(sig)) continue;
    seen.push(sig);  /* this call's copy: Python keeps the list */
    if (!el.hasAttribute('data-contrast')) el.setAttribute('data-contrast', String(n++));
    out.push([el.getAttribute('data-contrast'), sig]);
  }
  return out;
}"""

# What is painted for one control in its current state: every text of it (its label's for a
# radio or checkbox) with its contrast, and its outline and border against the background next
# to them. Returns a list of [what, ratio, needed].
MEASURE_JS = """(el) => {
  for (const a of document.getAnimations()) { try { a.finish(); } catch (e) { /* infinite */ } }
  const parse = c => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) throw new Error('unparsed colour ' + c);
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (!a) return [0, 0, 0, 0];
    return [0, 1, 2].map(i => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a).concat([a]);
  };
  const background = node => {
    const chain = [];
    for (let up = node; up; up = up.parentElement) chain.unshift(up);
    let colour = [255, 255, 255, 1];
    for (const up of chain) colour = over(parse(getComputedStyle(up).backgroundColor), colour);
    return colour;
  };
  const lum = c => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const results = [];
  const holder = el.type === 'radio' || el.type === 'checkbox' ? el.closest('label') || el : el;
  const texts = [];
  const textual = ['text', 'number', 'search', 'email', 'url', 'tel', ''].includes(el.type || '')
    && el.tagName === 'INPUT';
  if (textual && el.value) texts.push(el);
  for (const node of [holder, ...holder.querySelectorAll('*')]) {
    if (node.closest('.ss-visually-hidden') || !node.getClientRects().length) continue;
    if ([...node.childNodes].some(t => t.nodeType === 3 && t.textContent.trim())) texts.push(node);
  }
  for (const node of texts) {
    const style = getComputedStyle(node);
    const bg = background(node);
    const fg = over(parse(style.color), bg);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const label = node === el ? 'text' : 'text of ' + node.tagName.toLowerCase() +
      (node.className ? '.' + String(node.className).split(' ')[0] : '');
    results.push([label, ratio(fg, bg), large ? 3 : 4.5]);
  }
  const style = getComputedStyle(el);
  const outside = background(el.parentElement);
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) {
    if (style.outlineStyle === 'auto') {
      results.push(['outline (the browser default ring, colour not set by the site)', 0, 3]);
    } else {
      const ring = parse(style.outlineColor);
      if (ring[3] > 0) results.push(['outline', ratio(over(ring, outside), outside), 3]);
    }
  }
  for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
    const width = parseFloat(style['border' + side + 'Width']);
    const colour = parse(style['border' + side + 'Color']);
    if (width < 1 || style['border' + side + 'Style'] === 'none' || colour[3] === 0) continue;
    results.push(['border', ratio(over(colour, outside), outside), 3]);
    break;
  }
  return results;
}"""


def open_stages(page: Page, path: str) -> list[Callable[[], None]]:
    """Steps that bring a page's hidden controls on screen, measured after each step."""
    steps: list[Callable[[], None]] = []
    if page.locator(".ss-quiz__item--mc").count():

        def answer_one() -> None:
            item = page.locator(".ss-quiz__item--mc").first
            choose(item.locator('input[type="radio"]').first)
            item.locator(".ss-quiz__check").dispatch_event("click")
            expect(page.locator(".ss-quiz__reset").first).to_be_visible()

        steps.append(answer_one)
    if path == "herhalen.html":
        steps.append(lambda: page.locator(".ss-study__reveal").click())
    if path == "toets.html":

        def take_test() -> None:
            page.locator(".ss-study a[href^='#hoofdstuk=']").first.click()
            expect(page.locator(".ss-study__question").first).to_be_visible()

        def hand_in() -> None:  # with questions left open: the test asks first (its buttons count too)
            page.locator(".ss-study__question").first.locator('input[type="radio"]').first.check()
            page.get_by_role("button", name="Inleveren").click()
            expect(page.get_by_role("button", name="Toch inleveren")).to_be_visible()

        def confirm() -> None:
            page.get_by_role("button", name="Toch inleveren").click()
            page.locator(".ss-study__result").wait_for()

        steps += [take_test, hand_in, confirm]
    if page.locator(".ss-study__chapter details").count():
        steps.append(lambda: page.locator(".ss-study__chapter summary").first.click())
    return steps


def settle(page: Page) -> None:
    """Bring every lazily loaded widget near, so its script and stylesheet arrive and run."""
    for widget in page.locator(".ss-quiz, .ss-exercise, .ss-study, table.ss-links").all():
        widget.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    for quiz in page.locator(".ss-quiz").all():
        expect(quiz).to_have_attribute("data-ready", "")
    page.evaluate("() => window.scrollTo(0, 0)")


def measure_states(page: Page, cid: str) -> dict[str, list[Any]]:
    control = page.locator(f'[data-contrast="{cid}"]')
    kind = control.get_attribute("type")
    target = control.locator("xpath=ancestor::label[1]") if kind in ("radio", "checkbox") else control
    target.scroll_into_view_if_needed()
    handle = control.element_handle()
    assert handle is not None
    out: dict[str, list[Any]] = {}
    page.mouse.move(0, page.viewport_size["height"] - 1 if page.viewport_size else 0)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    out["default"] = page.evaluate(MEASURE_JS, handle)
    target.hover()
    out["hover"] = page.evaluate(MEASURE_JS, handle)
    page.mouse.move(0, page.viewport_size["height"] - 1 if page.viewport_size else 0)
    page.keyboard.press("Shift")  # the last input is the keyboard: focus is :focus-visible
    control.focus()
    assert page.evaluate("el => el.matches(':focus-visible')", handle), "focus not visible"
    out["focus"] = page.evaluate(MEASURE_JS, handle)
    page.evaluate("() => document.activeElement.blur()")
    box = target.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + min(8, box["width"] / 2), box["y"] + box["height"] / 2)
    page.mouse.down()
    out["active"] = page.evaluate(MEASURE_JS, handle)
    page.mouse.move(0, page.viewport_size["height"] - 1 if page.viewport_size else 0)
    page.mouse.up()  # away from the control: no click
    return out


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_control_in_every_state_has_contrast(
    page: Page, site_url: Callable[[str], str], built: Built, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.on("dialog", lambda dialog: dialog.accept())
    expected = "slate" if scheme == "dark" else "default"
    seen: list[str] = []
    measured: dict[str, str] = {}
    failures: list[str] = []
    for path in built.pages():
        if path in SKIP_PAGES:
            continue
        page.goto(site_url(path))
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
        settle(page)
        steps = open_stages(page, path)
        for step in [lambda: None, *steps]:
            step()
            for cid, sig in page.evaluate(FIND_JS, seen):
                seen.append(sig)
                measured[sig] = path
                for state, results in measure_states(page, cid).items():
                    for what, ratio, needed in results:
                        if ratio < needed:
                            failures.append(
                                f"{sig} on {path}, {state}, {scheme}: {what} {ratio:.2f}:1 (needs {needed}:1)"
                            )
    assert not failures, f"{len(failures)} contrast failures:\n" + "\n".join(failures)
    # The controls this test must have found (a wider net would only add more).
    for needle in (
        "ss-quiz__check",
        "ss-quiz__reset",
        "ss-study__grade",
        "ss-study__reveal",
        "ss-exercise__button",
        "|radio|",
        "|checkbox|",
        "|text|",
        "summary|",
    ):
        assert any(needle in sig for sig in measured), f"no control like {needle!r} found: {sorted(measured)}"


def failures_of(page: Page, cid: str, sig: str, where: str, scheme: str) -> list[str]:
    return [
        f"{sig} on {where}, {state}, {scheme}: {what} {ratio:.2f}:1 (needs {needed}:1)"
        for state, results in measure_states(page, cid).items()
        for what, ratio, needed in results
        if ratio < needed
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_update_notice_button_has_contrast(
    browser: Browser,
    served: Served,  # noqa: F811
    scheme: str,
) -> None:
    context = browser.new_context(service_workers="allow", color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    changed = served.site / "h1" / "klant.html"
    original = changed.read_text(encoding="utf-8")
    try:
        page.goto(served.root + "h1/klant.html")
        wait_for_worker(page)
        # A new deploy: one page changed, then the build's last step (tools/precache.py).
        shutil.copyfile(ROOT / "overrides" / precache.SW_FILE, served.site / precache.SW_FILE)
        changed.write_text(original.replace("</h1>", " (nieuw)</h1>", 1), encoding="utf-8")
        precache.write(served.site)
        page.reload()
        notice = page.locator(".ss-update")
        expect(notice).to_be_visible(timeout=30_000)
        expect(page.locator("body")).to_have_attribute(
            "data-md-color-scheme", "slate" if scheme == "dark" else "default"
        )
        found = [(cid, sig) for cid, sig in page.evaluate(FIND_JS, []) if "|ss-update|" in sig]
        assert found, "the notice's button was not found"
        shot(page, f"update-notice-{scheme}")
        problems = [p for cid, sig in found for p in failures_of(page, cid, sig, "the update notice", scheme)]
        assert not problems, "\n".join(problems)
    finally:
        context.close()
        changed.write_text(original, encoding="utf-8")
        shutil.copyfile(ROOT / "overrides" / precache.SW_FILE, served.site / precache.SW_FILE)
        precache.write(served.site)
