"""Nothing a student did is lost, whatever the browser, the clock or a link does (issue 21,
items 1-4), in Chromium over http and from the unpacked zip on file://:

- storage that cannot keep (full, or refused): one calm Dutch notice per page, never a
  silent loss, nothing already kept damaged, an import that names the real cause;
- ids are plain data: `constructor`, `__proto__`, `toString`, `hasOwnProperty` are ids
  like any other; an answer to an option that no longer exists counts as unanswered;
- values from elsewhere (a stored entry, an imported file) are bounded: no date in the
  future wins a merge, nothing shows NaN or undefined, an import says what it skipped;
- any hash or query on the study pages gives a Dutch message or is ignored, and the page
  keeps listening for the next link.
Every test also gets the traffic fixture: no uncaught error, no request to another host."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import choose, quiz_ready
from .test_progress_page import CONTRAST
from .test_study import right, row, stored

pytestmark = pytest.mark.browser

START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
NOW = int(START.timestamp() * 1000)
DAY = 24 * 60 * 60 * 1000

# Another project site on the same origin (GitHub Pages: one origin, one quota per owner)
# fills the storage until the browser refuses more.
FILL = """() => {
  let chunk = "x".repeat(1 << 20), n = 0;
  while (chunk.length >= 4) {
    try { localStorage.setItem("ander-project:" + n, chunk); n += 1; }
    catch (e) { chunk = chunk.slice(0, chunk.length >> 1); }
  }
  return n;
}"""
# Storage refused: setItem throws SecurityError (reading still works), as a browser does that
# may not keep site data. (A browser that refuses even to read breaks Material's own inline
# script before any of ours runs; that is not this site's to change.)
DENY = """Storage.prototype.setItem = function () {
  throw new DOMException("The operation is insecure.", "SecurityError"); };"""


def store_key(page: Page) -> str:
    return str(page.evaluate("() => 'sales-studiesite:v1:' + new URL('./', document.baseURI).href"))


def put(page: Page, root: str, value: object) -> None:
    """Write a state as a (damaged or odd) browser would have it, for the site at root."""
    page.goto(root + "index.html")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [store_key(page), json.dumps(value)])


def questions_of(page: Page, path: str) -> list[dict[str, object]]:
    page.wait_for_function("() => window.StudyData")
    return list(page.evaluate("p => window.StudyData.questions.filter(q => q.page === p)", path))


def export_file(tmp_path: Path, answers: dict[str, object], reviews: dict[str, object] | None = None) -> Path:
    path = tmp_path / "voortgang.json"
    data = {"app": "sales-studiesite", "version": 1, "answers": answers, "reviews": reviews or {}}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# -- 1. storage that cannot keep -------------------------------------------------------------


def quiz_flow(page: Page, root: str, tmp_path: Path) -> None:
    page.goto(root + "h1/nps.html")
    quiz_ready(page)
    items = page.locator(".ss-quiz__item--mc")
    for n in (1, 2):  # two answers: still one notice
        choose(right(items.nth(n)))
        items.nth(n).locator(".ss-quiz__check").dispatch_event("click")
        expect(items.nth(n).locator(".ss-quiz__feedback")).to_contain_text("Goed!")


def review_flow(page: Page, root: str, tmp_path: Path) -> None:
    page.goto(root + "herhalen.html")
    for _ in range(2):
        page.get_by_role("button", name="Toon antwoord").click()
        page.locator('.ss-study__grade[data-grade="3"]').click()


def exam_flow(page: Page, root: str, tmp_path: Path) -> None:
    page.goto(root + "toets.html#hoofdstuk=1")
    page.locator(".ss-study__question input").first.check()  # one answer to keep
    page.get_by_role("button", name="Inleveren").click()
    page.get_by_role("button", name="Toch inleveren").click()
    expect(page.locator(".ss-study__result h2")).to_contain_text("Je score")


FLOWS: dict[str, Callable[[Page, str, Path], None]] = {
    "quiz": quiz_flow,
    "review": review_flow,
    "test": exam_flow,
}
CAUSES = {"full": "de opslag van deze browser is vol", "denied": "deze browser staat niet toe"}


@pytest.mark.parametrize("cause", CAUSES)
@pytest.mark.parametrize("flow", FLOWS)
def test_storage_that_cannot_keep_says_so_once(
    page: Page, root: str, tmp_path: Path, flow: str, cause: str
) -> None:
    page.clock.set_fixed_time(START)
    kept = {"version": 1, "answers": {"nps-wat-meet": {"o": "0123abcd", "t": NOW}}, "reviews": {}}
    put(page, root, kept)
    if cause == "full":
        assert page.evaluate(FILL) > 0
    else:
        page.add_init_script(DENY)
    FLOWS[flow](page, root, tmp_path)
    notice = page.locator(".ss-store-notice")
    expect(notice).to_have_count(1)
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("niet bewaard")
    expect(notice).to_contain_text(CAUSES[cause])
    if cause == "full":
        link = notice.get_by_role("link", name="Mijn voortgang")
        expect(link).to_have_attribute("href", re.compile(r"voortgang\.html$"))
        assert stored(page) == kept  # what was kept before is intact
        # The notice is about this page: after a reload nothing claims to be kept.
        page.reload()
        expect(page.locator(".ss-store-notice")).to_have_count(0)


@pytest.mark.parametrize("cause", CAUSES)
def test_import_into_storage_that_cannot_keep_names_the_cause(
    page: Page, root: str, tmp_path: Path, cause: str
) -> None:
    page.clock.set_fixed_time(START)
    if cause == "full":
        page.goto(root + "voortgang.html")
        page.evaluate(FILL)
    else:
        page.add_init_script(DENY)
    page.goto(root + "voortgang.html")
    qid = questions_of(page, "h1/nps.md")[0]
    upload = export_file(tmp_path, {str(qid["id"]): {"o": qid["correct"], "t": NOW}})
    page.locator("#ss-import").set_input_files(str(upload))
    status = page.locator(".ss-study__status")
    expect(status).to_contain_text("Importeren mislukt")
    expect(status).to_contain_text(CAUSES[cause])


def test_quiz_intro_promises_nothing_it_cannot_keep(page: Page, root: str) -> None:
    page.goto(root + "h1/nps.html")
    intro = page.locator(".ss-quiz__intro").first
    expect(intro).to_contain_text("als die dat toestaat")


# -- 2. ids that stay meaningful ----------------------------------------------------------------

# Renames the first question of h1/nps.md to `constructor` in the study data (as if the data
# had that id, a valid slug), before study.js reads it.
RENAME = """(() => {
  let data;
  Object.defineProperty(window, "StudyData", { configurable: true, get() { return data; }, set(v) {
    const q = v.questions.find((q) => q.page === "h1/nps.md"), old = q.id;
    q.id = "constructor";
    v.chapters.forEach((c) => c.pages.forEach((p) => {
      p.questions = p.questions.map((id) => (id === old ? "constructor" : id));
    }));
    data = v;
  } });
})();"""
ODD_IDS = ["constructor", "__proto__", "toString", "hasOwnProperty", "tostring", "valueof"]


def test_object_member_names_are_ids_like_any_other(page: Page, root: str, tmp_path: Path) -> None:
    page.clock.set_fixed_time(START)
    page.add_init_script(RENAME)
    page.goto(root + "voortgang.html")
    nps = row(page, "h1/nps.md").locator("td")
    expect(nps.nth(0)).to_have_text(re.compile(r"^0 van \d+$"))  # `constructor` not answered
    expect(nps.nth(3)).to_have_text("nog niet")
    correct = questions_of(page, "h1/nps.md")[0]["correct"]
    junk = {"o": "0123abcd", "t": NOW}
    answers = {name: junk for name in ODD_IDS} | {"constructor": {"o": correct, "t": NOW}}
    page.locator("#ss-import").set_input_files(str(export_file(tmp_path, answers)))
    status = page.locator(".ss-study__status")
    expect(status).to_contain_text("Geïmporteerd: 1 antwoord en 0 herhalingen.")
    expect(status).to_contain_text("vragen of begrippen die deze site niet kent")
    expect(nps.nth(0)).to_have_text(re.compile(r"^1 van \d+$"))
    expect(nps.nth(1)).to_have_text("1 (100 %)")
    page.goto(root + "toets.html#vragen=" + ",".join(ODD_IDS))
    expect(page.locator(".ss-study__question")).to_have_count(1)
    expect(page.locator(".ss-study__question")).to_have_attribute("data-question", "constructor")
    expect(page.locator(".ss-study__missing")).to_contain_text("__proto__, toString, hasOwnProperty")


def test_answer_to_an_option_that_no_longer_exists_counts_as_unanswered(page: Page, root: str) -> None:
    page.clock.set_fixed_time(START)
    page.goto(root + "voortgang.html")
    first = questions_of(page, "h1/nps.md")[0]
    put(page, root, {"version": 1, "answers": {first["id"]: {"o": "0123abcd", "t": NOW}}, "reviews": {}})
    page.goto(root + "voortgang.html")
    nps = row(page, "h1/nps.md").locator("td")
    expect(nps.nth(0)).to_have_text(re.compile(r"^0 van \d+$"))
    expect(nps.nth(1)).to_have_text("–")
    expect(nps.nth(3)).to_have_text("nog niet")
    page.goto(root + "h1/nps.html")
    quiz_ready(page)
    expect(page.locator(".ss-quiz__controls").first).to_be_hidden()
    expect(page.locator(".ss-quiz__item--mc input:checked")).to_have_count(0)


# -- 3. values from elsewhere -------------------------------------------------------------------

YEARS = 365 * DAY
BAD_TIMES = {
    "ten years ahead": NOW + 10 * YEARS,
    "negative": -5,
    "after 2100": 4200000000000,
    "a string": str(NOW),
    "huge": 1e300,
}
BAD_CARDS = {
    "due in the year 9999": {"due": "9999-01-01T00:00:00.000Z"},
    "absurd stability": {"stability": 1e308},
    "last review in the future": {"last_review": "2040-01-01T00:00:00.000Z"},
    "a due date that is no date": {"due": "morgen"},
}


def card(**change: object) -> dict[str, object]:
    base: dict[str, object] = {
        "due": "2026-12-01T09:00:00.000Z",
        "stability": 3.2,
        "difficulty": 5.1,
        "elapsed_days": 0,
        "scheduled_days": 3,
        "reps": 1,
        "lapses": 0,
        "state": 2,
        "learning_steps": 0,
        "last_review": "2026-11-28T09:00:00.000Z",
    }
    return base | change


@pytest.mark.parametrize("name", [*BAD_TIMES, *BAD_CARDS])
def test_odd_stored_values_never_show_nan_or_a_future_date(page: Page, root: str, name: str) -> None:
    page.clock.set_fixed_time(START)
    page.goto(root + "voortgang.html")
    first = questions_of(page, "h1/nps.md")[0]
    concept = page.evaluate("() => window.StudyData.concepts[0]")
    t = BAD_TIMES.get(name, NOW)
    review = {"h": concept["hash"], "c": card(**BAD_CARDS.get(name, {})), "t": t}
    put(
        page,
        root,
        {
            "version": 1,
            "answers": {first["id"]: {"o": first["correct"], "t": t}},
            "reviews": {"begrip:" + concept["id"]: review},
        },
    )
    for view in ("voortgang", "herhalen"):
        page.goto(root + view + ".html")
        page.locator(".ss-study__app > *").first.wait_for()
        if view == "herhalen":
            for _ in range(3):
                if not page.get_by_role("button", name="Toon antwoord").count():
                    break
                page.get_by_role("button", name="Toon antwoord").click()
                for when in page.locator(".ss-study__grade-when").all_inner_texts():
                    assert re.fullmatch(r"straks weer|morgen|over \d+ (dagen|weken|maanden|jaar)", when), when
                page.locator('.ss-study__grade[data-grade="3"]').click()
        text = page.locator(".ss-study__app").inner_text()
        assert not re.search(r"NaN|undefined|Invalid|Infinity|203\d|99\d\d", text), text
    kept = stored(page)
    for entry in [*kept.get("answers", {}).values(), *kept.get("reviews", {}).values()]:  # type: ignore[attr-defined]
        assert isinstance(entry["t"], int | float) and 0 < entry["t"] <= NOW + DAY, entry


def test_a_wrong_clock_cannot_freeze_the_merge(page: Page, root: str, tmp_path: Path) -> None:
    page.clock.set_fixed_time(START)
    page.goto(root + "voortgang.html")
    q = questions_of(page, "h1/nps.md")[0]
    other = next(o["k"] for o in q["options"] if o["k"] != q["correct"])  # type: ignore[attr-defined]
    ahead = export_file(tmp_path, {str(q["id"]): {"o": other, "t": NOW + 10 * YEARS}})
    page.locator("#ss-import").set_input_files(str(ahead))
    status = page.locator(".ss-study__status")
    expect(status).to_contain_text("met een datum in de toekomst")
    assert stored(page) == {}
    # An entry kept with a wrong clock (before this check existed) is clamped to now.
    put(page, root, {"version": 1, "answers": {q["id"]: {"o": other, "t": NOW + 10 * YEARS}}, "reviews": {}})
    page.clock.set_fixed_time(START + dt.timedelta(hours=2))
    page.goto(root + "voortgang.html")
    newer = export_file(tmp_path, {str(q["id"]): {"o": q["correct"], "t": NOW + 3 * 60 * 60 * 1000}})
    page.locator("#ss-import").set_input_files(str(newer))
    expect(status).to_contain_text("Geïmporteerd: 1 antwoord en 0 herhalingen.")
    assert stored(page)["answers"][q["id"]]["o"] == q["correct"]  # type: ignore[index]


def test_import_reports_what_it_skipped(page: Page, root: str, tmp_path: Path) -> None:
    page.clock.set_fixed_time(START)
    page.goto(root + "voortgang.html")
    qs = questions_of(page, "h1/nps.md")
    answers = {
        str(qs[0]["id"]): {"o": qs[0]["correct"], "t": NOW},
        str(qs[1]["id"]): {"o": qs[1]["correct"], "t": "gisteren"},
        str(qs[2]["id"]): {"o": "0123abcd", "t": NOW},
        "bestaat-niet": {"o": "0123abcd", "t": NOW},
    }
    page.locator("#ss-import").set_input_files(str(export_file(tmp_path, answers)))
    status = page.locator(".ss-study__status")
    expect(status).to_have_text(
        "Geïmporteerd: 1 antwoord en 0 herhalingen. Overgeslagen: 2 voor vragen of begrippen die deze site "
        "niet kent (of een antwoord dat niet meer bestaat), 1 met een ongeldige waarde."
    )
    assert list(stored(page)["answers"]) == [qs[0]["id"]]  # type: ignore[call-overload]


# -- 4. links from elsewhere --------------------------------------------------------------------

LINKS = {
    "a broken escape": "#vragen=nps-wat-meet%2",
    "a broken UTF-8 escape": "#vragen=%E0%A4%A",
    "a lone percent": "#%",
    "a huge link": "#vragen=" + ",".join(["nps-wat-meet"] * 3000),
    "an unknown key": "#onbekend=1",
    "a repeated key": "#vragen=nps-wat-meet&vragen=nps-geeft-npsvraag",
    "a broken query": "?vragen=%2",
    "a key without a value": "#vragen",
}


@pytest.mark.parametrize("name", LINKS)
def test_a_malformed_test_link_says_so_and_the_page_keeps_listening(page: Page, root: str, name: str) -> None:
    page.goto(root + "toets.html" + LINKS[name])
    app = page.locator(".ss-study__app")
    expect(app.locator("> *")).not_to_have_count(0)
    expect(app.locator(".ss-study__missing").first).to_be_visible()
    text = app.locator(".ss-study__missing").first.inner_text()
    assert re.search(r"[Dd]eze link|bestaat niet", text), text
    assert "undefined" not in text and "URI" not in text
    page.evaluate("() => { window.__sameDocument = true; }")
    page.evaluate("() => { location.hash = 'vragen=nps-wat-meet'; }")
    expect(app.locator(".ss-study__question")).to_have_count(1)
    assert page.evaluate("() => window.__sameDocument") is True  # no reload


@pytest.mark.parametrize("name", LINKS)
@pytest.mark.parametrize("view", ["herhalen", "voortgang", "docenten"])
def test_other_study_pages_work_with_any_link(page: Page, root: str, view: str, name: str) -> None:
    page.clock.set_fixed_time(START)
    page.goto(root + view + ".html" + LINKS[name])
    app = page.locator(".ss-study__app").first
    app.scroll_into_view_if_needed()  # Voor docenten loads study.js when its section comes near
    expect(app.locator("> *")).not_to_have_count(0)
    assert "undefined" not in app.inner_text()
    note = page.locator(".ss-study__link-note")
    expect(note).to_have_count(1)
    expect(note).to_contain_text(re.compile(r"Deze pagina kan niets met|Deze link hoort bij een toets"))
    # The next link is read without a reload: an anchor of the page is no link to note.
    page.evaluate("() => { window.__sameDocument = true; }")
    anchor = page.evaluate("() => document.querySelector('.md-content :is(h1, h2)[id]').id")
    page.evaluate("a => { location.hash = a; }", anchor)
    expect(note).to_have_count(0)
    page.evaluate("() => { location.hash = 'vragen=nps-wat-meet'; }")
    expect(note.get_by_role("link", name="open de toets")).to_have_attribute(
        "href", re.compile(r"toets\.html#vragen=nps-wat-meet$")
    )
    assert page.evaluate("() => window.__sameDocument") is True


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_notice_reads_well_at_360_px_light_and_dark(page: Page, root: str, scheme: str) -> None:
    """The notice in a phone's width: inside the screen, its text and link >= 4.5:1."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.emulate_media(color_scheme=scheme)
    page.goto(root + "index.html")
    page.evaluate(FILL)
    quiz_flow(page, root, Path())
    notice = page.locator(".ss-store-notice")
    notice.scroll_into_view_if_needed()
    box = notice.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    for part in (notice.locator("p").nth(1), notice.get_by_role("link", name="Mijn voortgang")):
        assert part.evaluate(CONTRAST) >= 4.5


def test_reset_that_the_browser_refuses_says_so(page: Page, root: str) -> None:
    """Alles wissen never says "gewist" when the browser kept everything."""
    kept = {"version": 1, "answers": {"nps-wat-meet": {"o": "0123abcd", "t": NOW}}, "reviews": {}}
    put(page, root, kept)
    page.add_init_script(DENY.replace("setItem", "removeItem"))
    page.goto(root + "voortgang.html")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Alles wissen").click()
    status = page.locator(".ss-study__status")
    expect(status).to_contain_text("Wissen mislukt")
    expect(status).to_contain_text(CAUSES["denied"])
    assert stored(page) == kept
