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

Each page is opened once: its controls are measured in the light scheme, then the palette toggle
in the header switches to dark (as a reader does; Material sets the colour attributes on <body>
in place) and they are measured again, and back. At rest and focused are measured for all new
controls of a page in one call each (focus from script after a real key press, so it is
:focus-visible); hover and pressed use the real mouse, control by control.
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
BODY_SCHEME = {"light": "default", "dark": "slate"}  # Material's data-md-color-scheme
# The palette toggles in the header (Material moves their titles into its tooltips once shown).
TO_DARK = "label[for=__palette_1]"
TO_LIGHT = "label[for=__palette_0]"

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


# Notes every script and stylesheet that has loaded (a script's load event comes after it ran);
# installed before the page's own scripts.
LOADS_JS = """window.__ssLoaded = new Set();
document.addEventListener('load', (e) => {
  if (e.target.src || e.target.href) window.__ssLoaded.add(e.target.src || e.target.href);
}, true);"""

# Brings every lazily loaded widget into view, one after the other with a painted frame between
# (lazy.js watches them with an IntersectionObserver), then back to the top.
NEAR_JS = """async (selector) => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  for (const widget of document.querySelectorAll(selector)) {
    widget.scrollIntoView({ block: 'nearest', behavior: 'instant' });
    await frame();
  }
}"""

# Every script the page has (lazy.js's too) has run, every stylesheet is in, every quiz is set up.
SETTLED_JS = """() => [...document.querySelectorAll('script[src]')].every((s) => window.__ssLoaded.has(s.src))
  && [...document.querySelectorAll('link[rel=stylesheet]')].every((l) => l.sheet)
  && [...document.querySelectorAll('.ss-quiz')].every((q) => q.hasAttribute('data-ready'))"""


def settle(page: Page) -> None:
    """Bring every lazily loaded widget near, so its script and stylesheet arrive and run."""
    page.evaluate(NEAR_JS, ".ss-quiz, .ss-exercise, .ss-study, table.ss-links")
    page.wait_for_function(SETTLED_JS)
    page.evaluate("() => window.scrollTo(0, 0)")


# Finds one control (by its data-contrast id) and the box its state is put on by the mouse: the
# control, or its label for a radio or checkbox.
CONTROL_JS = """(cid) => {
  const el = document.querySelector(`[data-contrast="${cid}"]`);
  const target = el.type === 'radio' || el.type === 'checkbox' ? el.closest('label') || el : el;
  return [el, target];
}"""

# Every control at rest (no pointer over it, nothing focused), then every control focused from the
# keyboard (the page's last input is a key press: focus is :focus-visible), in one call.
AT_REST_AND_FOCUSED_JS = (
    """([ids, state]) => {
  const measure = """
    + MEASURE_JS
    + """;
  const control = """
    + CONTROL_JS
    + """;
  const out = {};
  for (const cid of ids) {
    const [el] = control(cid);
    if (document.activeElement) document.activeElement.blur();
    if (state === 'focus') {
      el.focus();
      if (!el.matches(':focus-visible')) { out[cid] = [['focus not visible', 0, 3]]; continue; }
    }
    out[cid] = measure(el);
    if (state === 'focus') el.blur();
  }
  return out;
}"""
)

# Brings one control into the middle of the screen, nothing focused, and returns the two points
# the mouse goes to: the middle of its box (hover) and near its start (pressed), each checked to
# hit the control (not a sticky header over it).
AIM_JS = (
    """(cid) => {
  const [el, target] = ("""
    + CONTROL_JS
    + """)(cid);
  if (document.activeElement) document.activeElement.blur();
  target.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
  const r = target.getBoundingClientRect();
  const y = r.y + r.height / 2;
  const points = [[r.x + r.width / 2, y], [r.x + Math.min(8, r.width / 2), y]];
  const hit = points.every(([x, y]) => target.contains(document.elementFromPoint(x, y)));
  return { points, hit };
}"""
)

MEASURE_ONE_JS = """(cid) => (""" + MEASURE_JS + """)((""" + CONTROL_JS + """)(cid)[0])"""


def measure_states(page: Page, ids: list[str]) -> dict[str, dict[str, list[Any]]]:
    """Each control (data-contrast ids) by default, hovered, focused by keyboard and pressed:
    the rest and focus states of all controls in one call each; hover and pressed with the real
    mouse, control by control."""
    away = (0, page.viewport_size["height"] - 1 if page.viewport_size else 0)
    out: dict[str, dict[str, list[Any]]] = {cid: {} for cid in ids}
    page.mouse.move(*away)
    for cid, results in page.evaluate(AT_REST_AND_FOCUSED_JS, [ids, "default"]).items():
        out[cid]["default"] = results
    for cid in ids:
        aim = page.evaluate(AIM_JS, cid)
        assert aim["hit"], f"control {cid}: the mouse cannot reach it ({aim})"
        (hover, press) = aim["points"]
        page.mouse.move(*hover)
        out[cid]["hover"] = page.evaluate(MEASURE_ONE_JS, cid)
        page.mouse.move(*press)
        page.mouse.down()
        out[cid]["active"] = page.evaluate(MEASURE_ONE_JS, cid)
        page.mouse.move(*away)
        page.mouse.up()  # away from the control: no click
    page.keyboard.press("Shift")  # the last input is the keyboard: focus is :focus-visible
    for cid, results in page.evaluate(AT_REST_AND_FOCUSED_JS, [ids, "focus"]).items():
        out[cid]["focus"] = results
    return out


def toggle_scheme(page: Page, dark: bool) -> str:
    """The palette toggle in the header, clicked as a reader does (Material switches the colour
    attributes on <body> in place and stores the choice for the next pages)."""
    page.locator(TO_DARK if dark else TO_LIGHT).click()
    scheme = "dark" if dark else "light"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", BODY_SCHEME[scheme])
    return scheme


def failures_in(page: Page, found: list[list[str]], where: str, scheme: str) -> list[str]:
    """Every control of `found` ([id, signature]) in every state, measured in `scheme`."""
    sigs = dict((cid, sig) for cid, sig in found)
    return [
        f"{sigs[cid]} on {where}, {state}, {scheme}: {what} {ratio:.2f}:1 (needs {needed}:1)"
        for cid, states in measure_states(page, list(sigs)).items()
        for state, results in states.items()
        for what, ratio, needed in results
        if ratio < needed
    ]


def test_every_control_in_every_state_has_contrast(
    page: Page, site_url: Callable[[str], str], built: Built
) -> None:
    """Each page is opened once: the controls of each stage are measured in the scheme the page
    opened in, then in the other one after the palette toggle (and back)."""
    page.emulate_media(color_scheme="light")
    page.add_init_script(LOADS_JS)
    page.on("dialog", lambda dialog: dialog.accept())
    seen: list[str] = []
    measured: dict[str, str] = {}
    failures: list[str] = []
    schemes: set[str] = set()
    for path in built.pages():
        if path in SKIP_PAGES:
            continue
        page.goto(site_url(path))
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", BODY_SCHEME["light"])
        settle(page)
        steps = open_stages(page, path)
        for step in [lambda: None, *steps]:
            step()
            found = page.evaluate(FIND_JS, seen)
            if not found:
                continue
            for _cid, sig in found:
                seen.append(sig)
                measured[sig] = path
            for dark in (True, False):
                scheme = "light" if dark else "dark"
                schemes.add(scheme)
                failures += failures_in(page, found, path, scheme)
                toggle_scheme(page, dark)
    assert schemes == {"light", "dark"}
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


def test_update_notice_button_has_contrast(
    browser: Browser,
    served: Served,  # noqa: F811
) -> None:
    context = browser.new_context(service_workers="allow", color_scheme="light")
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
        found = [[cid, sig] for cid, sig in page.evaluate(FIND_JS, []) if "|ss-update|" in sig]
        assert found, "the notice's button was not found"
        problems: list[str] = []
        for dark in (False, True):  # light, then dark by the palette toggle (the notice stays)
            scheme = "dark" if dark else "light"
            if dark:
                toggle_scheme(page, dark=True)
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", BODY_SCHEME[scheme])
            expect(notice).to_be_visible()
            shot(page, f"update-notice-{scheme}")
            problems += failures_in(page, found, "the update notice", scheme)
        assert not problems, "\n".join(problems)
    finally:
        context.close()
        changed.write_text(original, encoding="utf-8")
        shutil.copyfile(ROOT / "overrides" / precache.SW_FILE, served.site / precache.SW_FILE)
        precache.write(served.site)
