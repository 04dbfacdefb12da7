"""The logic of the study pages (overrides/assets/javascripts/study.js, its only implementation),
run in Node on a fake page with a small course of its own: how a practice test is drawn and
timed, how a test link is read, which cards a day of review holds, and the schedule an open
question's self-score gives it. The pages themselves are tested in Chromium (tests/browser/)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.node_process import NodeProcess, node_process

HERE = Path(__file__).resolve().parent
ASSETS = HERE.parent / "overrides" / "assets"
DRIVER = HERE / "js" / "study_driver.cjs"
DAY = 24 * 60 * 60 * 1000
START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
NOW = int(START.timestamp() * 1000)


def hexhash(text: str) -> str:
    """A content hash in the store's form (hex digits), as macros/study.py writes them."""
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def mc(qid: str, page: str) -> dict[str, Any]:
    options = [{"k": f"{n:08x}", "t": f"Optie {n}"} for n in range(3)]
    return {
        "id": qid,
        "page": page,
        "kind": "mc",
        "text": "?",
        "options": options,
        "correct": "00000000",
        "hash": hexhash(qid),
    }


def open_q(qid: str, page: str, points: list[int], case: bool = False) -> dict[str, Any]:
    q: dict[str, Any] = {
        "id": qid,
        "page": page,
        "kind": "open",
        "text": "?",
        "answer": "…",
        "rubric": [{"k": f"{qid[:4]}{n:04x}", "t": f"Punt {n}", "p": p} for n, p in enumerate(points)],
        "hash": hexhash(qid),
    }
    if case:
        q["context"] = [f"{page}#casus"]
    return q


# Chapter 1: three sections with 4, 4 and 1 multiple-choice questions, two open questions (one on
# a case); chapter 2: one section with 3 multiple-choice questions. 25 concepts on the first page.
PAGES = {
    "h1/a.md": [mc(f"a-{n}", "h1/a.md") for n in range(4)],
    "h1/b.md": [
        *(mc(f"b-{n}", "h1/b.md") for n in range(4)),
        open_q("open-case", "h1/b.md", [2, 2, 4], case=True),
    ],
    "h1/c.md": [mc("c-0", "h1/c.md"), open_q("open-plain", "h1/c.md", [1, 1])],
    "h2/a.md": [mc(f"d-{n}", "h2/a.md") for n in range(3)],
}
CONCEPTS = [
    {"id": f"begrip-{n:02d}", "term": f"Begrip {n}", "hash": hexhash(f"begrip-{n:02d}"), "page": "h1/a.md"}
    for n in range(25)
]
DATA = {
    "chapters": [
        {
            "number": number,
            "title": title,
            "pages": [
                {
                    "path": path,
                    "title": path,
                    "href": path.replace(".md", ".html"),
                    "questions": [q["id"] for q in PAGES[path]],
                    "concepts": [c["id"] for c in CONCEPTS] if path == "h1/a.md" else [],
                }
                for path in paths
            ],
        }
        for number, title, paths in ((1, "Een", ["h1/a.md", "h1/b.md", "h1/c.md"]), (2, "Twee", ["h2/a.md"]))
    ],
    "questions": [q for qs in PAGES.values() for q in qs],
    "concepts": CONCEPTS,
    "test": {"mc": 10, "open": 2, "course_mc": 20, "course_open": 3, "mc_minutes": 1.5, "point_minutes": 1.5},
    "views": {"voortgang": "voortgang.html", "herhalen": "herhalen.html", "toets": "toets.html"},
    "files": "cursus",
}

_NODE: list[NodeProcess] = []


@pytest.fixture(scope="module", autouse=True)
def _node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    data = tmp_path_factory.mktemp("study") / "study-data.json"
    data.write_text(json.dumps(DATA), encoding="utf-8")
    args = [str(DRIVER), str(ASSETS), str(data), str(NOW)]
    with node_process(args, "the study pages' logic", {"TZ": "Europe/Amsterdam"}) as node:
        _NODE.append(node)
        yield
        _NODE.remove(node)


@pytest.fixture(autouse=True)
def _fresh() -> None:
    assert js("reset()") is True


def js(expr: str) -> Any:
    (node,) = _NODE
    (out,) = node.run([expr])
    assert "thrown" not in out, f"{expr}\nthrew {out['thrown']}"
    return out["value"]


CHAPTER_1 = "data.chapters[0].pages"
ALL_PAGES = "data.chapters.flatMap(c => c.pages)"


# -- practice tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("draw", range(20))
def test_a_chapter_test_takes_at_most_two_per_section_and_one_open_question_on_a_case(draw: int) -> None:
    ids = js(f"study.drawn({CHAPTER_1}, 10, 2)")
    mcs = [i for i in ids if not i.startswith("open-")]
    # 2 + 2 + 1 multiple-choice questions are all the sections allow, fewer than the 10 asked.
    assert len(mcs) == 5 and len(set(ids)) == len(ids)
    for prefix in ("a-", "b-", "c-"):
        assert sum(i.startswith(prefix) for i in mcs) <= js("study.TEST_PER_PAGE")
    assert sorted(i for i in ids if i.startswith("open-")) == ["open-case", "open-plain"]
    assert ids[-2:] != [] and all(i.startswith("open-") for i in ids[5:]), "open questions come last"


def test_one_open_question_is_the_case_question() -> None:
    picks = {
        tuple(i for i in js(f"study.drawn({CHAPTER_1}, 10, 1)") if i.startswith("open-")) for _ in range(15)
    }
    assert picks == {("open-case",)}


def test_the_course_test_draws_across_chapters_and_no_more_than_asked() -> None:
    ids = js(f"study.drawn({ALL_PAGES}, 6, 0)")
    assert len(ids) == 6 and not [i for i in ids if i.startswith("open-")]
    assert js(f"study.drawn({ALL_PAGES}, 0, 0)") == []


def test_suggested_minutes_per_question_and_rubric_point_rounded_up_to_five() -> None:
    # 1.5 min per multiple-choice question and per rubric point (course data), up to 5-minute steps.
    assert js('study.suggestedMinutes(["a-0"])') == 5
    assert js('study.suggestedMinutes(["a-0","a-1","a-2","a-3","b-0","b-1","b-2"])') == 15  # 10.5
    assert js('study.suggestedMinutes(["a-0","open-case"])') == 15  # 1.5 + 8 x 1.5 = 13.5
    assert js('study.suggestedMinutes(["open-plain"])') == 5  # 3
    assert js("study.maxPoints(data.questions.find(q => q.id === 'open-case'))") == 8


def test_points_count_only_keys_the_question_still_has() -> None:
    q = "data.questions.find(q => q.id === 'open-case')"
    keys = js(f"{q}.rubric.map(r => r.k)")
    assert js(f"study.pointsOf({q}, {json.dumps(keys[:2])})") == 4
    assert js(f"study.pointsOf({q}, {json.dumps([keys[2], 'ffffffff'])})") == 4
    assert js(f"study.pointsOf({q}, [])") == 0


# -- test links ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hash_", "params", "problem"),
    [
        ("#vragen=a-0,b-1", {"vragen": "a-0,b-1"}, None),
        ("#hoofdstuk=2", {"hoofdstuk": "2"}, None),
        ("#vragen=a-0&hoofdstuk=1", {"vragen": "a-0", "hoofdstuk": "1"}, None),
        ("", {}, None),
        ("#vragen=%E0%A4%A", {}, "beschadigd"),
        ("#onbekend=1", {}, "niet kent (onbekend)"),
        ("#vragen=a&vragen=b", {}, "meer dan eens"),
        ("#vragen=", {}, "onvolledig"),
        ("#vragen=" + "a" * 20001, {}, "te lang"),
        # The links of tests/browser/test_storage.py (issue 21, item 4), read here case by case;
        # the browser checks how each reaches the page (location.hash and location.search).
        ("#vragen=nps-wat-meet%2", {}, "beschadigd"),  # a broken escape
        ("#%", {}, "beschadigd"),  # a lone percent
        ("#vragen", {}, "onvolledig"),  # a key without a value (no "=")
        ("vragen=%2", {}, "beschadigd"),  # a broken query, ?vragen=%2, as linkText() passes it on
        ("#vragen=" + ",".join(["nps-wat-meet"] * 3000), {}, "te lang"),  # a huge link
        ("#vragen=a-0&vragen=b-1", {}, "meer dan eens"),  # a repeated key, with other values
        ("vragen=a-0", {"vragen": "a-0"}, None),  # a query's test part, as linkText() passes it on
        ("#vragen=a-0&&", {"vragen": "a-0"}, None),  # empty parts are no parts
        ("#vragen=a%2C0", {"vragen": "a,0"}, None),  # escapes are decoded
    ],
)
def test_a_test_link_is_read_or_said_to_be_unreadable(
    hash_: str, params: dict[str, str], problem: str | None
) -> None:
    parsed = js(
        f"(() => {{ const p = study.parseHash({json.dumps(hash_)});"
        " return {params: {...p.params}, problem: p.problem || null}; })()"
    )
    assert parsed["params"] == params
    if problem is None:
        assert parsed["problem"] is None
    else:
        assert problem in parsed["problem"] and "Vraag je docent" in parsed["problem"]


def test_a_hash_that_names_an_element_of_the_page_is_no_test_link() -> None:
    """A heading's anchor (#hoe-werkt-herhalen) is no link to read, on any study page; an id
    that is no element of the page is read as a link (and here, one the test does not know)."""
    parsed = js(
        "(() => { const get = document.getElementById;"
        " document.getElementById = (id) => (id === 'hoe-werkt-herhalen' ? {} : null);"
        " try { return ['#hoe-werkt-herhalen', '#iets-anders'].map((h) => {"
        " const p = study.parseHash(h); return {params: {...p.params}, problem: p.problem || null}; });"
        " } finally { document.getElementById = get; } })()"
    )
    assert parsed[0] == {"params": {}, "problem": None}
    assert parsed[1]["params"] == {} and "niet kent (iets-anders)" in parsed[1]["problem"]


# -- a day of review -----------------------------------------------------------------------------


# Schedules made by the real scheduler (graded "Goed" at `ms`), due at `due` (ms).
PUT = (
    "const put = (id, ms, due) => { const f = window.FSRS;"
    " const sch = f.fsrs({enable_fuzz: false, enable_short_term: false});"
    " const c = sch.repeat(f.createEmptyCard(new Date(ms)), new Date(ms))[3].card; c.due = new Date(due);"
    " const h = id.startsWith('begrip:') ? data.concepts.find(x => 'begrip:' + x.id === id).hash"
    " : data.questions.find(x => 'vraag:' + x.id === id).hash;"
    " store().update(s => { s.reviews[id] = {h: h, c: JSON.parse(JSON.stringify(c)), t: ms}; }); };"
)


def test_a_day_hands_out_at_most_twenty_new_cards_and_the_same_ones_after_a_reload() -> None:
    first = js("study.session(store(), Date.now()).fresh.map(c => c.id)")
    assert len(first) == js("study.NEW_PER_DAY") == 20
    again = js("study.session(store(), Date.now() + 3600000).fresh.map(c => c.id)")
    assert again == first, "a reload the same day gets the same new cards, not another batch"
    # The student learns them all today; tomorrow brings the next new ones.
    learned = "".join(f"put({json.dumps(c)}, {NOW}, {NOW + 10 * DAY});" for c in first)
    js(f"(() => {{ {PUT} {learned} return true; }})()")
    js(f"setNow({NOW + DAY})")
    tomorrow = js("study.session(store(), Date.now()).fresh.map(c => c.id)")
    assert len(tomorrow) == 25 + 12 - 20 and not set(tomorrow) & set(first)  # all that is left


def test_open_questions_are_no_new_cards_until_scored() -> None:
    fresh = js("study.dueToday(store().read(), Date.now()).fresh.map(c => c.id)")
    assert "vraag:open-case" not in fresh and "vraag:a-0" in fresh


def test_due_cards_come_in_order_of_their_due_time() -> None:
    hour = 3600_000
    js(
        f"(() => {{ {PUT} put('begrip:begrip-03', {NOW - DAY}, {NOW - 5 * hour});"
        f" put('vraag:a-1', {NOW - DAY}, {NOW - hour});"
        f" put('begrip:begrip-07', {NOW - DAY}, {NOW - 3 * hour});"
        " return true; })()"
    )
    due = js("study.dueToday(store().read(), Date.now()).due.map(c => c.id)")
    assert due == ["begrip:begrip-03", "begrip:begrip-07", "vraag:a-1"]
    fresh = js("study.dueToday(store().read(), Date.now()).fresh.map(c => c.id)")
    assert "begrip:begrip-03" not in fresh and len(fresh) == 25 + 12 - 3


# -- an open question's self-score enters the review -----------------------------------------------


@pytest.mark.parametrize(
    ("ticked", "rating_due_now", "days_at_least"),
    [(0, True, 0), (1, True, 0), (2, False, 1), (3, False, 1)],  # none, 2, 4 or all 8 of 8 points
)
def test_the_score_share_gives_the_first_schedule(
    ticked: int, rating_due_now: bool, days_at_least: int
) -> None:
    points = [0, 2, 4, 8][ticked]  # of 8: below half, below half, half, all
    q = "data.questions.find(q => q.id === 'open-case')"
    keys = js(f"{q}.rubric.map(r => r.k)")
    chosen = {0: [], 1: keys[:1], 2: keys[2:3], 3: keys}[ticked]
    assert js(f"study.pointsOf({q}, {json.dumps(chosen)})") == points
    due = js(
        f"(() => {{ const s = {{reviews: Object.create(null),"
        f" scores: {{'open-case': {{k: {json.dumps(chosen)}, h: {q}.hash, t: {NOW}}}}}}};"
        f"study.seedReview(s, {q}, {NOW}); return Date.parse(s.reviews['vraag:open-case'].c.due); }})()"
    )
    if rating_due_now:
        assert due == NOW, "below half a point share: Opnieuw, due at once"
    else:
        assert due >= NOW + days_at_least * DAY


def test_unticking_recomputes_the_schedule_from_the_score() -> None:
    q = "data.questions.find(q => q.id === 'open-case')"
    keys = js(f"{q}.rubric.map(r => r.k)")
    body = (
        f"const s = {{reviews: Object.create(null), scores: {{'open-case': {{k: {json.dumps(keys)},"
        f" h: {q}.hash, t: {NOW}}}}}}};"
        f"study.seedReview(s, {q}, {NOW}); const all = Date.parse(s.reviews['vraag:open-case'].c.due);"
        f"s.scores['open-case'].k = []; study.seedReview(s, {q}, {NOW});"
        "return [all, Date.parse(s.reviews['vraag:open-case'].c.due)];"
    )
    full, none = js(f"(() => {{ {body} }})()")
    assert full > NOW and none == NOW
