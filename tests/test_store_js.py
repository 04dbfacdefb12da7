"""What a student's browser keeps (overrides/assets/javascripts/store.js, its only implementation), run
in Node: validation on read, entry by entry; bounded times; ids as plain data; scores and the
day's introduced cards; the merge of an import; the export; checked writes; one key space per
site root; storage versions and the migration path.

One Node process for the module (tests/js/store_driver.cjs) loads store.js in a fake page: a
Map-backed localStorage that can refuse as a browser does, the page's <meta name="ss-store">,
and a clock the test sets. `js(expr)` evaluates a JavaScript expression there and returns its
value through JSON. The browser tests (tests/browser/test_storage.py) walk the same store in
Chromium.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.node_process import NodeProcess, node_process

HERE = Path(__file__).resolve().parent
JS_FILE = HERE.parent / "overrides" / "assets" / "javascripts" / "store.js"
DRIVER = HERE / "js" / "store_driver.cjs"

NAMESPACE = "sales-studiesite"  # the page's <meta name="ss-store">; the key space starts with it
PAGE = "https://example.test/sales/h1/nps.html"
ROOT = "https://example.test/sales/"
KEY = f"{NAMESPACE}:v1:{ROOT}"
OLD_KEY = f"{NAMESPACE}:v0:{ROOT}"  # a version before 1, made up here to try the migration path
NEWER_KEY = f"{NAMESPACE}:v2:{ROOT}"

HOUR = 60 * 60 * 1000
DAY = 24 * HOUR
START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)  # 10:00 in Amsterdam
NOW = int(START.timestamp() * 1000)
END = int(dt.datetime(2100, 1, 1, tzinfo=dt.UTC).timestamp() * 1000)
MAX_DAYS = 100 * 365
# The student's day is local: Amsterdam's midnight of 1 December is 23:00 UTC on 30 November.
TZ = "Europe/Amsterdam"
MIDNIGHT = int(dt.datetime(2026, 11, 30, 23, 0, tzinfo=dt.UTC).timestamp() * 1000)

OPTION = "0123abcd"
ANSWER = {"o": OPTION, "t": NOW - DAY}
CARD = {
    "due": "2026-12-03T09:00:00.000Z",
    "stability": 2.3,
    "difficulty": 5.1,
    "elapsed_days": 0,
    "scheduled_days": 2,
    "reps": 1,
    "lapses": 0,
    "state": 2,
    "learning_steps": 0,
    "last_review": "2026-12-01T08:00:00.000Z",
}
REVIEW = {"h": "deadbeef", "c": CARD, "t": NOW - HOUR}
SCORE = {"k": ["0000000a", "0000000b"], "h": "abcdef12", "t": NOW - HOUR}
EMPTY = {"answers": {}, "reviews": {}, "introduced": {}, "scores": {}}


_NODE: list[NodeProcess] = []


@pytest.fixture(scope="module", autouse=True)
def _node() -> Iterator[None]:
    args = [str(DRIVER), str(JS_FILE), NAMESPACE, PAGE, str(NOW)]
    with node_process(args, "the browser store", {"TZ": TZ}) as node:
        _NODE.append(node)
        yield
        _NODE.remove(node)


@pytest.fixture(autouse=True)
def _fresh_browser() -> None:
    """Every test starts with empty storage that keeps, no migrations and the clock at NOW."""
    assert js("reset()") is True


def run_node(exprs: list[str]) -> list[dict[str, Any]]:
    (node,) = _NODE
    return node.run(exprs)


def js(expr: str) -> Any:
    (out,) = run_node([expr])
    assert "thrown" not in out, f"{expr}\nthrew {out['thrown']}"
    return out["value"]


def run(body: str) -> Any:
    """Statements, in a function: `return` gives the value."""
    return js(f"(() => {{ {body} }})()")


def put(key: str, value: object) -> None:
    """Keep a value (a string as it is, anything else as JSON) as a browser would hold it."""
    assert js(f"put({json.dumps(key)}, {json.dumps(value)})") is True


def raw(key: str) -> str | None:
    value: str | None = js(f"storage.getItem({json.dumps(key)})")
    return value


def kept(key: str = KEY) -> Any:
    return js(f"kept({json.dumps(key)})")


def read(root: str = "../") -> dict[str, Any]:
    state: dict[str, Any] = js(f"api.open({json.dumps(root)}).read()")
    return state


def state_of(**parts: object) -> dict[str, object]:
    return {"version": 1, **parts}


def clean(source: str) -> dict[str, Any]:
    """clean() of a JavaScript value (source text: NaN, Infinity and undefined are allowed)."""
    state: dict[str, Any] = js(f"api.clean({source})")
    return state


def iso(ms: int) -> str:
    return (
        dt.datetime.fromtimestamp(ms / 1000, dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    )


# -- the key space -------------------------------------------------------------------------------


def test_the_key_is_the_namespace_the_version_and_the_site_root() -> None:
    assert js("keyOf('../')") == KEY
    assert js("keyOf('./')") == f"{NAMESPACE}:v1:https://example.test/sales/h1/"
    assert js("keyOf()") == js("keyOf('./')")


def test_the_key_ignores_a_query_and_a_hash() -> None:
    assert js("keyOf('../?vraag=x#antwoord')") == KEY
    key = run(
        "window.location.href = 'https://example.test/sales/h1/nps.html?vraag=x#antwoord';"
        "try { return [keyOf('../'), keyOf('')]; }"
        f"finally {{ window.location.href = {json.dumps(PAGE)}; }}"
    )
    assert key == [KEY, f"{NAMESPACE}:v1:https://example.test/sales/h1/"]


def test_an_update_writes_under_the_key_and_nothing_else() -> None:
    assert js(f"api.open('../').update(s => {{ s.answers.nps = {json.dumps(ANSWER)}; }})") is True
    assert js("Array.from(storage.items.keys())") == [KEY]
    assert kept() == state_of(answers={"nps": ANSWER}, reviews={})


def test_two_roots_do_not_share_state() -> None:
    other = "../../ander/"  # an unzipped second copy, or another site, on the same origin
    assert js(f"keyOf({json.dumps(other)})") == f"{NAMESPACE}:v1:https://example.test/ander/"
    assert js(f"api.open('../').update(s => {{ s.answers.nps = {json.dumps(ANSWER)}; }})") is True
    assert read(other) == EMPTY
    mine = {"o": "ffffffff", "t": NOW}
    assert js(f"api.open({json.dumps(other)}).update(s => {{ s.answers.nps = {json.dumps(mine)}; }})") is True
    assert read()["answers"] == {"nps": ANSWER}
    assert read(other)["answers"] == {"nps": mine}
    assert js(f"api.open({json.dumps(other)}).reset()") is True
    assert read()["answers"] == {"nps": ANSWER}
    assert raw(f"{NAMESPACE}:v1:https://example.test/ander/") is None


# -- reading: the whole value ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "{not json",
        "null",
        "[]",
        "5",
        '"text"',
        json.dumps({"answers": {"nps": ANSWER}}),  # no version
        json.dumps({"version": "1", "answers": {"nps": ANSWER}}),
        json.dumps({"version": 1.5, "answers": {"nps": ANSWER}}),
    ],
)
def test_a_value_of_another_shape_reads_as_empty(value: str) -> None:
    put(KEY, value)
    assert read() == EMPTY
    assert raw(KEY) == value, "reading never writes"


def test_storage_that_cannot_be_read_reads_as_empty() -> None:
    put(KEY, state_of(answers={"nps": ANSWER}))
    js("storage.refuse = 'unreadable'")
    assert read() == EMPTY


def test_a_part_of_another_shape_is_empty_and_the_rest_is_kept() -> None:
    put(KEY, state_of(answers=[ANSWER], reviews="x", scores={"v1": SCORE}, introduced=5))
    assert read() == {**EMPTY, "scores": {"v1": SCORE}}


def test_a_value_written_before_scores_and_introduced_existed_reads_as_none() -> None:
    put(KEY, state_of(answers={"nps": ANSWER}, reviews={"begrip:nps": REVIEW}))
    assert read() == {**EMPTY, "answers": {"nps": ANSWER}, "reviews": {"begrip:nps": REVIEW}}


# -- reading: entry by entry -------------------------------------------------------------------------

T = f"{NOW - DAY}"
BAD_ANSWERS = [
    "null",
    "[]",
    f"'{OPTION}'",
    f"{{t: {T}}}",
    f"{{o: '0123ABCD', t: {T}}}",
    f"{{o: '0123abc', t: {T}}}",
    f"{{o: '0123abcde', t: {T}}}",
    f"{{o: 19088743, t: {T}}}",
    f"{{o: '{OPTION}'}}",
    f"{{o: '{OPTION}', t: '{T}'}}",
    f"{{o: '{OPTION}', t: NaN}}",
    f"{{o: '{OPTION}', t: Infinity}}",
    f"{{o: '{OPTION}', t: -1}}",
    f"{{o: '{OPTION}', t: {END}}}",
    f"{{o: '{OPTION}', t: 1e300}}",
    f"{{o: '{OPTION}', t: null}}",
]


@pytest.mark.parametrize("bad", BAD_ANSWERS)
def test_a_bad_answer_is_dropped_and_the_others_kept(bad: str) -> None:
    state = clean(
        f"{{version: 1, answers: {{goed: {json.dumps(ANSWER)}, fout: {bad}, ook: {json.dumps(ANSWER)}}}}}"
    )
    assert state["answers"] == {"goed": ANSWER, "ook": ANSWER}


def test_an_answer_keeps_only_its_fields() -> None:
    state = clean(
        f"{{version: 1, answers: {{nps: {{o: '{OPTION}', t: {NOW - DAY}, extra: 'x', score: 9}}}}}}"
    )
    assert state["answers"] == {"nps": ANSWER}


@pytest.mark.parametrize(
    "change",
    [
        {"h": "DEADBEEF"},
        {"h": "abc1234"},  # shorter than 8
        {"h": "a" * 65},
        {"h": 12345678},
        {"t": -5},
        {"t": END},
        {"t": "1764579600000"},
        {"c": None},
        {"c": [CARD]},
        {"c": {**CARD, "due": "morgen"}},
        {"c": {**CARD, "due": "2100-01-01T00:00:00.000Z"}},
        {"c": {**CARD, "due": "1969-12-31T23:59:59.000Z"}},
        {"c": {**CARD, "due": "2026-12-03T09:00:00.000Z" + " " * 20}},  # 40 characters or more
        {"c": {**CARD, "due": 1764752400000}},
        {"c": {k: v for k, v in CARD.items() if k != "due"}},
        {"c": {**CARD, "stability": -0.1}},
        {"c": {**CARD, "stability": MAX_DAYS + 1}},
        {"c": {**CARD, "stability": "2.3"}},
        {"c": {k: v for k, v in CARD.items() if k != "stability"}},
        {"c": {**CARD, "difficulty": 10.01}},
        {"c": {**CARD, "elapsed_days": MAX_DAYS + 1}},
        {"c": {**CARD, "scheduled_days": -1}},
        {"c": {**CARD, "reps": 1.5}},
        {"c": {**CARD, "reps": 1_000_001}},
        {"c": {**CARD, "lapses": -1}},
        {"c": {**CARD, "lapses": None}},
        {"c": {**CARD, "learning_steps": 2.5}},
        {"c": {**CARD, "learning_steps": 1001}},
        {"c": {**CARD, "state": 4}},
        {"c": {**CARD, "state": 1.5}},
        {"c": {**CARD, "state": "2"}},
        {"c": {**CARD, "last_review": "gisteren"}},
        {"c": {**CARD, "last_review": "2100-01-01T00:00:00.000Z"}},
        {"c": {**CARD, "last_review": 1764576000000}},
    ],
)
def test_a_bad_review_is_dropped_and_the_others_kept(change: dict[str, object]) -> None:
    put(KEY, state_of(reviews={"begrip:a": REVIEW, "begrip:b": {**REVIEW, **change}, "vraag:c": REVIEW}))
    assert read()["reviews"] == {"begrip:a": REVIEW, "vraag:c": REVIEW}


def test_a_review_card_at_its_bounds_is_kept() -> None:
    card = {
        **CARD,
        "stability": MAX_DAYS,
        "difficulty": 10,
        "elapsed_days": MAX_DAYS,
        "scheduled_days": 0,
        "reps": 1_000_000,
        "lapses": 0,
        "learning_steps": 1000,
        "state": 3,
        "due": "2099-12-31T23:59:59.999Z",
    }
    put(KEY, state_of(reviews={"begrip:a": {**REVIEW, "c": card}}))
    assert read()["reviews"] == {"begrip:a": {**REVIEW, "c": card}}


def test_a_review_card_keeps_only_its_fields() -> None:
    loose = {k: v for k, v in CARD.items() if k not in ("learning_steps", "last_review")}
    put(KEY, state_of(reviews={"begrip:a": {**REVIEW, "c": {**loose, "extra": [1], "rating": 3}, "x": 1}}))
    assert read()["reviews"]["begrip:a"] == {**REVIEW, "c": {**loose, "learning_steps": 0}}
    put(KEY, state_of(reviews={"begrip:a": {**REVIEW, "c": {**CARD, "last_review": None}}}))
    assert "last_review" not in read()["reviews"]["begrip:a"]["c"]


@pytest.mark.parametrize(
    "change",
    [
        {"h": "ABCDEF12"},
        {"h": None},
        {"k": "0000000a"},
        {"k": None},
        {"k": ["0000000a", "0000000B"]},
        {"k": ["0000000a", 10]},
        {"k": [f"{n:08x}" for n in range(51)]},
        {"t": None},
        {"t": -1},
        {"t": END + DAY},
    ],
)
def test_a_bad_score_is_dropped_and_the_others_kept(change: dict[str, object]) -> None:
    put(KEY, state_of(scores={"open-a": SCORE, "open-b": {**SCORE, **change}, "open-c": SCORE}))
    assert read()["scores"] == {"open-a": SCORE, "open-c": SCORE}


def test_a_score_keeps_each_ticked_point_once_in_order() -> None:
    ticked = ["0000000c", "0000000a", "0000000c", "0000000b"]
    put(KEY, state_of(scores={"open-a": {**SCORE, "k": ticked, "extra": 1}, "open-b": {**SCORE, "k": []}}))
    assert read()["scores"] == {
        "open-a": {**SCORE, "k": ["0000000a", "0000000b", "0000000c"]},
        "open-b": {**SCORE, "k": []},  # scored, nothing ticked
    }
    fifty = [f"{n:08x}" for n in range(50)]
    put(KEY, state_of(scores={"open-a": {**SCORE, "k": fifty}}))
    assert read()["scores"]["open-a"]["k"] == fifty


def test_introduced_keeps_card_ids_with_a_time() -> None:
    put(
        KEY,
        state_of(
            introduced={
                "begrip:a": NOW - HOUR,
                "vraag:b": NOW - 3 * DAY,  # read as kept; only a write drops other days
                "c": NOW,  # a question id, no card id
                "begrip:d": "10",
                "begrip:e": None,
                "begrip:f": {"t": NOW},
                "begrip:g": -1,
                "begrip:h": END,
            }
        ),
    )
    assert read()["introduced"] == {"begrip:a": NOW - HOUR, "vraag:b": NOW - 3 * DAY}


# -- reading: ids --------------------------------------------------------------------------------

PLAIN_IDS = [
    "constructor",
    "hasownproperty",
    "valueof",
    "tostring",
    "isprototypeof",
    "prototype",
    "proto",
    "begrip:constructor",
    "vraag:hasownproperty",
    "a" * 120,
]
CARD_IDS = [i for i in PLAIN_IDS if ":" not in i and len(i) < 100]
NOT_IDS = [
    "__proto__",
    "toString",
    "Nps",
    "a b",
    "a--b",
    "-a",
    "a-",
    "begrip:",
    "les:a",
    "",
    "a" * 121,
    "a_b",
]


def test_ids_like_constructor_are_ids_like_any_other() -> None:
    value = state_of(
        answers={i: ANSWER for i in PLAIN_IDS},
        reviews={i: REVIEW for i in PLAIN_IDS},
        scores={i: SCORE for i in PLAIN_IDS},
        introduced={f"begrip:{i}": NOW for i in CARD_IDS},
    )
    put(KEY, value)
    state = read()
    assert state["answers"] == {i: ANSWER for i in PLAIN_IDS}
    assert state["reviews"] == {i: REVIEW for i in PLAIN_IDS}
    assert state["scores"] == {i: SCORE for i in PLAIN_IDS}
    assert state["introduced"] == {f"begrip:{i}": NOW for i in CARD_IDS}


def test_the_maps_read_have_no_prototype() -> None:
    put(KEY, state_of(answers={"nps": ANSWER}))
    assert js("prototypes(api.open('../').read())") == {part: True for part in EMPTY}
    assert js("prototypes(api.clean(null))") == {part: True for part in EMPTY}
    # an id that is no entry is no entry, whatever Object.prototype has
    assert run("const s = api.open('../').read(); return [s.answers.constructor, s.answers.tostring];") == [
        None,
        None,
    ]
    assert run(
        "const s = api.open('../').read();"
        "return [api.has(s.answers, 'nps'), api.has(s.answers, 'constructor')];"
    ) == [
        True,
        False,
    ]


@pytest.mark.parametrize("bad", NOT_IDS)
def test_an_id_of_another_shape_is_dropped(bad: str) -> None:
    put(
        KEY,
        state_of(
            answers={bad: ANSWER, "nps": ANSWER},
            reviews={bad: REVIEW, "begrip:nps": REVIEW},
            scores={bad: SCORE, "open": SCORE},
            introduced={bad: NOW, "begrip:nps": NOW},
        ),
    )
    assert read() == {
        "answers": {"nps": ANSWER},
        "reviews": {"begrip:nps": REVIEW},
        "scores": {"open": SCORE},
        "introduced": {"begrip:nps": NOW},
    }


def test_no_prototype_pollution_from_a_kept_value_or_a_file() -> None:
    poison = {"polluted": 1, "o": OPTION, "t": NOW, "h": "deadbeef", "c": CARD, "k": []}
    text = (
        '{"version": 1, "__proto__": {"polluted": 1},'
        f' "answers": {{"__proto__": {json.dumps(poison)}, "constructor": {json.dumps(poison)}}},'
        f' "reviews": {{"__proto__": {json.dumps(poison)}, "prototype": {json.dumps(poison)}}},'
        f' "scores": {{"__proto__": {json.dumps(poison)}}},'
        f' "introduced": {{"__proto__": {json.dumps(poison)}, "begrip:a": {{"__proto__": 1}}}}}}'
    )
    put(KEY, text)
    state = read()
    assert state["answers"] == {"constructor": {"o": OPTION, "t": NOW}}
    assert state["reviews"] == {"prototype": {"h": "deadbeef", "c": CARD, "t": NOW}}
    assert state["scores"] == {} and state["introduced"] == {}
    assert js("polluted()") == []
    file = text.replace('"version": 1', f'"app": "{NAMESPACE}", "version": 1')
    result = js(f"api.open('../').importText({json.dumps(file)})")
    assert result["ok"] is True and result["invalid"] == 3
    assert js("polluted()") == []
    assert js("prototypes(api.open('../').read())") == {part: True for part in EMPTY}


# -- times ---------------------------------------------------------------------------------------


def test_is_time_bounds() -> None:
    cases = {
        "0": True,
        "1": True,
        f"{END - 1}": True,
        f"{END}": False,
        "-1": False,
        "NaN": False,
        "Infinity": False,
        "'5'": False,
        "null": False,
        "new Date(5)": False,
    }
    assert js(f"[{', '.join(f'api.isTime({c})' for c in cases)}]") == list(cases.values())


def test_a_time_ahead_of_the_clock_is_clamped_to_now_on_read() -> None:
    ahead = {"o": OPTION, "t": NOW + DAY + 1}
    put(
        KEY,
        state_of(
            answers={"skew": {"o": OPTION, "t": NOW + DAY}, "ahead": ahead},
            reviews={"begrip:a": {**REVIEW, "t": NOW + 30 * DAY}},
            scores={"open": {**SCORE, "t": END - 1}},
            introduced={"begrip:a": NOW + 2 * DAY},
        ),
    )
    state = read()
    assert state["answers"] == {"skew": {"o": OPTION, "t": NOW + DAY}, "ahead": {"o": OPTION, "t": NOW}}
    assert state["reviews"]["begrip:a"]["t"] == NOW
    assert state["scores"]["open"]["t"] == NOW
    assert state["introduced"] == {"begrip:a": NOW}


def test_a_last_review_ahead_of_the_clock_is_clamped_to_now() -> None:
    card = {**CARD, "last_review": iso(NOW + 3 * DAY)}
    put(KEY, state_of(reviews={"begrip:a": {**REVIEW, "c": card}}))
    assert read()["reviews"]["begrip:a"]["c"] == {**CARD, "last_review": iso(NOW)}
    card = {**CARD, "last_review": "2026-12-01T10:00:00+01:00"}  # kept as written when not clamped
    put(KEY, state_of(reviews={"begrip:a": {**REVIEW, "c": card}}))
    assert read()["reviews"]["begrip:a"]["c"] == card


def test_a_clamped_time_is_written_so_at_the_next_write() -> None:
    put(KEY, state_of(answers={"ahead": {"o": OPTION, "t": NOW + 10 * DAY}}))
    assert kept()["answers"]["ahead"]["t"] == NOW + 10 * DAY, "reading alone writes nothing"
    assert js("api.open('../').update(() => {})") is True
    assert kept()["answers"]["ahead"] == {"o": OPTION, "t": NOW}
    js(f"setNow({NOW + 20 * DAY})")
    assert read()["answers"]["ahead"]["t"] == NOW, "no longer ahead: it never wins a merge again"


def test_the_clock_moving_on_brings_a_skewed_time_within_bounds() -> None:
    put(KEY, state_of(answers={"ahead": {"o": OPTION, "t": NOW + 2 * DAY}}))
    assert read()["answers"]["ahead"]["t"] == NOW
    js(f"setNow({NOW + DAY})")
    assert read()["answers"]["ahead"]["t"] == NOW + 2 * DAY


# -- writes: scores and introduced -------------------------------------------------------------------


def test_scores_are_kept_through_writes() -> None:
    assert js(f"api.open('../').update(s => {{ s.scores['open-a'] = {json.dumps(SCORE)}; }})") is True
    assert kept() == state_of(answers={}, reviews={}, scores={"open-a": SCORE})
    assert js(f"api.open('../').update(s => {{ s.answers.nps = {json.dumps(ANSWER)}; }})") is True
    assert kept() == state_of(answers={"nps": ANSWER}, reviews={}, scores={"open-a": SCORE})


def test_only_todays_introduced_cards_are_written() -> None:
    """Today is the student's local day (Amsterdam): since 23:00 UTC yesterday."""
    introduced = {
        "begrip:now": NOW,
        "begrip:midnight": MIDNIGHT,
        "begrip:after-local-midnight": MIDNIGHT + 30 * 60 * 1000,  # yesterday in UTC
        "begrip:before-midnight": MIDNIGHT - 1,
        "vraag:yesterday": NOW - DAY,
    }
    assert js(f"api.open('../').update(s => {{ s.introduced = {json.dumps(introduced)}; }})") is True
    assert kept() == state_of(
        answers={},
        reviews={},
        introduced={
            "begrip:now": NOW,
            "begrip:midnight": MIDNIGHT,
            "begrip:after-local-midnight": MIDNIGHT + 30 * 60 * 1000,
        },
    )
    js(f"setNow({MIDNIGHT + DAY})")
    assert js("api.open('../').update(() => {})") is True
    assert raw(KEY) is None, "a new day: nothing left to keep, so no entry"


def test_an_empty_state_removes_the_entry() -> None:
    put(KEY, state_of(answers={"nps": ANSWER}, scores={"open": SCORE}))
    assert js("api.open('../').reset()") is True
    assert raw(KEY) is None
    assert read() == EMPTY


def test_an_update_rereads_what_another_tab_wrote() -> None:
    assert run(
        "const mine = api.open('../'); const other = api.open('../');"
        f"other.update(s => {{ s.answers.a = {json.dumps(ANSWER)}; }});"
        f"return mine.update(s => {{ s.answers.b = {json.dumps(ANSWER)}; }});"
    )
    assert set(kept()["answers"]) == {"a", "b"}


# -- checked writes ------------------------------------------------------------------------------

BEFORE = state_of(answers={"nps": ANSWER}, reviews={"begrip:nps": REVIEW})


@pytest.mark.parametrize(
    ("refuse", "failure"),
    [
        ("'full'", "full"),  # QuotaExceededError
        ("{name: 'QuotaExceededError'}", "full"),  # by its name alone
        ("'denied'", "denied"),  # SecurityError
        ("{name: 'NS_ERROR_DOM_QUOTA_REACHED'}", "full"),  # Firefox before 2020
        ("{name: 'Error', code: 22}", "full"),
        ("{name: 'Error', code: 1014}", "full"),
        ("new TypeError('localStorage is null')", "denied"),
        ("{}", "denied"),
    ],
)
def test_a_refused_write_returns_false_says_why_and_keeps_what_was_kept(refuse: str, failure: str) -> None:
    put(KEY, BEFORE)
    before = raw(KEY)
    js(f"storage.refuse = {refuse}")
    outcome = run(
        "const store = api.open('../');"
        "const ok = store.update(s => { s.answers.nieuw = s.answers.nps; delete s.answers.nps; });"
        "return [ok, store.failure];"
    )
    assert outcome == [False, failure]
    assert raw(KEY) == before


def test_a_refused_reset_keeps_what_was_kept() -> None:
    put(KEY, BEFORE)
    before = raw(KEY)
    js("storage.refuse = 'denied'")
    assert run("const store = api.open('../'); return [store.reset(), store.failure];") == [False, "denied"]
    assert raw(KEY) == before


def test_the_next_write_that_keeps_clears_the_failure() -> None:
    outcome = run(
        "const store = api.open('../'); storage.refuse = 'full';"
        f"const first = [store.update(s => {{ s.answers.nps = {json.dumps(ANSWER)}; }}), store.failure];"
        "storage.refuse = null;"
        f"const second = [store.update(s => {{ s.answers.nps = {json.dumps(ANSWER)}; }}), store.failure];"
        "return [first, second];"
    )
    assert outcome == [[False, "full"], [True, None]]
    assert kept()["answers"] == {"nps": ANSWER}


def test_a_store_that_cannot_read_reports_a_write_as_denied() -> None:
    js("storage.refuse = 'unreadable'")
    assert run("const store = api.open('../'); return [store.update(() => {}), store.failure];") == [
        False,
        "denied",
    ]


@pytest.mark.parametrize(
    ("failure", "text"),
    [
        (
            "full",
            "de opslag van deze browser is vol. Maak ruimte vrij (wis in de instellingen van je browser "
            "de gegevens van andere websites) of gebruik een andere browser.",
        ),
        (
            "denied",
            "deze browser staat niet toe dat de studiesite iets bewaart. Sta in de instellingen van je "
            "browser toe dat websites gegevens bewaren (in een privévenster kan dat vaak niet), of gebruik "
            "een andere browser.",
        ),
    ],
)
def test_the_problem_says_what_happened_and_what_to_do(failure: str, text: str) -> None:
    js(f"storage.refuse = {json.dumps(failure)}")
    assert (
        run(
            "const s = api.open('../');"
            f"s.update(x => {{ x.answers.nps = {json.dumps(ANSWER)}; }}); return s.problem();"
        )
        == text
    )


# -- export --------------------------------------------------------------------------------------


def test_the_export_file() -> None:
    put(
        KEY,
        state_of(
            answers={"nps": ANSWER},
            reviews={"begrip:nps": REVIEW},
            scores={"open": SCORE},
            introduced={"begrip:nps": NOW},
        ),
    )
    text = js(f"api.open('../').exportText({NOW})")
    data = json.loads(text)
    assert data == {
        "app": NAMESPACE,
        "version": 1,
        "exported": "2026-12-01T09:00:00.000Z",
        "answers": {"nps": ANSWER},
        "reviews": {"begrip:nps": REVIEW},
        "scores": {"open": SCORE},
    }, "the day's introduced cards stay in this browser"
    assert text == json.dumps(data, indent=1, ensure_ascii=False)
    assert js("storage.writes") == 0, "an export writes nothing"


def test_the_export_holds_what_a_read_holds() -> None:
    put(KEY, state_of(answers={"nps": ANSWER, "Fout": ANSWER, "ahead": {"o": OPTION, "t": NOW + 5 * DAY}}))
    data = json.loads(js(f"api.open('../').exportText({NOW})"))
    assert data["answers"] == {"nps": ANSWER, "ahead": {"o": OPTION, "t": NOW}}
    assert json.loads(js(f"api.open('../').exportText({NOW})")) == data
    empty = json.loads(js(f"api.open('../../ander/').exportText({NOW})"))
    assert (empty["answers"], empty["reviews"], empty["scores"]) == ({}, {}, {})


def test_an_export_imports_into_another_copy_unchanged() -> None:
    put(KEY, state_of(answers={"nps": ANSWER}, reviews={"begrip:nps": REVIEW}, scores={"open": SCORE}))
    text = js(f"api.open('../').exportText({NOW})")
    result = js(f"api.open('../../ander/').importText({json.dumps(text)})")
    assert (result["ok"], result["answers"], result["reviews"]) == (True, 2, 1)
    assert read("../../ander/") == {**read(), "introduced": {}}


# -- import: the merge ---------------------------------------------------------------------------


def import_text(data: object, known: str | None = None) -> dict[str, Any]:
    text = data if isinstance(data, str) else json.dumps(data)
    result: dict[str, Any] = js(
        f"api.open('../').importText({json.dumps(text)}{', ' + known if known else ''})"
    )
    return result


def export_of(**parts: object) -> dict[str, object]:
    return {"app": NAMESPACE, "version": 1, "exported": iso(NOW), **parts}


def answer(option: str, t: int) -> dict[str, object]:
    return {"o": option, "t": t}


def test_the_newer_entry_wins_per_entry() -> None:
    put(
        KEY,
        state_of(
            answers={
                "a": answer("aaaaaaaa", NOW - 2 * HOUR),
                "b": answer("aaaaaaaa", NOW - HOUR),
                "c": answer("aaaaaaaa", NOW - HOUR),
                "mine": ANSWER,
            },
            reviews={"begrip:a": {**REVIEW, "t": NOW - 2 * HOUR}, "begrip:b": REVIEW},
            scores={"open-a": {**SCORE, "t": NOW - 2 * HOUR}, "open-b": SCORE},
        ),
    )
    newer_review = {**REVIEW, "h": "feedface", "t": NOW - HOUR}
    result = import_text(
        export_of(
            answers={
                "a": answer("bbbbbbbb", NOW - HOUR),  # newer: taken
                "b": answer("bbbbbbbb", NOW - 2 * HOUR),  # older: mine stays
                "c": answer("bbbbbbbb", NOW - HOUR),  # as new: mine stays
                "new": answer("bbbbbbbb", NOW - DAY),
            },
            reviews={"begrip:a": newer_review, "begrip:b": {**newer_review, "t": NOW - 2 * HOUR}},
            scores={
                "open-a": {**SCORE, "k": [], "t": NOW - HOUR},
                "open-b": {**SCORE, "k": [], "t": NOW - 2 * HOUR},
            },
        )
    )
    assert {k: result[k] for k in ("ok", "answers", "reviews", "older", "invalid", "future", "unknown")} == {
        "ok": True,
        "answers": 3,  # a, new and the scored open-a
        "reviews": 1,
        "older": 4,
        "invalid": 0,
        "future": 0,
        "unknown": 0,
    }
    assert result["message"] == (
        "Geïmporteerd: 3 antwoorden en 1 herhaling. Overgeslagen: 4 die hier al even nieuw of nieuwer waren."
    )
    state = read()
    assert state["answers"] == {
        "a": answer("bbbbbbbb", NOW - HOUR),
        "b": answer("aaaaaaaa", NOW - HOUR),
        "c": answer("aaaaaaaa", NOW - HOUR),
        "mine": ANSWER,
        "new": answer("bbbbbbbb", NOW - DAY),
    }
    assert state["reviews"] == {"begrip:a": newer_review, "begrip:b": REVIEW}
    assert state["scores"] == {"open-a": {**SCORE, "k": [], "t": NOW - HOUR}, "open-b": SCORE}


def test_an_import_keeps_this_browsers_introduced_cards_and_takes_none() -> None:
    put(KEY, state_of(answers={}, reviews={}, introduced={"begrip:a": NOW}))
    result = import_text(export_of(answers={"nps": ANSWER}, introduced={"begrip:b": NOW}))
    assert result["ok"] is True
    assert read()["introduced"] == {"begrip:a": NOW}


def test_future_times_in_an_import_are_skipped_and_reported() -> None:
    result = import_text(
        export_of(
            answers={"skew": answer(OPTION, NOW + DAY), "ahead": answer(OPTION, NOW + DAY + 1)},
            reviews={
                "begrip:a": {**REVIEW, "t": NOW + 2 * DAY},
                "begrip:b": {**REVIEW, "c": {**CARD, "last_review": iso(NOW + 2 * DAY)}},
                "begrip:c": REVIEW,
            },
            scores={"open": {**SCORE, "t": NOW + 3 * DAY}},
        )
    )
    assert (result["ok"], result["answers"], result["reviews"], result["future"]) == (True, 1, 1, 4)
    assert result["message"] == (
        "Geïmporteerd: 1 antwoord en 1 herhaling. Overgeslagen: 4 met een datum in de toekomst."
    )
    state = read()
    assert state["answers"] == {"skew": answer(OPTION, NOW + DAY)}, "within a day of skew: taken as it is"
    assert list(state["reviews"]) == ["begrip:c"] and state["scores"] == {}


def test_invalid_entries_in_an_import_are_skipped_and_reported() -> None:
    result = import_text(
        export_of(
            answers={"nps": ANSWER, "Fout": ANSWER, "a": answer("x", NOW), "b": answer(OPTION, -1)},
            reviews={"begrip:a": {**REVIEW, "c": {**CARD, "state": 9}}},
            scores={"open": {**SCORE, "k": "0000000a"}},
        )
    )
    assert (result["ok"], result["answers"], result["invalid"]) == (True, 1, 5)
    assert (
        result["message"]
        == "Geïmporteerd: 1 antwoord en 0 herhalingen. Overgeslagen: 5 met een ongeldige waarde."
    )


def test_entries_this_site_does_not_know_are_skipped_and_reported() -> None:
    known = "(part, id, entry) => part !== 'answers' || (id === 'nps' && entry.o === '0123abcd')"
    result = import_text(
        export_of(
            answers={"nps": ANSWER, "weg": ANSWER, "a": answer("ffffffff", NOW)}, reviews={"begrip:a": REVIEW}
        ),
        known,
    )
    assert (result["ok"], result["answers"], result["reviews"], result["unknown"]) == (True, 1, 1, 2)
    assert result["message"] == (
        "Geïmporteerd: 1 antwoord en 1 herhaling. Overgeslagen: 2 voor vragen of begrippen die deze site "
        "niet kent (of een antwoord dat niet meer bestaat)."
    )
    assert read()["answers"] == {"nps": ANSWER}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{niet json", "Dit bestand is geen voortgangsbestand van deze studiesite (geen geldige JSON)."),
        ("[]", "Dit bestand is geen voortgangsbestand van deze studiesite."),
        (
            json.dumps({"version": 1, "answers": {"nps": ANSWER}}),
            "Dit bestand is geen voortgangsbestand van deze studiesite.",
        ),
        (
            json.dumps({"app": "ander-project", "version": 1, "answers": {"nps": ANSWER}}),
            "Dit bestand is geen voortgangsbestand van deze studiesite.",
        ),
        (
            json.dumps({"app": NAMESPACE, "version": 2, "answers": {"nps": ANSWER}}),
            "Dit voortgangsbestand heeft een versie die deze studiesite niet kent.",
        ),
        (
            json.dumps({"app": NAMESPACE, "answers": {"nps": ANSWER}}),
            "Dit voortgangsbestand heeft een versie die deze studiesite niet kent.",
        ),
        (
            json.dumps(export_of(answers={"Fout": ANSWER, "a": answer(OPTION, NOW + 2 * DAY)})),
            "Dit voortgangsbestand bevat geen bruikbare antwoorden of herhalingen. Overgeslagen: 1 met een "
            "ongeldige waarde, 1 met een datum in de toekomst.",
        ),
        (json.dumps(export_of()), "Dit voortgangsbestand bevat geen bruikbare antwoorden of herhalingen."),
    ],
)
def test_a_file_that_cannot_be_imported_changes_nothing(text: str, message: str) -> None:
    put(KEY, BEFORE)
    before = raw(KEY)
    writes = js("storage.writes")
    assert import_text(text) == {"ok": False, "message": message}
    assert raw(KEY) == before
    assert js("storage.writes") == writes


@pytest.mark.parametrize(
    ("refuse", "start"),
    [
        ("full", "de opslag van deze browser is vol; er is niets geïmporteerd. Maak ruimte vrij"),
        (
            "denied",
            "deze browser staat niet toe dat de studiesite iets bewaart; er is niets geïmporteerd. Sta in",
        ),
    ],
)
def test_an_import_the_browser_will_not_keep_names_the_cause(refuse: str, start: str) -> None:
    put(KEY, BEFORE)
    before = raw(KEY)
    js(f"storage.refuse = {json.dumps(refuse)}")
    result = import_text(export_of(answers={"nieuw": ANSWER}))
    assert result["ok"] is False
    assert result["message"].startswith(start)
    assert raw(KEY) == before


# -- storage versions ----------------------------------------------------------------------------


def test_an_entry_of_another_version_under_this_key_reads_as_empty_and_is_replaced() -> None:
    """Only version 1 writes this key; a value with another number is not trusted."""
    put(KEY, {"version": 2, "answers": {"nps": ANSWER}, "reviews": {}})
    assert read() == EMPTY
    assert js(f"api.open('../').update(s => {{ s.answers.b = {json.dumps(ANSWER)}; }})") is True
    assert kept() == state_of(answers={"b": ANSWER}, reviews={})


def test_a_newer_versions_entry_is_neither_read_nor_touched() -> None:
    newer = json.dumps({"version": 2, "answers": {"nps": ANSWER}, "new": True})
    put(NEWER_KEY, newer)
    assert read() == EMPTY
    assert js(f"api.open('../').update(s => {{ s.answers.b = {json.dumps(ANSWER)}; }})") is True
    assert js("api.open('../').reset()") is True
    assert raw(NEWER_KEY) == newer


def test_without_a_migration_an_older_versions_entry_is_left_alone() -> None:
    """Version 1 is the first: the table is empty and nothing older is read."""
    assert js("Object.keys(api.migrations)") == []
    old = json.dumps({"version": 0, "answers": {"nps": ANSWER}})
    put(OLD_KEY, old)
    assert read() == EMPTY
    assert raw(KEY) is None
    assert raw(OLD_KEY) == old


def test_the_page_never_sees_the_migration_table() -> None:
    assert js("Object.keys(window.StudyStore)") == ["open", "clean", "isTime", "has"]
    assert js("Object.keys(api).filter(k => !(k in window.StudyStore))") == ["migrations"]


# A version 0 that kept answers under another name, as a migration to version 1 would meet it.
MIGRATE_0 = """api.migrations[0] = (value) => {
  migrations.push(value);
  return { version: 1, answers: value.antwoorden, reviews: value.herhalingen };
};"""


def register_migration() -> None:
    run(f"globalThis.migrations = []; {MIGRATE_0} return true;")


def test_an_older_versions_entry_is_migrated_written_and_left_in_place() -> None:
    register_migration()
    old = json.dumps({"version": 0, "antwoorden": {"nps": ANSWER}, "herhalingen": {"begrip:nps": REVIEW}})
    put(OLD_KEY, old)
    assert read() == {**EMPTY, "answers": {"nps": ANSWER}, "reviews": {"begrip:nps": REVIEW}}
    assert kept() == state_of(answers={"nps": ANSWER}, reviews={"begrip:nps": REVIEW})
    assert raw(OLD_KEY) == old
    assert js("migrations.length") == 1
    # from now on the current entry is read; the old one is not migrated again
    assert js(f"api.open('../').update(s => {{ s.answers.b = {json.dumps(ANSWER)}; }})") is True
    assert read()["answers"] == {"nps": ANSWER, "b": ANSWER}
    assert js("migrations.length") == 1
    assert raw(OLD_KEY) == old


def test_a_migrated_value_is_validated_like_any_other() -> None:
    register_migration()
    put(
        OLD_KEY,
        {
            "version": 0,
            "antwoorden": {
                "nps": ANSWER,
                "Fout": ANSWER,
                "a": answer("x", NOW),
                "ahead": answer(OPTION, NOW + 9 * DAY),
            },
            "herhalingen": {"begrip:a": {**REVIEW, "c": {**CARD, "reps": -1}}},
        },
    )
    assert read() == {**EMPTY, "answers": {"nps": ANSWER, "ahead": answer(OPTION, NOW)}}
    assert kept() == state_of(answers={"nps": ANSWER, "ahead": answer(OPTION, NOW)}, reviews={})
    assert js("prototypes(api.open('../').read())") == {part: True for part in EMPTY}


def test_an_existing_current_entry_wins_over_an_older_version() -> None:
    register_migration()
    put(OLD_KEY, {"version": 0, "antwoorden": {"old": ANSWER}})
    put(KEY, state_of(answers={"nps": ANSWER}))
    assert read()["answers"] == {"nps": ANSWER}
    assert js("migrations.length") == 0


@pytest.mark.parametrize(
    ("old", "migration"),
    [
        ("{kapot", MIGRATE_0),
        (
            json.dumps({"version": 0, "antwoorden": {"nps": ANSWER}}),
            "api.migrations[0] = () => { throw new Error('x'); };",
        ),
        (
            json.dumps({"version": 0, "antwoorden": {"nps": ANSWER}}),
            "api.migrations[0] = () => ({version: 0});",
        ),
    ],
)
def test_a_failed_migration_reads_as_empty_and_writes_nothing(old: str, migration: str) -> None:
    run(f"globalThis.migrations = []; {migration} return true;")
    put(OLD_KEY, old)
    assert read() == EMPTY
    assert raw(KEY) is None
    assert raw(OLD_KEY) == old


def test_a_migration_the_browser_will_not_keep_still_serves_the_page() -> None:
    register_migration()
    old = json.dumps({"version": 0, "antwoorden": {"nps": ANSWER}})
    put(OLD_KEY, old)
    js("storage.refuse = 'full'")
    outcome = run("const store = api.open('../'); return [store.read(), store.failure];")
    assert outcome == [{**EMPTY, "answers": {"nps": ANSWER}}, "full"]
    assert raw(KEY) is None
    assert raw(OLD_KEY) == old
    js("storage.refuse = null")
    assert read()["answers"] == {"nps": ANSWER}
    assert kept() == state_of(answers={"nps": ANSWER}, reviews={})


def test_a_migration_reads_the_older_entry_of_its_own_root_only() -> None:
    register_migration()
    put(f"{NAMESPACE}:v0:https://example.test/ander/", {"version": 0, "antwoorden": {"nps": ANSWER}})
    assert read() == EMPTY
    assert read("../../ander/")["answers"] == {"nps": ANSWER}


# -- the file itself ---------------------------------------------------------------------------


def test_no_syntax_beyond_es2017_in_a_classic_script() -> None:
    source = JS_FILE.read_text(encoding="utf-8")
    for newer in ("?.", "??", "..."):
        assert newer not in source, f"store.js: {newer!r} is newer than ES2017"
    # parsed as a classic script, as a page loads it: import and export do not parse there
    parse = (
        "const f = process.argv[1];"
        "new (require('vm').Script)(require('fs').readFileSync(f, 'utf8'), {filename: f});"
    )
    proc = subprocess.run(["node", "-e", parse, str(JS_FILE)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
