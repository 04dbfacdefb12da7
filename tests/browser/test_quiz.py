"""The quiz in a real browser: feedback, score, answers kept by stable question id.
(The exercises' browser tests are in tests/browser/test_exercises.py.)

`site_url(path)` (tests/browser/conftest.py) gives the URL of a built page; `root` is the
site root over http or from the unpacked zip on file://.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from ..conftest import Built
from ..test_bad_input import copy_project, edit, run_build
from .conftest import QuietHandler, Traffic, choose, quiz_ready

pytestmark = pytest.mark.browser

NPS_PAGE = "h1/nps.html"
PREFIX = "sales-studiesite:v1:"


def norm(text: str) -> str:
    """Visible text with non-breaking spaces as spaces and whitespace collapsed."""
    return " ".join(text.replace("\u00a0", " ").split())


def option(item: Locator, right: bool = True) -> Locator:
    """The radio of the right option (by its key, wherever the shuffle put it), or of a wrong one,
    once quiz.js has set the quiz up."""
    quiz_ready(item.page)
    key = item.get_attribute("data-correct")
    selector = f'input[type="radio"][value="{key}"]' if right else f'input[type="radio"]:not([value="{key}"])'
    return item.locator(selector).first


def answer(item: Locator, right: bool = True) -> None:
    """Choose the right (or a wrong) option and check it with the question's button: a choice
    alone grades nothing (tests/browser/test_keyboard.py)."""
    choose(option(item, right))
    item.locator(".ss-quiz__check").dispatch_event("click")


# The options of every multiple-choice question in the order of the page's source (the data's).
SOURCE_ORDER = """async () => {
    const html = await (await fetch(location.href)).text();
    const doc = new DOMParser().parseFromString(html, "text/html");
    return [...doc.querySelectorAll(".ss-quiz__item--mc")].map(
        item => [...item.querySelectorAll("input[type=radio]")].map(r => r.value));
}"""


def stored(page: Page) -> dict[str, object]:
    """All stored quiz state of this site copy (the one key that starts with the prefix)."""
    data = page.evaluate(
        """prefix => Object.keys(localStorage).filter(k => k.startsWith(prefix))
                     .map(k => [k, localStorage.getItem(k)])""",
        PREFIX,
    )
    assert len(data) <= 1, data
    return {k: json.loads(v) for k, v in data}


def test_quiz_feedback_score_reload_and_reset(page: Page, root: str) -> None:
    page.goto(root + NPS_PAGE)
    quiz = page.locator(".ss-quiz").first
    items = quiz.locator(".ss-quiz__item--mc")
    total = items.count()
    assert total >= 2, "the NPS page needs at least two multiple-choice questions for this test"
    controls = quiz.locator(".ss-quiz__controls")
    score = quiz.locator(".ss-quiz__score")
    expect(controls).to_be_hidden()
    first, second = items.nth(0), items.nth(1)

    # A right answer: "Goed!" in words, not only in colour.
    answer(first)
    feedback = first.locator(".ss-quiz__feedback")
    expect(feedback).to_have_text(re.compile(r"^Goed!"))
    expect(feedback).to_have_class(re.compile(r"\bss-quiz__feedback--ok\b"))
    expect(controls).to_be_visible()
    expect(score).to_have_text(f"Score: 1 van {total} meerkeuzevragen goed (1 beantwoord)")

    # A wrong answer names the right one.
    answer(second, right=False)
    right_text = norm(option(second).locator("xpath=..").inner_text()).rstrip(".!?")
    feedback2 = second.locator(".ss-quiz__feedback")
    expect(feedback2).to_contain_text(f"Helaas, het juiste antwoord is: {right_text}.")
    expect(feedback2).to_have_class(re.compile(r"\bss-quiz__feedback--wrong\b"))
    expect(score).to_have_text(f"Score: 1 van {total} meerkeuzevragen goed (2 beantwoord)")

    # Answers may change; the score counts the current ones.
    answer(second)
    expect(score).to_have_text(f"Score: 2 van {total} meerkeuzevragen goed (2 beantwoord)")

    # Stored under the site copy's own key, by question id and option key.
    (key, value), *_ = stored(page).items()
    site_root = page.evaluate("() => new URL('../', location.href).href")
    assert key == PREFIX + site_root
    ids = [first.get_attribute("data-question"), second.get_attribute("data-question")]
    assert isinstance(value, dict) and value["version"] == 1
    assert {k: v["o"] for k, v in value["answers"].items()} == {
        ids[0]: first.get_attribute("data-correct"),
        ids[1]: second.get_attribute("data-correct"),
    }

    # Reload: answers, feedback and score come back.
    page.reload()
    quiz = page.locator(".ss-quiz").first
    expect(quiz.locator(".ss-quiz__score")).to_have_text(
        f"Score: 2 van {total} meerkeuzevragen goed (2 beantwoord)"
    )
    expect(option(quiz.locator(".ss-quiz__item--mc").nth(0))).to_be_checked()
    expect(quiz.locator(".ss-quiz__item--mc").nth(1).locator(".ss-quiz__feedback")).to_have_text(
        re.compile("^Goed!")
    )

    # Reset: form, feedback, score and storage cleared; focus stays in the quiz.
    quiz.locator(".ss-quiz__reset").click()
    expect(quiz.locator(".ss-quiz__controls")).to_be_hidden()
    expect(quiz.locator('input[type="radio"]:checked')).to_have_count(0)
    expect(quiz.locator(".ss-quiz__feedback--ok, .ss-quiz__feedback--wrong")).to_have_count(0)
    expect(quiz.locator(".ss-quiz__item--mc").first.locator('input[type="radio"]').first).to_be_focused()
    assert stored(page) == {}
    page.reload()
    expect(page.locator(".ss-quiz").first.locator(".ss-quiz__controls")).to_be_hidden()


def test_quiz_works_without_localstorage(page: Page, site_url: Callable[[str], str]) -> None:
    # Storage that throws (disabled, full, or file:// in some browsers) for the quiz's keys only:
    # Material's own use of localStorage must keep working for the page to load cleanly.
    page.add_init_script(
        """for (const name of ['getItem', 'setItem', 'removeItem']) {
            const original = Storage.prototype[name];
            Storage.prototype[name] = function (key, ...rest) {
                if (String(key).startsWith('sales-studiesite:')) {
                    throw new DOMException('denied', 'SecurityError');
                }
                return original.call(this, key, ...rest);
            };
        }"""
    )
    page.goto(site_url(NPS_PAGE))
    quiz = page.locator(".ss-quiz").first
    item = quiz.locator(".ss-quiz__item--mc").first
    answer(item)
    expect(item.locator(".ss-quiz__feedback")).to_have_text(re.compile("^Goed!"))
    expect(quiz.locator(".ss-quiz__score")).to_contain_text("(1 beantwoord)")
    page.reload()
    expect(page.locator(".ss-quiz").first.locator(".ss-quiz__controls")).to_be_hidden()


GARBAGE = [
    "1.5",
    "[]",
    '"x"',
    "null",
    "{not json",
    '{"version": 2, "answers": {}}',
    '{"version": 1, "answers": 1.5}',
    '{"version": 1, "answers": []}',
    '{"version": 1, "answers": {"QID": 1.5}}',
    '{"version": 1, "answers": {"QID": {"o": 2, "t": 1}}}',
    '{"version": 1, "answers": {"QID": {"o": "ffffffff", "t": 1}}}',
    '{"version": 1, "answers": {"QID": {"o": "KEY", "t": "gisteren"}}}',
    '{"version": 1, "answers": {"__proto__": {"o": "KEY", "t": 1}}}',
]


def test_stored_value_of_any_shape_is_ignored(page: Page, site_url: Callable[[str], str]) -> None:
    """Whatever is in storage (another version, a hand edit, a damaged file), the quiz
    opens unanswered, works, and stores a valid value again; no console error. One page,
    one case after another: each case replaces the stored value and reloads."""
    page.goto(site_url(NPS_PAGE))
    item = page.locator(".ss-quiz__item--mc").first
    qid, right = item.get_attribute("data-question"), item.get_attribute("data-correct")
    key = PREFIX + page.evaluate("() => new URL('../', location.href).href")
    for raw in GARBAGE:
        value = raw.replace("QID", str(qid)).replace("KEY", str(right))
        page.evaluate("([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }", [key, value])
        page.reload()
        quiz_ready(page)  # quiz.js shuffles the options once when it arrives: a click during that misses
        quiz = page.locator(".ss-quiz").first
        expect(quiz.locator(".ss-quiz__controls"), raw).to_be_hidden()
        item = quiz.locator(".ss-quiz__item--mc").first
        answer(item)
        expect(item.locator(".ss-quiz__feedback"), raw).to_have_text(re.compile("^Goed!"))
        (_, saved), *_ = stored(page).items()
        assert isinstance(saved, dict) and saved["version"] == 1, f"{raw}: {saved}"
        assert saved["answers"][qid]["o"] == right, f"{raw}: {saved}"


def test_options_are_shuffled_and_graded_by_identity(page: Page, site_url: Callable[[str], str]) -> None:
    """The data's order (in the page source) is not the shown order, and the right option
    is right wherever it lands. Math.random is seeded so the test is deterministic."""
    page.add_init_script(
        """(() => { let s = 7; Math.random = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646; })()"""
    )
    page.goto(site_url(NPS_PAGE))
    page.locator(".ss-quiz").first.scroll_into_view_if_needed()
    source = page.evaluate(SOURCE_ORDER)
    items = page.locator(".ss-quiz").first.locator(".ss-quiz__item--mc")
    answer(items.first)  # waits until quiz.js has set up the quiz
    expect(items.first.locator(".ss-quiz__feedback")).to_have_text(re.compile("^Goed!"))
    moved = 0
    for n in range(items.count()):
        item = items.nth(n)
        shown = [r.get_attribute("value") for r in item.locator('input[type="radio"]').all()]
        assert sorted(shown) == sorted(source[n]), "the same options, maybe in another order"
        moved += shown != source[n]
        answer(item)
        expect(item.locator(".ss-quiz__feedback")).to_have_text(re.compile("^Goed!"))
    assert moved, "no question showed its options in a shuffled order"


# -- answers survive a content edit ---------------------------------------------------------

NEW_QUESTION = """  - id: nps-nieuw-bovenaan
    type: mc
    question: Een nieuwe vraag, bovenaan ingevoegd door een docent?
    options:
      - Nee, nooit
      - correct: Ja, zeker
      - Soms
    explanation: Zo kan het.
"""


@pytest.fixture
def own_site(tmp_path: Path, built: Built) -> Iterator[tuple[Path, str]]:
    """A copy of the project whose site/ is the session's build of the same sources (the
    version a reader had), served over http from that folder, which a rebuild of the copy
    replaces (the server resolves the folder on every request)."""
    project = copy_project(tmp_path)
    shutil.copytree(built.site, project / "site")
    handler = functools.partial(QuietHandler, directory=str(project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield project, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_answers_stay_on_their_questions_after_a_question_is_inserted(
    page: Page, own_site: tuple[Path, str], traffic: Traffic
) -> None:
    project, url = own_site
    traffic.allowed += (url,)
    page.goto(url + NPS_PAGE)
    items = page.locator(".ss-quiz").first.locator(".ss-quiz__item--mc")
    first, second = items.nth(0), items.nth(1)
    ids = [first.get_attribute("data-question"), second.get_attribute("data-question")]
    answer(first)
    answer(second, right=False)
    wrong_key = second.locator('input[type="radio"]:checked').get_attribute("value")
    score = page.locator(".ss-quiz__score").first
    total = items.count()
    expect(score).to_have_text(f"Score: 1 van {total} meerkeuzevragen goed (2 beantwoord)")

    # A teacher inserts a question at the top of this page's quiz and rebuilds.
    edit("data/quizzes.yml", "h1/nps.md:\n", "h1/nps.md:\n" + NEW_QUESTION)(project)
    result = run_build(project, SS_PAPER="0")  # the quiz's pages do not need the PDF
    assert result.returncode == 0, result.stdout + result.stderr
    page.reload()

    items = page.locator(".ss-quiz").first.locator(".ss-quiz__item--mc")
    assert items.count() == total + 1
    assert items.nth(0).get_attribute("data-question") == "nps-nieuw-bovenaan"
    new, old_first, old_second = items.nth(0), items.nth(1), items.nth(2)
    assert [old_first.get_attribute("data-question"), old_second.get_attribute("data-question")] == ids
    expect(new.locator('input[type="radio"]:checked')).to_have_count(0)
    expect(option(old_first)).to_be_checked()
    expect(old_second.locator(f'input[type="radio"][value="{wrong_key}"]')).to_be_checked()
    expect(old_second.locator(".ss-quiz__feedback")).to_have_class(re.compile(r"--wrong\b"))
    expect(page.locator(".ss-quiz__score").first).to_have_text(
        f"Score: 1 van {total + 1} meerkeuzevragen goed (2 beantwoord)"
    )


def test_printing_restores_the_data_order_of_options(page: Page, site_url: Callable[[str], str]) -> None:
    """On paper the answer key names options A, B, C in the data's order: before printing the
    shuffle is undone, after printing it is applied again."""
    page.goto(site_url(NPS_PAGE))
    item = page.locator(".ss-quiz__item--mc").first
    answer(item)  # quiz.js is running
    source = page.evaluate(SOURCE_ORDER)
    shown = """() => [...document.querySelectorAll('.ss-quiz__item--mc')].map(
        i => [...i.querySelectorAll('input[type=radio]')].map(r => r.value))"""
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(shown)[: len(source)] == source
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert sorted(map(sorted, page.evaluate(shown)[: len(source)])) == sorted(map(sorted, source))
