/* Practice quizzes (markup from macros/quiz.py): feedback on multiple-choice questions, a score,
 * and the chosen answers kept in this browser through window.StudyStore (store.js, loaded
 * before this file): by the question's stable id and the option's key, never by position, so a
 * question inserted above, or options reordered, move nothing.
 *
 * Options are shown in a shuffled order (per page load and per reset) and graded by key, so the
 * position of the right answer tells nothing. A question is graded only by an explicit act: its
 * "Controleer" button (the same for keyboard, mouse and touch). Choosing an option grades and
 * stores nothing: arrow keys move through a radio group and select as they go (and fire click
 * and change), so a choice is never an answer by itself. A reader may check again after another
 * choice; the score counts the checked answers. Without localStorage (storage full, or not
 * allowed) the quiz works the same, only without remembering, and says so once per page
 * (store.js notice): it never claims to keep what it could not. Vanilla ES2017.
 */
(function () {
  "use strict";

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  /* Options in the data's order: on paper the answer key names them A, B, C and so on. */
  function unshuffle(q) {
    q.radios.forEach(function (radio) { radio.parentNode.parentNode.appendChild(radio.parentNode); });
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
    var store = window.StudyStore.open(box);
    var controls = box.querySelector(".ss-quiz__controls");
    var score = box.querySelector(".ss-quiz__score");
    var reset = box.querySelector(".ss-quiz__reset");
    var answers = Object.create(null); /* question id -> chosen option key, for this quiz's questions */

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
        feedback: item.querySelector(".ss-quiz__feedback"),
        check: addCheck(item)
      });
    });
    if (!questions.length) return;

    /* The question's own button, between its options and its feedback (made here: without
       JavaScript there is nothing to check, only the model answer to open). */
    function addCheck(item) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button ss-quiz__check";
      button.textContent = "Controleer";
      var fieldset = item.querySelector(".ss-quiz__fieldset");
      fieldset.parentNode.insertBefore(button, fieldset.nextSibling);
      return button;
    }

    function chosenOption(q) {
      var radio = q.radios.filter(function (r) { return r.checked; })[0];
      return radio ? radio.value : null;
    }

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

    /* Keep the answers of `changed`; when the browser refuses, say so after `near`. */
    function save(changed, near) {
      var now = Date.now();
      var kept = store.update(function (state) {
        changed.forEach(function (q) {
          if (Object.prototype.hasOwnProperty.call(answers, q.id)) {
            state.answers[q.id] = { o: answers[q.id], t: now };
          } else {
            delete state.answers[q.id];
          }
        });
      });
      if (!kept) store.notice(near);
    }

    /* A choice made before this script arrived (it is loaded when the quiz comes near the
       viewport), or restored by the browser's form memory, stays chosen but is not an answer
       until it is checked; such a question does not show its stored answer either. */
    var saved = store.read().answers;
    questions.forEach(function (q) {
      if (chosenOption(q) !== null) return;
      var entry = saved[q.id];
      var radio = entry && radioFor(q, entry.o);
      if (!radio) return; /* never answered, or that option's text has changed */
      radio.checked = true;
      choose(q, entry.o);
    });
    questions.forEach(shuffle);
    window.addEventListener("beforeprint", function () { questions.forEach(unshuffle); });
    window.addEventListener("afterprint", function () { questions.forEach(shuffle); });
    updateScore();
    box.setAttribute("data-ready", ""); /* set up: options in their shuffled place */

    /* A new choice hides the verdict shown for the previous one; nothing is graded or stored. */
    box.addEventListener("change", function (event) {
      var input = event.target;
      if (!input || input.type !== "radio") return;
      questions.forEach(function (q) {
        if (q.radios.indexOf(input) >= 0) clearFeedback(q);
      });
    });

    questions.forEach(function (q) {
      q.check.addEventListener("click", function () {
        var option = chosenOption(q);
        if (option === null) {
          clearFeedback(q);
          if (q.feedback) q.feedback.textContent = "Kies eerst een antwoord.";
          return;
        }
        choose(q, option);
        save([q], q.feedback || q.check);
        updateScore();
      });
    });

    if (reset) {
      reset.addEventListener("click", function () {
        answers = Object.create(null);
        save(questions, controls);
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
