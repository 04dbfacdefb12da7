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
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from .conftest import choose, quiz_ready
from .test_progress_page import CONTRAST
from .test_study import right, row, stored

pytestmark = pytest.mark.browser

START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
NOW = int(START.timestamp() * 1000)
DAY = 24 * 60 * 60 * 1000
# Pages are used once their HTML is in (every check waits for what it needs); the images and
# fonts that the load event would wait for play no part here.
LOADED = "domcontentloaded"

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
    page.goto(root + "index.html", wait_until=LOADED)
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
    page.goto(root + "h1/nps.html", wait_until=LOADED)
    quiz_ready(page)
    items = page.locator(".ss-quiz__item--mc")
    for n in (1, 2):  # two answers: still one notice
        choose(right(items.nth(n)))
        items.nth(n).locator(".ss-quiz__check").dispatch_event("click")
        expect(items.nth(n).locator(".ss-quiz__feedback")).to_contain_text("Goed!")


def review_flow(page: Page, root: str, tmp_path: Path) -> None:
    page.goto(root + "herhalen.html", wait_until=LOADED)
    for _ in range(2):
        page.get_by_role("button", name="Toon antwoord").click()
        page.locator('.ss-study__grade[data-grade="3"]').click()


def exam_flow(page: Page, root: str, tmp_path: Path) -> None:
    page.goto(root + "toets.html#hoofdstuk=1", wait_until=LOADED)
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
def test_storage_that_cannot_keep_says_so_once(page: Page, root: str, tmp_path: Path, cause: str) -> None:
    """Each flow (a quiz, a review, a test) on its own page load, then an import, in one
    storage that cannot keep: nothing is written, so every case meets the same storage."""
    page.clock.set_fixed_time(START)
    kept = {"version": 1, "answers": {"nps-wat-meet": {"o": "0123abcd", "t": NOW}}, "reviews": {}}
    put(page, root, kept)
    if cause == "full":
        assert page.evaluate(FILL) > 0
    else:
        page.add_init_script(DENY)
    for flow, run in FLOWS.items():
        case = f"{cause}, {flow}"
        run(page, root, tmp_path)
        notice = page.locator(".ss-store-notice")
        expect(notice, f"{case}: one notice").to_have_count(1)
        expect(notice, f"{case}: the notice is seen").to_be_visible()
        expect(notice, f"{case}: the notice says so").to_contain_text("niet bewaard")
        expect(notice, f"{case}: the notice names the cause").to_contain_text(CAUSES[cause])
        assert stored(page) == kept, f"{case}: what was kept before is intact"
        if cause == "full":
            link = notice.get_by_role("link", name="Mijn voortgang")
            expect(link, f"{case}: the way to Mijn voortgang").to_have_attribute(
                "href", re.compile(r"voortgang\.html$")
            )
            # The notice is about this page: after a reload nothing claims to be kept.
            page.reload()
            expect(page.locator(".ss-store-notice"), f"{case}: no notice after a reload").to_have_count(0)
    # An import into the same storage names the real cause.
    page.goto(root + "voortgang.html", wait_until=LOADED)
    qid = next(q for q in questions_of(page, "h1/nps.md") if q["id"] not in kept["answers"])
    upload = export_file(tmp_path, {str(qid["id"]): {"o": qid["correct"], "t": NOW}})
    page.locator("#ss-import").set_input_files(str(upload))
    status = page.locator(".ss-study__status")
    expect(status, f"{cause}, import: it failed").to_contain_text("Importeren mislukt")
    expect(status, f"{cause}, import: the cause").to_contain_text(CAUSES[cause])
    assert stored(page) == kept, f"{cause}, import: what was kept before is intact"


def test_quiz_intro_promises_nothing_it_cannot_keep(page: Page, root: str) -> None:
    page.goto(root + "h1/nps.html", wait_until=LOADED)
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
    page.goto(root + "voortgang.html", wait_until=LOADED)
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
    page.goto(root + "toets.html#vragen=" + ",".join(ODD_IDS), wait_until=LOADED)
    expect(page.locator(".ss-study__question")).to_have_count(1)
    expect(page.locator(".ss-study__question")).to_have_attribute("data-question", "constructor")
    expect(page.locator(".ss-study__missing")).to_contain_text("__proto__, toString, hasOwnProperty")


def test_answer_to_an_option_that_no_longer_exists_counts_as_unanswered(page: Page, root: str) -> None:
    page.clock.set_fixed_time(START)
    page.goto(root + "voortgang.html", wait_until=LOADED)
    first = questions_of(page, "h1/nps.md")[0]
    put(page, root, {"version": 1, "answers": {first["id"]: {"o": "0123abcd", "t": NOW}}, "reviews": {}})
    page.goto(root + "voortgang.html", wait_until=LOADED)
    nps = row(page, "h1/nps.md").locator("td")
    expect(nps.nth(0)).to_have_text(re.compile(r"^0 van \d+$"))
    expect(nps.nth(1)).to_have_text("–")
    expect(nps.nth(3)).to_have_text("nog niet")
    page.goto(root + "h1/nps.html", wait_until=LOADED)
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


def test_odd_stored_values_never_show_nan_or_a_future_date(page: Page, root: str) -> None:
    """Each odd value (tests/test_store_js.py checks how store.js reads it) kept as a browser
    would have it, then Mijn voortgang and Herhalen loaded and a review done on them."""
    page.clock.set_fixed_time(START)
    page.goto(root + "voortgang.html", wait_until=LOADED)
    first = questions_of(page, "h1/nps.md")[0]
    concept = page.evaluate("() => window.StudyData.concepts[0]")
    key = store_key(page)  # the study pages are at the site's root: one key for both
    for name in [*BAD_TIMES, *BAD_CARDS]:
        t = BAD_TIMES.get(name, NOW)
        review = {"h": concept["hash"], "c": card(**BAD_CARDS.get(name, {})), "t": t}
        value = {
            "version": 1,
            "answers": {first["id"]: {"o": first["correct"], "t": t}},
            "reviews": {"begrip:" + concept["id"]: review},
        }
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(value)])
        for view in ("voortgang", "herhalen"):
            page.goto(root + view + ".html", wait_until=LOADED)
            page.locator(".ss-study__app > *").first.wait_for()
            if view == "herhalen":
                for _ in range(3):
                    if not page.get_by_role("button", name="Toon antwoord").count():
                        break
                    page.get_by_role("button", name="Toon antwoord").click()
                    for when in page.locator(".ss-study__grade-when").all_inner_texts():
                        assert re.fullmatch(
                            r"straks weer|morgen|over \d+ (dagen|weken|maanden|jaar)", when
                        ), f"{name}: {when}"
                    page.locator('.ss-study__grade[data-grade="3"]').click()
            text = page.locator(".ss-study__app").inner_text()
            assert not re.search(r"NaN|undefined|Invalid|Infinity|203\d|99\d\d", text), (
                f"{name}, {view}: {text}"
            )
        kept = stored(page)
        for entry in [*kept.get("answers", {}).values(), *kept.get("reviews", {}).values()]:  # type: ignore[attr-defined]
            assert isinstance(entry["t"], int | float) and 0 < entry["t"] <= NOW + DAY, f"{name}: {entry}"


def test_a_wrong_clock_cannot_freeze_the_merge(page: Page, root: str, tmp_path: Path) -> None:
    page.clock.set_fixed_time(START)
    page.goto(root + "voortgang.html", wait_until=LOADED)
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
    page.goto(root + "voortgang.html", wait_until=LOADED)
    newer = export_file(tmp_path, {str(q["id"]): {"o": q["correct"], "t": NOW + 3 * 60 * 60 * 1000}})
    page.locator("#ss-import").set_input_files(str(newer))
    expect(status).to_contain_text("Geïmporteerd: 1 antwoord en 0 herhalingen.")
    assert stored(page)["answers"][q["id"]]["o"] == q["correct"]  # type: ignore[index]


def test_import_reports_what_it_skipped(page: Page, root: str, tmp_path: Path) -> None:
    page.clock.set_fixed_time(START)
    page.goto(root + "voortgang.html", wait_until=LOADED)
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


# After a link's page has loaded: what it shows, then the next two links (a heading's anchor and a
# test link) set in this same document, each read once the page's own hashchange listener (set up
# when study.js started, so called before this one) has run.
NEXT_LINKS = """async () => {
  const app = document.querySelector(".ss-study__app");
  const notes = () => [...document.querySelectorAll(".ss-study__link-note")];
  const next = (hash) => new Promise((done) => {
    window.addEventListener("hashchange", () => done(), { once: true });
    location.hash = hash;
  });
  const missing = app.querySelector(".ss-study__missing");
  const seen = { text: app.innerText, notes: notes().map((n) => n.textContent) };
  seen.missing = missing && missing.checkVisibility() ? missing.innerText : null;
  const marker = {};
  window.__sameDocument = marker;
  seen.anchor = document.querySelector(".md-content :is(h1, h2)[id]").id;
  await next(seen.anchor);
  seen.notesAfterAnchor = notes().length;
  await next("vragen=nps-wat-meet");
  const links = notes().flatMap((n) => [...n.querySelectorAll("a")]);
  const link = links.find((a) => a.textContent === "open de toets");
  seen.href = link ? link.getAttribute("href") : null;
  seen.questions = [...app.querySelectorAll(".ss-study__question")].map((q) => q.dataset.question);
  seen.sameDocument = window.__sameDocument === marker;
  return seen;
}"""


def open_link(page: Page, url: str) -> dict[str, Any]:
    """Load url as a new document (about:blank first when it is this page's address with
    another hash: that would be a hashchange) and return what NEXT_LINKS saw."""
    if urlsplit(page.url)[:4] == urlsplit(url)[:4]:
        page.goto("about:blank")
    page.goto(url, wait_until=LOADED)
    app = page.locator(".ss-study__app").first
    app.scroll_into_view_if_needed()  # Voor docenten loads study.js when its section comes near
    app.locator("> *").first.wait_for()
    seen: dict[str, Any] = page.evaluate(NEXT_LINKS)
    return seen


def test_a_malformed_test_link_says_so_and_the_page_keeps_listening(page: Page, root: str) -> None:
    """Each link loaded as a reader opens it, so the page reads location.hash and
    location.search as this browser gives them on http and file:// (tests/test_study_js.py
    reads the same links with parseHash, case by case)."""
    for name, link in LINKS.items():
        seen = open_link(page, root + "toets.html" + link)
        text = seen["missing"]
        assert text is not None, f"{name}: no message about the link in {seen['text']!r}"
        assert re.search(r"[Dd]eze link|bestaat niet", text), f"{name}: {text!r}"
        assert "undefined" not in text and "URI" not in text, f"{name}: {text!r}"
        assert seen["questions"] == ["nps-wat-meet"], f"{name}: the next link showed {seen['questions']}"
        assert seen["sameDocument"], f"{name}: the next link reloaded the page"


def test_other_study_pages_work_with_any_link(page: Page, root: str) -> None:
    """Each link on Herhalen, Mijn voortgang and Voor docenten, each loaded as a new document."""
    page.clock.set_fixed_time(START)
    for name, link in LINKS.items():
        for view in ("herhalen", "voortgang", "docenten"):
            case = f"{view}, {name}"
            seen = open_link(page, root + view + ".html" + link)
            assert seen["text"].strip() and "undefined" not in seen["text"], f"{case}: {seen['text']!r}"
            assert len(seen["notes"]) == 1, f"{case}: notes about the link: {seen['notes']}"
            assert re.search(r"Deze pagina kan niets met|Deze link hoort bij een toets", seen["notes"][0]), (
                f"{case}: {seen['notes'][0]!r}"
            )
            # The next link is read without a reload: an anchor of the page is no link to note.
            assert seen["notesAfterAnchor"] == 0, f"{case}: a note for the anchor #{seen['anchor']}"
            assert re.search(r"toets\.html#vragen=nps-wat-meet$", seen["href"] or ""), (
                f"{case}: the next link leads to {seen['href']!r}"
            )
            assert seen["sameDocument"], f"{case}: the next link reloaded the page"


def test_notice_reads_well_at_360_px_light_and_dark(page: Page, root: str) -> None:
    """The notice in a phone's width: inside the screen, its text and link >= 4.5:1."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(root + "index.html", wait_until=LOADED)
    page.evaluate(FILL)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        quiz_flow(page, root, Path())
        notice = page.locator(".ss-store-notice")
        notice.scroll_into_view_if_needed()
        box = notice.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360, f"{scheme}: {box}"
        for part in (notice.locator("p").nth(1), notice.get_by_role("link", name="Mijn voortgang")):
            ratio = part.evaluate(CONTRAST)
            assert ratio >= 4.5, f"{scheme}: {part} at {ratio:.2f}:1"


def test_reset_that_the_browser_refuses_says_so(page: Page, root: str) -> None:
    """Alles wissen never says "gewist" when the browser kept everything."""
    kept = {"version": 1, "answers": {"nps-wat-meet": {"o": "0123abcd", "t": NOW}}, "reviews": {}}
    put(page, root, kept)
    page.add_init_script(DENY.replace("setItem", "removeItem"))
    page.goto(root + "voortgang.html", wait_until=LOADED)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Alles wissen").click()
    status = page.locator(".ss-study__status")
    expect(status).to_contain_text("Wissen mislukt")
    expect(status).to_contain_text(CAUSES["denied"])
    assert stored(page) == kept
