/* Practice quizzes (markup from macros/quiz.py): feedback on multiple-choice questions, a score,
 * and the chosen answers kept in this browser.
 *
 * Storage: one localStorage entry per site copy, key "sales-studiesite:v1:" + the URL of the site
 * root (data-root on the quiz, resolved against the page), so two sites on one origin and two
 * unzipped copies never share or clobber answers. Its value is
 *   {"version": 1, "answers": {"<question id>": {"o": "<option key>", "t": <ms since 1970>}}}
 * keyed by the question's stable id from the data and the option's key (derived from its text),
 * never by position: a question inserted above, or options reordered, move nothing. A stored value
 * of any other shape is ignored (entry by entry), never trusted; unknown question ids are kept
 * untouched for the pages they belong to.
 *
 * Options are shown in a shuffled order (per page load and per reset) and graded by key, so the
 * position of the right answer tells nothing. A reader may change an answer; the score counts the
 * current answers (arrow keys move through a radio group and select as they go). Without
 * localStorage the quiz works the same, only without remembering. Vanilla ES2017, no dependencies.
 */
(function () {
  "use strict";

  var VERSION = 1;
  var KEY_PATTERN = /^[0-9a-f]{8}$/;

  function storageKey(box) {
    var root = new URL(box.getAttribute("data-root") || "./", window.location.href);
    root.hash = "";
    root.search = "";
    return "sales-studiesite:v" + VERSION + ":" + root.href;
  }

  /* The valid entries of the stored answers; anything else is dropped. */
  function readAll(key) {
    var out = {};
    try {
      var data = JSON.parse(window.localStorage.getItem(key) || "null");
      if (!data || typeof data !== "object" || data.version !== VERSION) return out;
      var answers = data.answers;
      if (!answers || typeof answers !== "object" || Array.isArray(answers)) return out;
      Object.keys(answers).forEach(function (id) {
        var entry = answers[id];
        if (!entry || typeof entry !== "object") return;
        if (typeof entry.o !== "string" || !KEY_PATTERN.test(entry.o)) return;
        if (typeof entry.t !== "number" || !isFinite(entry.t)) return;
        out[id] = { o: entry.o, t: entry.t };
      });
    } catch (error) {
      /* Unreadable or unavailable: start empty. */
    }
    return out;
  }

  /* Re-read before writing, so answers saved meanwhile in another tab survive. */
  function update(key, change) {
    try {
      var all = readAll(key);
      change(all);
      if (Object.keys(all).length) {
        window.localStorage.setItem(key, JSON.stringify({ version: VERSION, answers: all }));
      } else {
        window.localStorage.removeItem(key);
      }
    } catch (error) {
      /* Storage unavailable or full: keep working in memory. */
    }
  }

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function shuffle(q) {
    var labels = q.radios.map(function (radio) { return radio.parentNode; });
    for (var i = labels.length - 1; i > 0; i -= 1) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = labels[i];
      labels[i] = labels[j];
      labels[j] = swap;
    }
    labels.forEach(function (label) { label.parentNode.appendChild(label); });
  }

  function setupQuiz(box) {
    var key = storageKey(box);
    var controls = box.querySelector(".ss-quiz__controls");
    var score = box.querySelector(".ss-quiz__score");
    var reset = box.querySelector(".ss-quiz__reset");
    var answers = {}; /* question id -> chosen option key, for this quiz's questions */

    var questions = [];
    Array.prototype.forEach.call(box.querySelectorAll(".ss-quiz__item--mc"), function (item) {
      var id = item.getAttribute("data-question");
      var correct = item.getAttribute("data-correct");
      var radios = Array.prototype.slice.call(item.querySelectorAll('input[type="radio"]'));
      var right = radios.filter(function (radio) { return radio.value === correct; })[0];
      if (!id || !right) return;
      var paragraphs = item.querySelectorAll(".ss-quiz__answer p");
      questions.push({
        id: id,
        radios: radios,
        correct: correct,
        correctText: text(right.parentNode),
        explanation: Array.prototype.slice.call(paragraphs, 1).map(text).join(" "),
        feedback: item.querySelector(".ss-quiz__feedback")
      });
    });
    if (!questions.length) return;

    function radioFor(q, option) {
      return q.radios.filter(function (radio) { return radio.value === option; })[0];
    }

    function showFeedback(q, chosen) {
      if (!q.feedback) return;
      var ok = chosen === q.correct;
      q.feedback.textContent = "";
      q.feedback.classList.toggle("ss-quiz__feedback--ok", ok);
      q.feedback.classList.toggle("ss-quiz__feedback--wrong", !ok);
      var verdict = document.createElement("strong");
      var correctText = q.correctText.replace(/[.!?]$/, "");
      verdict.textContent = ok ? "Goed!" : "Helaas, het juiste antwoord is: " + correctText + ".";
      q.feedback.appendChild(verdict);
      if (q.explanation) q.feedback.appendChild(document.createTextNode(" " + q.explanation));
    }

    function clearFeedback(q) {
      if (!q.feedback) return;
      q.feedback.textContent = "";
      q.feedback.classList.remove("ss-quiz__feedback--ok", "ss-quiz__feedback--wrong");
    }

    function updateScore() {
      var answered = 0;
      var good = 0;
      questions.forEach(function (q) {
        if (!Object.prototype.hasOwnProperty.call(answers, q.id)) return;
        answered += 1;
        if (answers[q.id] === q.correct) good += 1;
      });
      var noun = questions.length === 1 ? "meerkeuzevraag" : "meerkeuzevragen";
      if (score) {
        score.textContent = "Score: " + good + " van " + questions.length + " " + noun + " goed (" + answered + " beantwoord)";
      }
      if (controls) controls.hidden = answered === 0;
    }

    function choose(q, option) {
      answers[q.id] = option;
      showFeedback(q, option);
    }

    function save(changed) {
      var now = Date.now();
      update(key, function (all) {
        changed.forEach(function (q) {
          if (Object.prototype.hasOwnProperty.call(answers, q.id)) {
            all[q.id] = { o: answers[q.id], t: now };
          } else {
            delete all[q.id];
          }
        });
      });
    }

    /* Answers chosen before this script arrived (it is loaded when the quiz comes near the
       viewport), or restored by the browser's form memory, win over stored ones. */
    var picked = [];
    questions.forEach(function (q) {
      q.radios.forEach(function (radio) {
        if (radio.checked) { choose(q, radio.value); picked.push(q); }
      });
    });
    var saved = readAll(key);
    questions.forEach(function (q) {
      if (Object.prototype.hasOwnProperty.call(answers, q.id)) return;
      var entry = saved[q.id];
      var radio = entry && radioFor(q, entry.o);
      if (!radio) return; /* never answered, or that option's text has changed */
      radio.checked = true;
      choose(q, entry.o);
    });
    questions.forEach(shuffle);
    if (picked.length) save(picked);
    updateScore();

    box.addEventListener("change", function (event) {
      var input = event.target;
      if (!input || input.type !== "radio") return;
      questions.forEach(function (q) {
        if (q.radios.indexOf(input) < 0) return;
        choose(q, input.value);
        save([q]);
      });
      updateScore();
    });

    if (reset) {
      reset.addEventListener("click", function () {
        answers = {};
        save(questions);
        questions.forEach(function (q) {
          q.radios.forEach(function (radio) { radio.checked = false; });
          clearFeedback(q);
          shuffle(q);
        });
        updateScore();
        /* The button is hidden now: move focus to the first question. */
        questions[0].radios[0].parentNode.parentNode.querySelector("input").focus();
      });
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".ss-quiz"), setupQuiz);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
