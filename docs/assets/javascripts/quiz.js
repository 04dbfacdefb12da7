/* Practice quizzes (markup from macros/quiz.py): feedback on multiple-choice questions, a score,
 * and the chosen answers kept in localStorage under "ss-quiz:" + the page path.
 *
 * A reader may change an answer; the score always counts the current answers. (Arrow keys move
 * through a radio group and select as they go, so "the first answer counts" would punish keyboard
 * users.) When localStorage is unavailable (disabled, or throwing on file:// in some browsers) the
 * quiz works the same, only without remembering answers across page loads.
 * Vanilla ES2017, no dependencies.
 */
(function () {
  "use strict";

  var PREFIX = "ss-quiz:";

  function load(key) {
    try {
      var raw = window.localStorage.getItem(key);
      var data = raw ? JSON.parse(raw) : null;
      return data && typeof data.answers === "object" && data.answers !== null ? data.answers : {};
    } catch (error) {
      return {};
    }
  }

  function save(key, answers) {
    try {
      if (Object.keys(answers).length) {
        window.localStorage.setItem(key, JSON.stringify({ version: 1, answers: answers }));
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

  function setupQuiz(box) {
    var key = PREFIX + (box.getAttribute("data-quiz") || window.location.pathname);
    var controls = box.querySelector(".ss-quiz__controls");
    var score = box.querySelector(".ss-quiz__score");
    var reset = box.querySelector(".ss-quiz__reset");
    var answers = {}; /* question number (1-based, as in the ids) -> chosen option index */

    /* Every multiple-choice question, numbered by its position among all questions. */
    var questions = [];
    Array.prototype.forEach.call(box.querySelectorAll(".ss-quiz__item"), function (item, n) {
      if (!item.classList.contains("ss-quiz__item--mc")) return;
      var radios = Array.prototype.slice.call(item.querySelectorAll('input[type="radio"]'));
      var correct = parseInt(item.getAttribute("data-answer"), 10);
      if (!radios.length || !(correct >= 0 && correct < radios.length)) return;
      var paragraphs = item.querySelectorAll(".ss-quiz__answer p");
      var explanation = Array.prototype.slice.call(paragraphs, 1).map(text).join(" ");
      questions.push({
        number: String(n + 1),
        item: item,
        radios: radios,
        correct: correct,
        correctText: text(radios[correct].parentNode),
        explanation: explanation,
        feedback: item.querySelector(".ss-quiz__feedback")
      });
    });
    if (!questions.length) return;

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
        if (!Object.prototype.hasOwnProperty.call(answers, q.number)) return;
        answered += 1;
        if (answers[q.number] === q.correct) good += 1;
      });
      var noun = questions.length === 1 ? "meerkeuzevraag" : "meerkeuzevragen";
      if (score) {
        score.textContent = "Score: " + good + " van " + questions.length + " " + noun + " goed (" + answered + " beantwoord)";
      }
      if (controls) controls.hidden = answered === 0;
    }

    /* Restore saved answers, ignoring any that no longer fit the questions. */
    var saved = load(key);
    questions.forEach(function (q) {
      var chosen = saved[q.number];
      if (typeof chosen !== "number" || !(chosen >= 0 && chosen < q.radios.length)) return;
      answers[q.number] = chosen;
      q.radios[chosen].checked = true;
      showFeedback(q, chosen);
    });
    /* Answers chosen before this script arrived (it is loaded when the quiz
       comes near the viewport), or restored by the browser's form memory. */
    var picked = false;
    questions.forEach(function (q) {
      if (typeof answers[q.number] === "number") return;
      q.radios.forEach(function (radio, i) {
        if (!radio.checked) return;
        answers[q.number] = i;
        showFeedback(q, i);
        picked = true;
      });
    });
    if (picked) save(key, answers);
    updateScore();

    box.addEventListener("change", function (event) {
      var input = event.target;
      if (!input || input.type !== "radio") return;
      questions.forEach(function (q) {
        var chosen = q.radios.indexOf(input);
        if (chosen < 0) return;
        answers[q.number] = chosen;
        showFeedback(q, chosen);
      });
      updateScore();
      save(key, answers);
    });

    if (reset) {
      reset.addEventListener("click", function () {
        answers = {};
        save(key, answers);
        questions.forEach(function (q) {
          q.radios.forEach(function (radio) { radio.checked = false; });
          clearFeedback(q);
        });
        updateScore();
        /* The button is hidden now: move focus to the first question. */
        questions[0].radios[0].focus();
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
