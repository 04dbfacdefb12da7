"""What a reader does, in Chromium, on the served build (http) and on the unpacked offline zip
(file://): open every page, click through the navigation, search in Dutch, switch to dark mode,
read on a 360 px phone, use only the keyboard, read a term's definition in its tooltip, and
follow a teacher's short link offline.

Every page is opened once per mode and that one load serves the per-page checks (opened at
360 px for the phone checks, then at 1280 px: H1, register terms, diagrams in both schemes by
the palette toggle, search index).

Every test that takes `page` also gets the `traffic` fixture (tests/browser/conftest.py): no
request may leave the machine and no console error may occur. Pages come from the build
(`built.pages()`), never from a hand-written list.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ..conftest import Built

pytestmark = pytest.mark.browser

SKIP_TEXT = "Ga naar inhoud"  # Material's Dutch text for its skip link
DARK_TOGGLE = "Donkere modus inschakelen"  # palette toggle names in mkdocs.yml
LIGHT_TOGGLE = "Lichte modus inschakelen"
SEARCH_READY = "Typ om te beginnen met zoeken"  # shown once the search index has loaded
MIN_CONTRAST = 4.5  # WCAG 1.4.3 AA, normal text
MIN_FONT_PX = 9.0  # smallest rendered diagram text we accept on a phone
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

# The distinct register terms in a list of <abbr> elements, as the page shows them.
TERM_TEXTS = "es => es.map(e => e.textContent.trim().toLowerCase())"

# Shapes that paint a diagram; <text>/<tspan> are what we measure against them.
SHAPES = "rect, circle, ellipse, path, polygon, polyline, line"

# For every diagram on the page: the computed fill of each shape, and for every run of text
# (each <tspan>, or a <text> without one) its contrast with what is painted behind its centre.
# "Behind" = the stack from document.elementsFromPoint: shapes of the same SVG (fill, fill-opacity,
# opacity composited bottom-up), then the backgrounds of the SVG's HTML ancestors, and finally
# Material's page background (--md-default-bg-color).
DIAGRAM_JS = """
(shapeSelector) => {
  const parse = (value) => {
    const m = /^rgba?\\(([^)]*)\\)$/.exec(value.trim());
    if (!m) throw new Error("colour not understood: " + value);
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, below) => {
    const a = top[3];
    return [0, 1, 2].map((i) => a * top[i] + (1 - a) * below[i]).concat([1]);
  };
  const channel = (v) => {
    v /= 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = (c) => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const opacity = (el, svg) => {
    let o = 1;
    for (let e = el; e && e !== svg.parentElement; e = e.parentElement) {
      o *= Number(getComputedStyle(e).opacity);
    }
    return o;
  };
  const fillOf = (el, svg) => {
    const cs = getComputedStyle(el);
    if (cs.fill === "none" || cs.fill.startsWith("url(")) return null;
    const c = parse(cs.fill);
    c[3] *= Number(cs.fillOpacity) * opacity(el, svg);
    return c;
  };
  const probe = document.createElement("span");
  probe.style.color = "var(--md-default-bg-color)";
  document.body.append(probe);
  const pageBg = over(parse(getComputedStyle(probe).color), [255, 255, 255, 1]);
  probe.remove();
  const rgb = (c) => "rgb(" + c.slice(0, 3).map(Math.round).join(", ") + ")";

  return [...document.querySelectorAll("figure.ss-diagram svg")].map((svg, index) => {
    const fills = [...svg.querySelectorAll(shapeSelector)].map((s) => getComputedStyle(s).fill);
    const runs = [...svg.querySelectorAll("text")].flatMap((t) => {
      const spans = [...t.querySelectorAll("tspan")].filter((s) => s.textContent.trim());
      return spans.length ? spans : [t];
    });
    const texts = runs.map((run) => {
      run.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
      const box = run.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      const layers = [];
      for (const el of document.elementsFromPoint(x, y)) {
        if (el !== svg && svg.contains(el)) {
          if (!el.matches(shapeSelector) || el.closest("text")) continue;
          const fill = fillOf(el, svg);
          if (fill && fill[3] > 0) layers.push(fill);
        } else if (el.contains(svg)) {
          const bg = parse(getComputedStyle(el).backgroundColor);
          if (bg[3] > 0) layers.push(bg);
        }
      }
      let behind = pageBg;
      for (const layer of layers.reverse()) behind = over(layer, behind);
      const textEl = run.closest("text");
      const fg = over(fillOf(run, svg) || fillOf(textEl, svg) || [0, 0, 0, 0], behind);
      return {
        text: run.textContent.trim(),
        fg: rgb(fg),
        bg: rgb(behind),
        ratio: Math.round(contrast(fg, behind) * 100) / 100,
      };
    });
    return { index, id: svg.id, fills, texts };
  });
}
"""

# At phone width: horizontal overflow of the page, and for every diagram its box and the smallest
# rendered font size of its text (font-size in SVG user units x the SVG's scale on screen).
PHONE_JS = """
() => {
  const root = document.documentElement;
  const diagrams = [...document.querySelectorAll("figure.ss-diagram svg")].map((svg) => {
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll("text")].map((t) => ({
      text: t.textContent.trim().slice(0, 40),
      px: parseFloat(getComputedStyle(t).fontSize) * scale,
    }));
    const smallest = sizes.reduce((a, b) => (b.px < a.px ? b : a), { text: "", px: Infinity });
    return { id: svg.id, left: box.left, right: box.right, smallest };
  });
  return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, diagrams };
}
"""


def heading(text: str) -> re.Pattern[str]:
    """Headings end with Material's permalink character: match the text, not the whole."""
    return re.compile(re.escape(text))


def goto(page: Page, url: str) -> None:
    response = page.goto(url)
    if url.startswith("http"):
        assert response is not None and response.ok, f"{url}: HTTP {response.status if response else '?'}"


def switch_scheme(page: Page, dark: bool) -> None:
    """Click the palette toggle in the header, as a reader does (Material stores the choice)."""
    page.get_by_title(DARK_TOGGLE if dark else LIGHT_TOGGLE).click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if dark else "default")


def diagram_pages(built: Built) -> list[str]:
    return [p for p in built.pages() if "ss-diagram" in (built.site / p).read_text(encoding="utf-8")]


# -- every page --------------------------------------------------------------------------------


def test_every_page_opens(page: Page, root: str, built: Built) -> None:
    """Each built page, opened once, as readers use it (the checks of one page share its load):
    - it loads with its H1 and a working search index, without console errors or requests to
      other hosts (the traffic fixture);
    - on a chapter page every distinct register term can be reached with the keyboard once;
    - its diagrams are recoloured by the palette toggle, with readable text in both schemes;
    - at 360 px wide nothing scrolls sideways and its diagrams fit with readable text (opened
      at that width; the other checks follow at 1280 px)."""
    pages = built.pages()
    assert len(pages) >= 15 and "index.html" in pages
    with_diagrams = diagram_pages(built)
    assert with_diagrams, "the build has no page with a diagram (figure.ss-diagram)"
    assert any(re.match(r"h\d+/", p) for p in pages), "no chapter page"
    problems: list[str] = []
    small_text: list[str] = []
    dark = False  # the scheme the next page opens in (Material stores the toggle's choice)
    for path in pages:
        page.set_viewport_size(PHONE)  # opened on a phone, then read on a laptop
        goto(page, root + path)
        problems += phone_problems(page, path, small_text)
        page.set_viewport_size(DESKTOP)
        expect(page.locator("h1:visible").first, path).to_be_visible()
        problems += term_problems(page, path)
        if path in with_diagrams:
            problems += diagram_problems(page, path, dark)
            dark = not dark  # the page was switched to the other scheme
        # The search index loads (over http in a web worker, on file:// through the vendored
        # iframe-worker shim, which starts when the search field gets focus). The print page
        # hides the search box (print-site plugin): nothing to check there.
        search = page.locator("input.md-search__input")
        if search.is_visible():
            search.focus()
            expect(page.locator(".md-search-result__meta"), path).to_have_text(SEARCH_READY)
    assert len(with_diagrams) >= 2  # the toggle was used both ways: to dark and back to light
    assert not problems, "\n".join(problems)
    assert not small_text, f"diagram text below {MIN_FONT_PX} px at 360 px wide:\n" + "\n".join(small_text)


def term_problems(page: Page, path: str) -> list[str]:
    """A chapter's topic page has register terms (abbr[title]); every distinct term on a chapter
    page can be reached with the keyboard once (a11y.js)."""
    if not re.match(r"h\d+/", path):
        return []
    problems = []
    # A summary links every term to its section instead (a link gets no tooltip).
    if (
        not path.endswith(("samenvatting.html", "casus.html"))
        and not page.locator(".md-content abbr[title]").count()
    ):
        problems.append(f"{path}: no register term (abbr[title]) on a topic page")
    distinct = set(page.eval_on_selector_all(".md-content abbr", TERM_TEXTS))
    focusable = set(page.eval_on_selector_all('.md-content abbr[tabindex="0"]', TERM_TEXTS))
    if focusable != distinct:
        problems.append(f"{path}: terms without a keyboard stop: {sorted(distinct - focusable)}")
    return problems


def diagram_problems(page: Page, path: str, dark: bool) -> list[str]:
    """The page's diagrams in the scheme it opened in, then switched with the palette toggle as
    a reader does: text readable in both, and the shapes' fills change with the scheme."""
    first = "dark" if dark else "light"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if dark else "default")
    before = page.evaluate(DIAGRAM_JS, SHAPES)
    if not before:
        return [f"{path}: no diagram found"]
    problems = [f"{path} [{first}] {d['id']}: no text measured" for d in before if not d["texts"]]
    problems += _low_contrast(path, first, before)
    switch_scheme(page, dark=not dark)
    after = page.evaluate(DIAGRAM_JS, SHAPES)
    assert len(after) == len(before), path
    problems += [
        f"{path} [{'light' if dark else 'dark'}] {d['id']}: no text measured" for d in after if not d["texts"]
    ]
    for light_one, dark_one in zip(*((after, before) if dark else (before, after)), strict=True):
        if light_one["fills"] == dark_one["fills"]:
            problems.append(f"{path} {dark_one['id']}: shapes keep their light-mode fill in dark mode")
    problems += _low_contrast(path, "light" if dark else "dark", after)
    return problems


def phone_problems(page: Page, path: str, small_text: list[str]) -> list[str]:
    """The page as opened 360 px wide: no sideways scrolling, every diagram within the screen and its
    smallest text at least MIN_FONT_PX (added to `small_text`)."""
    m = page.evaluate(PHONE_JS)
    problems = []
    if m["scrollWidth"] > m["clientWidth"]:
        problems.append(f"{path}: scrolls sideways at 360 px ({m['scrollWidth']} > {m['clientWidth']} px)")
    for d in m["diagrams"]:
        if d["left"] < -0.5 or d["right"] > m["clientWidth"] + 0.5:
            problems.append(f"{path} {d['id']}: diagram {d['left']:.0f}..{d['right']:.0f} px at 360 px")
        if d["smallest"]["px"] < MIN_FONT_PX:
            small_text.append(f"{path} {d['id']}: {d['smallest']['text']!r} {d['smallest']['px']:.1f} px")
    return problems


# -- navigation --------------------------------------------------------------------------------


def test_navigate_by_clicking(page: Page, root: str) -> None:
    page.set_viewport_size(DESKTOP)
    goto(page, root + "index.html")
    expect(page.locator("h1")).to_have_text(heading("Sales: de klant centraal"))
    nav = page.locator("nav.md-nav--primary")

    nav.get_by_role("link", name="1 De klant centraal", exact=True).click()
    expect(page).to_have_url(re.compile(r"/h1/index\.html$"))
    expect(page.locator("h1")).to_have_text(heading("1 De klant centraal"))

    nav.get_by_role("link", name="1.3 Net Promoter Score").click()
    expect(page).to_have_url(re.compile(r"/h1/nps\.html$"))
    expect(page.locator("h1")).to_have_text(heading("1.3 Klanttevredenheid meten: de Net Promoter Score"))

    # And on to the next chapter through the footer's "next" link.
    page.locator("a.md-footer__link--next").click()
    expect(page).to_have_url(re.compile(r"/h1/waardedisciplines\.html$"))
    expect(page.locator("h1")).to_have_text(heading("1.4 Waardedisciplines"))


# -- search ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "target"),
    [("klanttevredenheid", "h1/nps.html"), ("waardeketen", "h1/waardeketen.html")],
)
def test_search_dutch_term_and_open_result(page: Page, root: str, term: str, target: str) -> None:
    page.set_viewport_size(DESKTOP)
    goto(page, root + "index.html")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(term)  # Material searches on keyup: fill() would show nothing
    results = page.locator(".md-search-result__link")
    expect(results.first).to_be_visible()
    results.and_(page.locator(f'[href*="{target}"]')).first.click()
    expect(page).to_have_url(re.compile(re.escape(target) + r"\?h="))
    expect(page.locator("article.md-content__inner")).to_contain_text(re.compile(term, re.IGNORECASE))


# -- dark mode and diagram contrast --------------------------------------------------------------


def _low_contrast(path: str, scheme: str, diagrams: list[dict[str, Any]]) -> list[str]:
    return [
        f"{path} [{scheme}] {d['id']}: {t['text']!r} {t['fg']} on {t['bg']} = {t['ratio']}:1"
        for d in diagrams
        for t in d["texts"]
        if t["ratio"] < MIN_CONTRAST
    ]


# -- keyboard only -----------------------------------------------------------------------------


def _focused(page: Page) -> dict[str, Any]:
    return page.evaluate(
        """() => { const e = document.activeElement;
          return { tag: e.tagName, cls: String(e.className), text: (e.textContent || "").trim(),
                   href: e.getAttribute("href"), inContent: !!e.closest(".md-content") }; }"""
    )


def _tab_until(page: Page, selector: str, limit: int) -> int:
    """Press Tab until the focused element matches `selector`; return how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{limit} × Tab never reached {selector}; last focus: {_focused(page)}")


def test_keyboard_skip_link(page: Page, root: str) -> None:
    page.set_viewport_size(DESKTOP)
    goto(page, root + "h1/nps.html")
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    expect(skip).to_have_text(SKIP_TEXT)
    target = skip.get_attribute("href") or ""
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    page.keyboard.press("Tab")
    focus = _focused(page)
    assert focus["inContent"], f"after the skip link, Tab should land in the content, not on {focus}"


@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_keyboard_search(page: Page, root: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 740})
    goto(page, root + "index.html")
    # Tab reaches the search field early (skip link, logo, palette toggle, search).
    presses = _tab_until(page, "input.md-search__input", limit=5)
    assert presses <= 4
    page.keyboard.type("waardeketen")  # key by key: Material searches on keyup
    first = page.locator(".md-search-result__link").first
    expect(first).to_be_visible()
    href = first.get_attribute("href") or ""
    page.keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(href)
    expect(page.locator("article.md-content__inner")).to_contain_text(
        re.compile("waardeketen", re.IGNORECASE)
    )


def test_keyboard_search_shortcut(page: Page, root: str) -> None:
    page.set_viewport_size(DESKTOP)
    goto(page, root + "h1/klant.html")
    page.keyboard.press("/")  # Material's shortcut (also "s" and "f")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("klanttevredenheid")
    expect(page.locator(".md-search-result__link").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("input.md-search__input")).not_to_be_focused()


# -- tooltips for register terms ---------------------------------------------------------------


def test_terms_have_tooltips_by_mouse_and_keyboard(page: Page, root: str) -> None:
    """A term's definition by mouse and by keyboard (every chapter page's terms have a keyboard
    stop: test_every_page_opens)."""
    page.set_viewport_size(DESKTOP)
    goto(page, root + "h1/nps.html")
    # Hover: Material's content.tooltips shows the definition (the abbr's title) in a tooltip.
    term = page.locator(".md-content abbr[title]").first
    word = term.inner_text()
    definition = term.get_attribute("title") or ""  # Material moves it into the tooltip
    assert len(definition) > 10
    term.hover()
    tooltip = page.locator(".md-tooltip2--active[role=tooltip]")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(definition)
    page.mouse.move(0, 0)
    expect(tooltip).to_have_count(0)

    # Keyboard: skip link, then Tab to the first term; the same tooltip opens on focus and the term
    # is described by it.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    _tab_until(page, ".md-content abbr", limit=10)
    focused = page.locator(".md-content abbr:focus")
    expect(focused).to_have_text(word)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(definition)
    expect(focused).to_have_attribute("aria-describedby", str(tooltip.get_attribute("id")))


# -- offline teacher link ----------------------------------------------------------------------


def test_offline_teacher_page_links_a_concept_to_its_section(page: Page, file_root: str) -> None:
    """The zip has no short links (addresses to share online): on its teacher page the
    concept's link leads to the section itself."""
    page.goto(file_root + "docenten.html")
    page.locator('a[href="h1/nps.html#nps"]').first.click()
    expect(page).to_have_url(re.compile(r"/h1/nps\.html#nps$"))
    expect(page.locator("h2#nps")).to_be_visible()
    expect(page.locator("h2#nps")).to_have_text(heading("Net Promoter Score"))
    expect(page.locator("h2#nps")).to_be_in_viewport()
