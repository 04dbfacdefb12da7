/* The study pages (markup from macros/study.py): Mijn voortgang, Herhalen and Toetsen, and the
 * teacher's test-link maker on Voor docenten.
 *
 * Data: window.StudyData (study-data.js, made by the build from the register and the
 * questions). State: window.StudyStore (store.js), answers by question id and review schedules
 * by card id ("begrip:<id>", "vraag:<id>"), with a content hash: a card whose text changed starts
 * again, a card that was removed is simply not shown. Scheduling: FSRS through ts-fsrs (vendored
 * UMD build, global FSRS), with days as the smallest step (no learning steps within a day),
 * except that a card graded "Opnieuw" is due again at once: it comes back at the end of the
 * session and after a reload the same day. At most NEW_PER_DAY new cards per calendar day
 * (store.js "introduced").
 * Vanilla ES2017; nothing leaves the browser.
 */
(function () {
  "use strict";

  var DATA = window.StudyData;
  var Store = window.StudyStore;
  var DAY = 24 * 60 * 60 * 1000;
  var NEW_PER_DAY = 20;
  var TEST_PER_PAGE = 2;
  var TEST_MAX = 20;
  var has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };

  /* -- small helpers ------------------------------------------------------------------------ */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs.text;
      else if (name === "hidden") node.hidden = !!attrs.hidden;
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function shuffled(list) {
    var out = list.slice();
    for (var i = out.length - 1; i > 0; i -= 1) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = out[i]; out[i] = out[j]; out[j] = swap;
    }
    return out;
  }

  var MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december"];

  function dutchDate(ms) {
    var d = new Date(ms);
    if (!Store.isTime(ms) || isNaN(d.getTime())) return "onbekend"; /* never "NaN undefined NaN" */
    return d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear();
  }

  function endOfToday(now) {
    var d = new Date(now);
    d.setHours(23, 59, 59, 999);
    return d.getTime();
  }

  /* "over 3 dagen", for the grade buttons. */
  function interval(fromMs, toMs) {
    if (!isFinite(toMs - fromMs)) return "onbekend"; /* never "over NaN jaar" */
    var days = Math.round((toMs - fromMs) / DAY);
    if (toMs - fromMs < DAY / 2) return "straks weer";
    if (days <= 1) return "morgen";
    if (days < 14) return "over " + days + " dagen";
    if (days < 60) return "over " + Math.round(days / 7) + " weken";
    if (days < 365) return "over " + Math.round(days / 30) + " maanden";
    var years = Math.round(days / 365);
    return "over " + years + " jaar";
  }

  /* "75 %", with a non-breaking space: the number and its unit never part. */
  function percent(part, whole) {
    return whole ? Math.round((100 * part) / whole) + "\u00a0%" : "–";
  }

  /* An open question's points (its rubric's sum). */
  function maxPoints(q) {
    return (q.rubric || []).reduce(function (sum, r) { return sum + r.p; }, 0);
  }

  /* The points of the rubric lines a student ticked (by each line's key from the data;
     a key the question no longer has counts nothing). */
  function pointsOf(q, ticked) {
    return (q.rubric || []).reduce(function (sum, r) { return sum + ((ticked || []).indexOf(r.k) >= 0 ? r.p : 0); }, 0);
  }

  /* An open question's stored self-score, if it is about this version of the question. */
  function scoreOf(state, q) {
    var score = has(state.scores || {}, q.id) ? state.scores[q.id] : null;
    return score && score.h === q.hash ? score : null;
  }

  /* Without prototype: an id such as "constructor" is looked up like any other. */
  var index = { questions: Object.create(null), concepts: Object.create(null), pages: Object.create(null) };
  function buildIndex() {
    DATA.questions.forEach(function (q) { index.questions[q.id] = q; });
    DATA.concepts.forEach(function (c) { index.concepts[c.id] = c; });
    DATA.chapters.forEach(function (chapter) {
      chapter.pages.forEach(function (page) { page.chapter = chapter; index.pages[page.path] = page; });
    });
  }

  function pageOf(path) { return index.pages[path]; }

  /* A kept answer to q, if its option still exists (one whose text changed counts as
     unanswered, everywhere). */
  function answerOf(state, q) {
    var a = has(state.answers, q.id) ? state.answers[q.id] : null;
    return a && hasOption(q, a.o) ? a : null;
  }

  function hasOption(q, key) {
    return (q.options || []).some(function (o) { return o.k === key; });
  }

  /* Whether an imported entry is about a question or card of this site (store.js importText). */
  function knownEntry(part, id, entry) {
    if (part === "answers") return !!index.questions[id] && hasOption(index.questions[id], entry.o);
    if (part === "scores") return !!index.questions[id] && index.questions[id].kind === "open";
    var card = /^(begrip|vraag):(.+)$/.exec(id);
    return !!card && !!(card[1] === "begrip" ? index.concepts[card[2]] : index.questions[card[2]]);
  }

  function link(root, href, text) {
    return el("a", { href: root + href, text: text });
  }

  /* The sections a question needs (a case, a table; quizzes.yml `context:`), shown with it in
     a test and on a review card: open, and folded away with one click or key. The HTML is the
     build's own (macros/study.py takes it from the rendered page); its links are relative to
     the site root. */
  function contextBoxes(q, root) {
    return (q.context || []).map(function (key) {
      var ctx = DATA.contexts && DATA.contexts[key];
      if (!ctx) return null;
      var page = pageOf(ctx.page);
      var body = el("div", { class: "ss-study__context-body" });
      body.innerHTML = ctx.html;
      Array.prototype.forEach.call(body.querySelectorAll("a[href]"), function (a) {
        var href = a.getAttribute("href");
        if (!/^([a-z][a-z0-9+.-]*:|#)/i.test(href)) a.setAttribute("href", root + href);
      });
      Array.prototype.forEach.call(body.querySelectorAll("table"), function (table) {
        var scroll = el("div", { class: "ss-study__scroll", tabindex: "0", role: "region",
          "aria-label": "Tabel bij " + ctx.title });
        table.parentNode.insertBefore(scroll, table);
        scroll.appendChild(table);
      });
      return el("details", { class: "ss-study__context", open: "" }, [
        el("summary", {}, ["Bij deze vraag hoort: ", el("strong", { text: ctx.title }),
          page ? " (" + page.title + ")" : ""]),
        body
      ]);
    });
  }

  /* "vraag 3", "vraag 3 en 7", "vraag 1, 3 en 7". */
  function numbers(list) {
    var last = list[list.length - 1];
    return "vraag " + (list.length > 1 ? list.slice(0, -1).join(", ") + " en " + last : last);
  }

  /* -- cards: every concept, every multiple-choice question and the open questions a student
        scored in a test (they enter the review with the schedule their score gave them) ------- */

  /* In course order: per section its concepts, then its questions. */
  function allCards() {
    var cards = [];
    DATA.chapters.forEach(function (chapter) {
      chapter.pages.forEach(function (page) {
        page.concepts.forEach(function (id) {
          var c = index.concepts[id];
          if (c) cards.push({ id: "begrip:" + c.id, kind: "begrip", hash: c.hash, concept: c, page: c.page });
        });
        page.questions.forEach(function (id) {
          var q = index.questions[id];
          if (q) cards.push({ id: "vraag:" + q.id, kind: "vraag", open: q.kind === "open", hash: q.hash, question: q, page: q.page });
        });
      });
    });
    return cards;
  }

  /* The stored schedule of a card, if it is still about the same content. */
  function schedule(state, card) {
    var review = state.reviews[card.id];
    return review && review.h === card.hash ? review : null;
  }

  function dueToday(state, now) {
    var end = endOfToday(now);
    var due = [];
    var fresh = [];
    allCards().forEach(function (card) {
      var review = schedule(state, card);
      if (!review) { if (!card.open) fresh.push(card); }
      else if (Date.parse(review.c.due) <= end) due.push({ card: card, due: Date.parse(review.c.due) });
    });
    due.sort(function (a, b) { return a.due - b.due; });
    return { due: due.map(function (d) { return d.card; }), fresh: fresh };
  }

  /* -- Mijn voortgang ------------------------------------------------------------------------- */

  function progress(box, root, store) {
    var state = store.read();
    var now = Date.now();
    var out = el("div", { class: "ss-study__progress" });

    if (window.location.protocol === "file:") {
      out.appendChild(el("div", { class: "admonition note ss-study__file" }, [
        el("p", { class: "admonition-title", text: "Geopend vanuit een bestand" }),
        el("p", { text: /Firefox\//.test(navigator.userAgent)
          ? "Firefox bewaart je voortgang per pagina als je de site vanuit een bestand opent: antwoorden van " +
            "andere pagina's zie je hier dan niet. Gebruik de online site of Chromium, of neem je voortgang " +
            "mee met Exporteren en Importeren hieronder."
          : "Je voortgang staat in deze browser, bij deze map. Verplaats je de map of pak je een nieuwere " +
            "zip uit, neem je voortgang dan mee met Exporteren en Importeren hieronder. (Firefox bewaart " +
            "voortgang vanuit een bestand per pagina; gebruik daar ook Exporteren en Importeren.)" })
      ]));
    }

    /* Per page: answered, correct, concepts reviewed, last studied. */
    var rows = [];
    var nextRead = null;
    DATA.chapters.forEach(function (chapter) {
      chapter.pages.forEach(function (page) {
        var answered = 0, good = 0, last = 0, mc = 0;
        var open = { count: 0, scored: 0, points: 0, max: 0 };
        page.questions.forEach(function (id) {
          var q = index.questions[id];
          if (q && q.kind === "open") {
            open.count += 1;
            var score = scoreOf(state, q);
            if (!score) return;
            open.scored += 1;
            open.points += pointsOf(q, score.k);
            open.max += maxPoints(q);
            last = Math.max(last, score.t);
            return;
          }
          if (!q || q.kind !== "mc") return;
          mc += 1;
          var a = answerOf(state, q);
          if (!a) return;
          answered += 1;
          if (a.o === q.correct) good += 1;
          last = Math.max(last, a.t);
        });
        var reviewed = 0;
        page.concepts.forEach(function (id) {
          var review = state.reviews["begrip:" + id];
          var c = index.concepts[id];
          if (review && c && review.h === c.hash) { reviewed += 1; last = Math.max(last, review.t); }
        });
        page.questions.forEach(function (id) {
          var review = state.reviews["vraag:" + id];
          if (review) last = Math.max(last, review.t);
        });
        rows.push({ page: page, chapter: chapter, mc: mc, answered: answered, good: good, reviewed: reviewed, last: last, open: open });
      });
    });
    /* Where the student is: the section studied last. Next: its own questions if some are
       still open, else the first section after it (in course order, wrapping) with open ones. */
    var latest = -1;
    rows.forEach(function (r, i) { if (r.last && (latest < 0 || r.last > rows[latest].last)) latest = i; });
    var unfinished = function (r) { return r.mc && r.answered < r.mc; };
    var finishHere = latest >= 0 && unfinished(rows[latest]) && rows[latest].answered > 0;
    if (finishHere) nextRead = rows[latest].page;
    for (var step = 1; !nextRead && step <= rows.length; step += 1) {
      var candidate = rows[(latest + step) % rows.length];
      if (unfinished(candidate)) nextRead = candidate.page;
    }

    var today = dueToday(state, now);
    var what = el("div", { class: "admonition tip ss-study__next" }, [
      el("p", { class: "admonition-title", text: "Wat nu?" })
    ]);
    var list = el("ul");
    if (nextRead && finishHere) {
      list.appendChild(el("li", {}, [
        "Maak de oefenvragen van ", link(root, nextRead.href, nextRead.title), " af."
      ]));
    } else if (nextRead) {
      list.appendChild(el("li", {}, [
        "Lees verder: ", link(root, nextRead.href, nextRead.title), " en maak de oefenvragen."
      ]));
    } else {
      list.appendChild(el("li", {}, ["Je hebt alle oefenvragen gemaakt. Test jezelf met een ",
        link(root, DATA.views.toets, "toets"), "."]));
    }
    var dueCount = today.due.length;
    list.appendChild(el("li", {}, dueCount
      ? ["Vandaag te herhalen: " + dueCount + (dueCount === 1 ? " kaart. " : " kaarten. "), link(root, DATA.views.herhalen, "Begin met herhalen")]
      : ["Vandaag hoef je niets te herhalen. ", link(root, DATA.views.herhalen, "Leer nieuwe begrippen"), " (" + today.fresh.length + " nog niet geleerd)."]));
    what.appendChild(list);
    out.appendChild(what);

    DATA.chapters.forEach(function (chapter) {
      out.appendChild(el("h2", { text: chapter.title }));
      var table = el("table", { class: "ss-study__table" });
      table.appendChild(el("caption", { class: "ss-visually-hidden", text: "Voortgang in " + chapter.title }));
      var head = el("tr", {}, ["Sectie", "Vragen beantwoord", "Goed", "Begrippen herhaald", "Laatst bestudeerd"].map(
        function (t) { return el("th", { scope: "col", text: t }); }));
      table.appendChild(el("thead", {}, [head]));
      var body = el("tbody");
      rows.filter(function (r) {
        return r.chapter === chapter && (r.mc || r.page.concepts.length);
      }).forEach(function (r) {
        var cell = function (label, text) { return el("td", { "data-label": label, text: text }); };
        body.appendChild(el("tr", { "data-page": r.page.path }, [
          el("th", { scope: "row" }, [link(root, r.page.href, r.page.title)]),
          cell("Vragen beantwoord", r.mc ? r.answered + " van " + r.mc : "–"),
          cell("Goed", r.answered ? r.good + " (" + percent(r.good, r.answered) + ")" : "–"),
          cell("Begrippen herhaald", r.page.concepts.length ? r.reviewed + " van " + r.page.concepts.length : "–"),
          cell("Laatst bestudeerd", r.last ? dutchDate(r.last) : "nog niet")
        ]));
      });
      table.appendChild(body);
      out.appendChild(el("div", { class: "md-typeset__scrollwrap" }, [el("div", { class: "md-typeset__table" }, [table])]));
      /* The open questions of the chapter, as scored by the student after a test. */
      var open = { count: 0, scored: 0, points: 0, max: 0 };
      rows.filter(function (r) { return r.chapter === chapter; }).forEach(function (r) {
        ["count", "scored", "points", "max"].forEach(function (k) { open[k] += r.open[k]; });
      });
      if (open.count) {
        out.appendChild(el("p", { class: "ss-study__open-progress", "data-chapter": String(chapter.number) }, [
          el("strong", { text: "Open vragen uit proeftoetsen: " }),
          open.scored
            ? open.points + " van " + open.max + " punten (" + open.scored + " van " + open.count +
              " vragen beoordeeld, " + percent(open.points, open.max) + ")."
            : "nog geen beoordeeld (" + open.count + (open.count === 1 ? " vraag). " : " vragen). "),
          open.scored ? "" : link(root, DATA.views.toets + "#hoofdstuk=" + chapter.number, "Maak een proeftoets"),
          open.scored ? "" : "."
        ]));
      }
    });

    /* Export, import, reset. */
    var status = el("p", { class: "ss-study__status", role: "status" });
    /* The one live line says what happened; a failure is marked as one (study.css). */
    function fail(message) {
      status.textContent = "";
      status.className = "ss-study__status ss-study__status--error";
      status.appendChild(el("strong", { text: "Importeren mislukt: " }));
      status.appendChild(document.createTextNode(message));
    }
    var exportButton = el("button", { type: "button", class: "md-button", text: "Exporteren" });
    exportButton.addEventListener("click", function () {
      var blob = new Blob([store.exportText(Date.now())], { type: "application/json" });
      var a = el("a", { href: URL.createObjectURL(blob), download: DATA.files + "-voortgang.json" });
      document.body.appendChild(a);
      a.click();
      a.remove();
      status.className = "ss-study__status";
      status.textContent = "Je voortgang is opgeslagen als " + DATA.files + "-voortgang.json.";
    });
    var file = el("input", { type: "file", accept: ".json,application/json", id: "ss-import", class: "ss-visually-hidden" });
    var importLabel = el("label", { for: "ss-import", class: "md-button", text: "Importeren" });
    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      if (!chosen) return;
      var reader = new FileReader();
      reader.onload = function () {
        var result = store.importText(String(reader.result), knownEntry);
        file.value = "";
        if (!result.ok) { fail(result.message); return; }
        render(box, root, store);
        box.querySelector(".ss-study__status").textContent = result.message;
      };
      reader.onerror = function () { fail("Dit bestand kon niet worden gelezen."); };
      reader.readAsText(chosen);
    });
    var resetButton = el("button", { type: "button", class: "md-button", text: "Alles wissen" });
    resetButton.addEventListener("click", function () {
      if (!window.confirm("Weet je zeker dat je al je antwoorden en herhalingen in deze browser wilt wissen?")) return;
      if (!store.reset()) {
        status.className = "ss-study__status ss-study__status--error";
        status.textContent = "";
        status.appendChild(el("strong", { text: "Wissen mislukt: " }));
        status.appendChild(document.createTextNode(store.problem()));
        return;
      }
      render(box, root, store);
      box.querySelector(".ss-study__status").textContent = "Je voortgang is gewist.";
    });
    out.appendChild(el("h2", { text: "Meenemen of wissen" }));
    out.appendChild(el("p", { text: "Je voortgang staat alleen in deze browser. Neem hem mee naar een andere " +
      "browser of een nieuwere versie van de site: exporteer hem naar een bestand en importeer dat daar." }));
    out.appendChild(el("div", { class: "ss-study__actions" }, [exportButton, file, importLabel, resetButton]));
    out.appendChild(status);
    return out;
  }

  /* -- Herhalen -------------------------------------------------------------------------------- */

  var GRADES = [
    { rating: 1, label: "Opnieuw", key: "1" },
    { rating: 2, label: "Moeilijk", key: "2" },
    { rating: 3, label: "Goed", key: "3" },
    { rating: 4, label: "Makkelijk", key: "4" }
  ];

  function startOfToday(now) {
    var d = new Date(now);
    d.setHours(0, 0, 0, 0);
    return d.getTime();
  }

  /* Today's session: the cards due today and the day's new cards. New cards are handed out
     per calendar day (NEW_PER_DAY), recorded in the store by card id when a session starts,
     so a reload or a second tab gets the same cards still to do, never another batch. */
  function session(store, now) {
    var result = null;
    store.update(function (s) {
      var today = dueToday(s, now);
      var start = startOfToday(now);
      var known = {};
      allCards().forEach(function (card) { known[card.id] = true; });
      Object.keys(s.introduced).forEach(function (id) { if (!has(known, id)) delete s.introduced[id]; });
      var handedOut = Object.keys(s.introduced).filter(function (id) { return s.introduced[id] >= start; });
      var claimed = today.fresh.filter(function (card) { return handedOut.indexOf(card.id) >= 0; });
      var more = today.fresh.filter(function (card) { return handedOut.indexOf(card.id) < 0; })
        .slice(0, Math.max(0, NEW_PER_DAY - handedOut.length));
      more.forEach(function (card) { s.introduced[card.id] = now; });
      result = { due: today.due, fresh: claimed.concat(more), handedOut: handedOut.length + more.length, started: now };
    });
    return result;
  }

  function review(box, root, store) {
    var scheduler = window.FSRS.fsrs({ enable_fuzz: false, enable_short_term: false });
    var today = session(store, Date.now());
    /* Each entry: a card and whether it is new today; "Opnieuw" puts a card back as planned. */
    var queue = today.due.map(function (card) { return { card: card, fresh: false }; })
      .concat(today.fresh.map(function (card) { return { card: card, fresh: true }; }));
    var graded = {}; /* card id -> time of this tab's last grade */
    var done = 0;
    var out = el("div", { class: "ss-study__review" });
    var counter = el("p", { class: "ss-study__counter", role: "status" });
    var stage = el("div", { class: "ss-study__card" });
    out.appendChild(counter);
    out.appendChild(stage);
    /* Folded: a visible paragraph under the card was the largest thing on the first screen
       and so the page's late "largest contentful paint" (Lighthouse). */
    var keys = el("details", { class: "ss-study__keys" });
    keys.appendChild(el("summary", { text: "Sneltoetsen" }));
    keys.appendChild(el("p", { text: "Spatiebalk toont het antwoord; 1 Opnieuw, 2 Moeilijk, 3 Goed, " +
      "4 Makkelijk. Op een telefoon tik je op de knoppen." }));
    out.appendChild(keys);

    function count() {
      var left = queue.length;
      var fresh = queue.filter(function (entry) { return entry.fresh; }).length;
      counter.textContent = left
        ? "Vandaag nog te herhalen: " + left + (left === 1 ? " kaart" : " kaarten") +
          " (" + (left - fresh) + " gepland, " + fresh + " nieuw)."
        : "";
    }

    /* Drop cards that another tab graded since this session began. */
    function skipGradedElsewhere() {
      var latest = store.read();
      while (queue.length) {
        var id = queue[0].card.id;
        var r = latest.reviews[id];
        if (!r || r.t < today.started || r.t === graded[id]) break;
        queue.shift();
      }
    }

    function finish() {
      stage.textContent = "";
      var latest = store.read();
      var next = Infinity;
      allCards().forEach(function (card) {
        var r = schedule(latest, card);
        if (r) next = Math.min(next, Date.parse(r.c.due));
      });
      var text;
      if (done) text = "Klaar voor vandaag: je hebt " + done + (done === 1 ? " kaart" : " kaarten") + " herhaald.";
      else if (today.handedOut) text = "Klaar voor vandaag: je hebt de nieuwe kaarten van vandaag al gehad. Morgen komen er nieuwe.";
      else text = "Vandaag hoef je niets te herhalen.";
      var message = el("p", { class: "ss-study__done", text: text, tabindex: "-1" });
      stage.appendChild(message);
      if (isFinite(next)) stage.appendChild(el("p", { text: "De volgende herhaling staat gepland op " + dutchDate(next) + "." }));
      stage.appendChild(el("p", {}, [link(root, DATA.views.voortgang, "Bekijk je voortgang")]));
      counter.textContent = "Vandaag nog te herhalen: 0 kaarten.";
      /* The grade button that had focus is gone: focus the message, in the middle of the
         screen (never under the header or the "Terug naar boven" button). */
      if (message.isConnected && (done || document.activeElement === document.body)) {
        message.focus({ preventScroll: true });
        message.scrollIntoView({ block: "center" });
      }
    }

    function show() {
      skipGradedElsewhere();
      count();
      stage.textContent = "";
      if (!queue.length) { finish(); return; }
      var card = queue[0].card;
      var page = pageOf(card.page);
      var front = el("div", { class: "ss-study__front" });
      var back = el("div", { class: "ss-study__back", hidden: true });
      if (card.kind === "begrip") {
        front.appendChild(el("p", { class: "ss-study__kind", text: "Begrip" }));
        front.appendChild(el("p", { class: "ss-study__prompt", text: card.concept.term + (card.concept.abbr ? " (" + card.concept.abbr + ")" : "") }));
        front.appendChild(el("p", { text: "Wat betekent dit begrip? Zeg het voor jezelf en kijk dan." }));
        back.appendChild(el("p", { text: card.concept.definition }));
      } else if (card.open) {
        var oq = card.question;
        front.appendChild(el("p", { class: "ss-study__kind", text: "Open vraag (" + maxPoints(oq) + " punten)" }));
        front.appendChild(el("p", { class: "ss-study__prompt", text: oq.text }));
        contextBoxes(oq, root).forEach(function (box) { if (box) front.appendChild(box); });
        front.appendChild(el("p", { text: "Bedenk je antwoord, schrijf het op of zeg het hardop, en kijk dan." }));
        back.appendChild(el("p", {}, [el("strong", { text: "Modelantwoord: " }), oq.answer]));
        back.appendChild(rubricList(oq));
      } else {
        var q = card.question;
        front.appendChild(el("p", { class: "ss-study__kind", text: "Vraag" }));
        front.appendChild(el("p", { class: "ss-study__prompt", text: q.text }));
        contextBoxes(q, root).forEach(function (box) { if (box) front.appendChild(box); });
        front.appendChild(el("ul", { class: "ss-study__options" }, shuffled(q.options).map(function (o) {
          return el("li", { "data-key": o.k, text: o.t });
        })));
        var right = q.options.filter(function (o) { return o.k === q.correct; })[0];
        back.appendChild(el("p", {}, [el("strong", { text: "Juist antwoord: " }), right ? right.t : ""]));
        if (q.explanation) back.appendChild(el("p", { text: q.explanation }));
      }
      if (page) back.appendChild(el("p", {}, ["Lees meer in ", link(root, card.kind === "begrip" ? card.concept.href : page.href, page.title), "."]));

      var reveal = el("button", { type: "button", class: "md-button md-button--primary ss-study__reveal", text: "Toon antwoord" });
      var grades = el("div", { class: "ss-study__grades", hidden: true, role: "group", "aria-label": "Hoe goed wist je het?" });
      var now = Date.now();
      var stored = schedule(store.read(), card);
      var current = stored ? window.FSRS.TypeConvert.card(stored.c) : window.FSRS.createEmptyCard(new Date(now));
      var outcomes = scheduler.repeat(current, new Date(now));
      GRADES.forEach(function (grade) {
        var next = outcomes[grade.rating].card;
        /* "Opnieuw": the card comes back later today (in this session, or after a reload). */
        if (grade.rating === 1) next = Object.assign({}, next, { due: new Date(now) });
        var button = el("button", { type: "button", class: "md-button ss-study__grade", "data-grade": grade.key }, [
          el("span", { class: "ss-study__grade-label", text: grade.label }),
          el("span", { class: "ss-study__grade-when", text: interval(now, next.due.getTime()) })
        ]);
        button.addEventListener("click", function () { grade_(card, next, grade.rating); });
        grades.appendChild(button);
      });
      reveal.addEventListener("click", function () {
        back.hidden = false;
        grades.hidden = false;
        reveal.hidden = true;
        var key = card.question && card.question.correct ?
          front.querySelector('[data-key="' + card.question.correct + '"]') : null;
        if (key) key.classList.add("ss-study__right");
        grades.querySelector('[data-grade="3"]').focus();
      });
      stage.appendChild(front);
      stage.appendChild(reveal);
      stage.appendChild(back);
      stage.appendChild(grades);
      /* On arrival the app is not in the page yet: focus once it is. After a grade the
         page may be scrolled down to the buttons: bring the new card's top back into view. */
      if (reveal.isConnected) {
        reveal.focus({ preventScroll: true });
        var header = document.querySelector(".md-header");
        var below = header ? header.getBoundingClientRect().bottom : 0;
        if (counter.getBoundingClientRect().top < below) counter.scrollIntoView({ block: "start" });
      } else {
        window.setTimeout(function () { reveal.focus({ preventScroll: true }); }, 0);
      }
    }

    function grade_(card, next, rating) {
      var now = Date.now();
      var kept = store.update(function (s) {
        s.reviews[card.id] = { h: card.hash, c: JSON.parse(JSON.stringify(next)), t: now };
      });
      if (!kept) store.notice(counter);
      graded[card.id] = now;
      queue.shift();
      done += 1;
      if (rating === 1) queue.push({ card: card, fresh: false }); /* planned again, later today */
      show();
    }

    /* Shortcuts anywhere on the page, except while typing (search, other fields). */
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      var target = event.target;
      /* ... and on a control with its own Space (a case section's summary, a table's scroll box). */
      if (target && target.closest && target.closest("input, textarea, select, [contenteditable], summary, .ss-study__scroll")) return;
      var reveal = stage.querySelector(".ss-study__reveal:not([hidden])");
      if (event.key === " " && reveal) {
        if (target === reveal) return; /* the button's own activation */
        event.preventDefault();
        reveal.click();
        return;
      }
      var button = stage.querySelector('.ss-study__grades:not([hidden]) [data-grade="' + event.key + '"]');
      if (button) { event.preventDefault(); button.click(); }
    });
    show();
    return out;
  }

  /* -- Toetsen -------------------------------------------------------------------------------- */

  var LINK_KEYS = ["vragen", "hoofdstuk"];
  var LINK_MAX = 20000; /* characters: every question of the site fits many times over */
  var LINK_HELP = " Vraag je docent om de link opnieuw te sturen, of kies hieronder een toets.";

  /* A test link's hash, "#vragen=a,b" or "#hoofdstuk=1": {params} or {params, problem} with a
     Dutch sentence for a link that cannot be read (a broken escape, too long, a part the test
     does not know, twice the same part, a part without a value). Never throws. A hash that
     names an element of the page (a heading's anchor) is no test link. */
  function parseHash(hash) {
    var params = Object.create(null);
    var text = hash.replace(/^#/, "");
    if (!text || text.length <= 200 && document.getElementById(text)) return { params: params };
    if (text.length > LINK_MAX) return { params: params, problem: "Deze link is te lang om te lezen." + LINK_HELP };
    var problem = null;
    text.split("&").forEach(function (part) {
      if (problem || !part) return;
      var eq = part.indexOf("=");
      var key, value;
      try {
        key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
        value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1));
      } catch (error) {
        problem = "Deze link is beschadigd: er staat een teken in dat niet goed is overgenomen." + LINK_HELP;
        return;
      }
      var shown = key.length > 40 ? key.slice(0, 40) + "…" : key;
      if (LINK_KEYS.indexOf(key) < 0) problem = "Deze link bevat een onderdeel dat de toets niet kent (" + shown + ")." + LINK_HELP;
      else if (has(params, key)) problem = "Deze link noemt " + key + " meer dan eens." + LINK_HELP;
      else if (!value.trim()) problem = "Deze link is onvolledig: na " + key + " staat niets." + LINK_HELP;
      else params[key] = value;
    });
    return problem ? { params: Object.create(null), problem: problem } : { params: params };
  }

  /* The test link of this address: its hash, else the test's parts of its query
     (toets.html?vragen=a,b is read as #vragen=a,b; other query parts are not ours). */
  function linkText() {
    if (window.location.hash.length > 1) return window.location.hash;
    return window.location.search.replace(/^\?/, "").split("&").filter(function (part) {
      return /^(?:vragen|hoofdstuk)(?:=|$)/.test(part);
    }).join("&");
  }

  /* Voortgang, Herhalen and Voor docenten read no link: a hash (or a test's query part) that
     is not an anchor of the page gets one note above the view, and a test link the way to
     its test. Called again on every hashchange. */
  function linkNote(box, root) {
    var old = box.querySelector(".ss-study__link-note");
    if (old) old.remove();
    var text = linkText();
    var parsed = parseHash(text);
    if (!text.replace(/^#/, "") || !parsed.problem && !Object.keys(parsed.params).length) return;
    var note = el("p", { class: "ss-study__missing ss-study__link-note", role: "note" });
    if (parsed.problem) {
      note.textContent = "Deze pagina kan niets met het laatste deel van deze link (na # of ?); verder werkt ze gewoon.";
    } else {
      note.appendChild(document.createTextNode("Deze link hoort bij een toets: "));
      note.appendChild(el("a", { href: root + DATA.views.toets + "#" + text.replace(/^#/, ""), text: "open de toets" }));
      note.appendChild(document.createTextNode("."));
    }
    box.insertBefore(note, box.querySelector(".ss-study__app"));
  }

  /* A practice test as in an exam: per section at most TEST_PER_PAGE multiple-choice questions,
     `mc` of them in all, then `open` open questions (one on a case when there is one). */
  function drawn(pages, mcCount, openCount) {
    var mc = [];
    var open = [];
    pages.forEach(function (page) {
      var qs = page.questions.map(function (id) { return index.questions[id]; }).filter(Boolean);
      mc = mc.concat(shuffled(qs.filter(function (q) { return q.kind === "mc"; })).slice(0, TEST_PER_PAGE));
      open = open.concat(qs.filter(function (q) { return q.kind === "open"; }));
    });
    var onCase = function (q) { return !!(q.context && q.context.length); };
    var cases = shuffled(open.filter(onCase));
    var picked = cases.length && openCount > 0 ? [cases[0]] : [];
    picked = picked.concat(shuffled(open.filter(function (q) { return picked.indexOf(q) < 0; }))
      .slice(0, Math.max(0, openCount - picked.length)));
    return shuffled(mc).slice(0, mcCount).concat(picked).map(function (q) { return q.id; });
  }

  /* The suggested time: minutes per multiple-choice question and per rubric point, rounded up
     to five minutes (study-data.js "test"). */
  function suggestedMinutes(ids) {
    var t = DATA.test;
    var total = ids.reduce(function (sum, id) {
      var q = index.questions[id];
      return sum + (q.kind === "open" ? t.point_minutes * maxPoints(q) : t.mc_minutes);
    }, 0);
    return Math.max(5, Math.ceil(total / 5) * 5);
  }

  function testChooser(root) {
    var out = el("div", { class: "ss-study__chooser" });
    out.appendChild(el("p", { text: "Kies een proeftoets over de hele stof van een hoofdstuk of van de hele cursus: " +
      "meerkeuzevragen en open vragen, zoals op een echte toets, met een aanbevolen tijd. Na het inleveren zie " +
      "je je score en de uitleg bij elke fout, en beoordeel je je open antwoorden zelf met het antwoordmodel." }));
    var list = el("ul");
    DATA.chapters.forEach(function (chapter) {
      list.appendChild(el("li", {}, [el("a", { href: "#hoofdstuk=" + chapter.number, text: "Proeftoets hoofdstuk " + chapter.title })]));
    });
    list.appendChild(el("li", {}, [el("a", { href: "#hoofdstuk=alle", text: "Proeftoets over de hele cursus" })]));
    out.appendChild(list);
    return out;
  }

  /* "Beoordeling: …" as a list, for the review card and the answer key. */
  function rubricList(q) {
    return el("div", { class: "ss-study__rubric-list" }, [
      el("p", {}, [el("strong", { text: "Beoordeling (" + maxPoints(q) + " punten):" })]),
      el("ul", {}, q.rubric.map(function (r) {
        return el("li", { text: r.t + " (" + r.p + (r.p === 1 ? " punt)" : " punten)") });
      }))
    ]);
  }

  /* The review schedule an open question's self-score gives it: a new card graded once at the
     time of the test (score below half: Opnieuw, below three quarters: Moeilijk, below all:
     Goed, all: Makkelijk). Recomputed from the score, so ticking and unticking never adds up. */
  function seedReview(s, q, handedIn) {
    if (!window.FSRS) return;
    var id = "vraag:" + q.id;
    var mine = has(s.reviews, id) ? s.reviews[id] : null;
    if (mine && mine.h === q.hash && mine.t > handedIn) return; /* reviewed since: its own schedule */
    var share = maxPoints(q) ? pointsOf(q, s.scores[q.id].k) / maxPoints(q) : 0;
    var rating = share < 0.5 ? 1 : share < 0.75 ? 2 : share < 1 ? 3 : 4;
    var scheduler = window.FSRS.fsrs({ enable_fuzz: false, enable_short_term: false });
    var next = scheduler.repeat(window.FSRS.createEmptyCard(new Date(handedIn)), new Date(handedIn))[rating].card;
    if (rating === 1) next = Object.assign({}, next, { due: new Date(handedIn) });
    s.reviews[id] = { h: q.hash, c: JSON.parse(JSON.stringify(next)), t: handedIn };
  }

  function test(box, root, store) {
    var parsed = parseHash(linkText());
    var params = parsed.params;
    if (parsed.problem) {
      var unread = el("div");
      unread.appendChild(el("p", { class: "ss-study__missing", text: parsed.problem }));
      unread.appendChild(testChooser(root));
      return unread;
    }
    var ids = null;
    var title = "";
    var intro = "";
    var missing = [];
    if (params.vragen !== undefined) {
      ids = [];
      params.vragen.split(",").map(function (s) { return s.trim(); }).filter(Boolean).forEach(function (id) {
        if (has(index.questions, id)) { if (ids.indexOf(id) < 0) ids.push(id); }
        else if (missing.indexOf(id) < 0) missing.push(id);
      });
      title = "Toets van je docent";
      intro = ids.length === 1 ? "Je docent heeft deze vraag voor je gekozen." :
        "Je docent heeft deze " + ids.length + " vragen voor je gekozen.";
    } else if (params.hoofdstuk !== undefined) {
      var chapters = params.hoofdstuk === "alle" ? DATA.chapters : DATA.chapters.filter(function (c) {
        return String(c.number) === params.hoofdstuk;
      });
      if (!chapters.length) {
        var wrong = el("div");
        wrong.appendChild(el("p", { class: "ss-study__missing", text: "Hoofdstuk " + params.hoofdstuk + " bestaat niet." }));
        wrong.appendChild(testChooser(root));
        return wrong;
      }
      var pages = [];
      chapters.forEach(function (c) { pages = pages.concat(c.pages); });
      var whole = params.hoofdstuk === "alle";
      ids = drawn(pages, whole ? DATA.test.course_mc : DATA.test.mc, whole ? DATA.test.course_open : DATA.test.open);
      title = whole ? "Proeftoets over de hele cursus" : "Proeftoets hoofdstuk " + chapters[0].title;
      intro = ids.length + (ids.length === 1 ? " vraag" : " vragen") + " uit de hele stof van " +
        (whole ? "de cursus." : "dit hoofdstuk.");
    } else {
      return testChooser(root);
    }

    var out = el("form", { class: "ss-study__test", novalidate: "" });
    out.appendChild(el("h2", { text: title }));
    if (missing.length) {
      out.appendChild(el("p", { class: "ss-study__missing", role: "note", text:
        (missing.length === 1 ? "Deze vraag bestaat niet meer en is overgeslagen: " : "Deze vragen bestaan niet meer en zijn overgeslagen: ") +
        missing.join(", ") + "." }));
    }
    if (!ids.length) {
      out.appendChild(el("p", { text: "Er zijn geen vragen om te maken." }));
      out.appendChild(testChooser(root));
      return out;
    }
    var mcIds = ids.filter(function (id) { return index.questions[id].kind === "mc"; });
    var openIds = ids.filter(function (id) { return index.questions[id].kind === "open"; });
    var openMax = openIds.reduce(function (sum, id) { return sum + maxPoints(index.questions[id]); }, 0);
    var how = " Aanbevolen tijd: " + suggestedMinutes(ids) + " minuten.";
    if (openIds.length) {
      how += " Meerkeuzevragen tellen 1 punt; bij een open vraag staat hoeveel punten je kunt halen. " +
        "Je ziet pas na het inleveren wat goed en fout is; je open antwoorden beoordeel je dan zelf met het antwoordmodel.";
    } else {
      how += " Je ziet pas na het inleveren wat goed en fout is.";
    }
    out.appendChild(el("p", { class: "ss-study__intro", text: intro + how }));
    var print = el("button", { type: "button", class: "md-button ss-screen-only ss-study__print", text: "Afdrukken als toetsblad" });
    print.addEventListener("click", function () { window.print(); });
    out.appendChild(el("p", { class: "ss-screen-only" }, [print]));
    var list = el("ul", { class: "ss-study__questions" });
    var letters = {}; /* the right option's letter as shown (and printed: A, B, C, ...) */
    ids.forEach(function (id, n) {
      var q = index.questions[id];
      var open = q.kind === "open";
      var fieldset = el("fieldset", { class: "ss-study__question" + (open ? " ss-study__question--open" : ""), "data-question": id });
      fieldset.appendChild(el("legend", {}, [el("span", { class: "ss-study__number", text: (n + 1) + ". " }), q.text,
        open ? el("span", { class: "ss-study__worth", text: " (" + maxPoints(q) + " punten)" }) : null]));
      /* The question first (it says what to look for), then the case it needs, then the options. */
      contextBoxes(q, root).forEach(function (box) { if (box) fieldset.appendChild(box); });
      if (open) {
        fieldset.appendChild(el("label", { for: "t-" + id, class: "ss-study__answer-label", text: "Jouw antwoord" }));
        fieldset.appendChild(el("textarea", { id: "t-" + id, name: "t-" + id, rows: "7", class: "ss-study__answer", spellcheck: "true" }));
      } else {
        shuffled(q.options).forEach(function (o, i) {
          if (o.k === q.correct) letters[id] = "ABCDEFGH".charAt(i);
          fieldset.appendChild(el("label", { class: "ss-study__option" }, [
            el("input", { type: "radio", name: "t-" + id, value: o.k }), el("span", { text: o.t })
          ]));
        });
      }
      list.appendChild(el("li", {}, [fieldset]));
    });
    out.appendChild(list);
    var submit = el("button", { type: "submit", class: "md-button md-button--primary", text: "Inleveren" });
    out.appendChild(submit);
    var ask = el("div");
    out.appendChild(ask);
    var result = el("div", { class: "ss-study__result" });
    out.appendChild(result);

    /* On paper: the answer key and the rubrics after the questions (print.css shows it). */
    var key = el("section", { class: "ss-study__key ss-print-only" }, [
      el("h2", { text: "Antwoorden en beoordeling" })
    ]);
    var keyList = el("ol");
    ids.forEach(function (id) {
      var q = index.questions[id];
      if (q.kind === "open") {
        keyList.appendChild(el("li", {}, [el("p", {}, [el("strong", { text: "Modelantwoord: " }), q.answer]), rubricList(q)]));
      } else {
        var right = q.options.filter(function (o) { return o.k === q.correct; })[0];
        keyList.appendChild(el("li", {}, [el("p", {}, [el("strong", { text: "Juist: " + letters[id] + ". " }), right ? right.t : ""])]));
      }
    });
    key.appendChild(keyList);
    out.appendChild(key);

    function answered(id) {
      var q = index.questions[id];
      if (q.kind === "open") return !!out.querySelector('textarea[name="t-' + id + '"]').value.trim();
      return !!out.querySelector('input[name="t-' + id + '"]:checked');
    }

    /* Unanswered questions: ask in the page first (keyboard and screen reader: an alert
       dialog that takes the focus; Escape or "Verder met de toets" goes back to the first
       open question). */
    function confirmOpen(open) {
      ask.textContent = "";
      var text = "Je hebt " + open.length + " van de " + ids.length + " vragen nog niet beantwoord (" +
        numbers(open.map(function (id) { return ids.indexOf(id) + 1; })) + "). Wil je toch inleveren?";
      var stay = el("button", { type: "button", class: "md-button md-button--primary", text: "Verder met de toets" });
      var go = el("button", { type: "button", class: "md-button", text: "Toch inleveren" });
      var box = el("div", { class: "ss-study__confirm", role: "alertdialog", "aria-labelledby": "ss-study-confirm" }, [
        el("p", { id: "ss-study-confirm", text: text }),
        el("div", { class: "ss-study__actions" }, [stay, go])
      ]);
      function back() {
        ask.textContent = "";
        var first = out.querySelector('[name="t-' + open[0] + '"]');
        if (first) first.focus();
      }
      stay.addEventListener("click", back);
      go.addEventListener("click", handIn);
      box.addEventListener("keydown", function (event) {
        if (event.key === "Escape") { event.preventDefault(); back(); }
      });
      ask.appendChild(box);
      stay.focus({ preventScroll: true });
      box.scrollIntoView({ block: "nearest" });
    }

    out.addEventListener("submit", function (event) {
      event.preventDefault();
      var open = ids.filter(function (id) { return !answered(id); });
      if (open.length) confirmOpen(open);
      else handIn();
    });

    function handIn() {
      ask.textContent = "";
      var now = Date.now();
      var good = 0;
      var wrong = [];
      var chosen = {};
      var written = {};
      mcIds.forEach(function (id) {
        var input = out.querySelector('input[name="t-' + id + '"]:checked');
        chosen[id] = input ? input.value : null;
        if (chosen[id] === index.questions[id].correct) good += 1;
        else wrong.push(id);
      });
      openIds.forEach(function (id) { written[id] = out.querySelector('textarea[name="t-' + id + '"]').value.trim(); });
      var ticks = {};
      openIds.forEach(function (id) { ticks[id] = []; });
      /* This attempt's answers; an open question starts unscored (no points ticked yet). */
      var kept = store.update(function (s) {
        mcIds.forEach(function (id) { if (chosen[id]) s.answers[id] = { o: chosen[id], t: now }; });
        openIds.forEach(function (id) {
          var q = index.questions[id];
          s.scores[id] = { k: [], h: q.hash, t: now };
          seedReview(s, q, now);
        });
      });
      Array.prototype.forEach.call(out.querySelectorAll("input, textarea"), function (input) {
        if (input.tagName === "TEXTAREA") input.readOnly = true;
        else input.disabled = true;
      });
      submit.hidden = true;
      result.textContent = "";
      var total = mcIds.length + openMax;
      var score = el("h2", { tabindex: "-1" });
      var openLine = el("p", { class: "ss-study__open-total", role: "status" });
      function tally() {
        var points = good + openIds.reduce(function (sum, id) { return sum + pointsOf(index.questions[id], ticks[id]); }, 0);
        score.textContent = openIds.length
          ? "Je score: " + points + " van " + total + " punten (" + percent(points, total) + ")"
          : "Je score: " + good + " van " + ids.length + " goed (" + percent(good, ids.length) + ")";
        if (openIds.length) {
          var mine = points - good;
          openLine.textContent = "Meerkeuzevragen: " + good + " van " + mcIds.length + " goed. Open vragen: " +
            mine + " van " + openMax + " punten.";
        }
      }
      tally();
      result.appendChild(score);
      if (!kept) store.notice(score);
      if (openIds.length) {
        result.appendChild(openLine);
        result.appendChild(el("p", { text: "Je punten voor de open vragen tellen pas als je ze hieronder zelf beoordeelt." }));
      }
      if (wrong.length) {
        result.appendChild(el("h3", { text: "Meerkeuzevragen: wat ging er fout" }));
        var review = el("ul", { class: "ss-study__wrong" });
        wrong.forEach(function (id) {
          var q = index.questions[id];
          var right = q.options.filter(function (o) { return o.k === q.correct; })[0];
          var mine = q.options.filter(function (o) { return o.k === chosen[id]; })[0];
          var page = pageOf(q.page);
          review.appendChild(el("li", { "data-question": id }, [
            el("p", { class: "ss-study__prompt", text: "Vraag " + (ids.indexOf(id) + 1) + ": " + q.text }),
            el("p", { text: "Jouw antwoord: " + (mine ? mine.t : "geen antwoord") }),
            el("p", { text: "Juist antwoord: " + (right ? right.t : "") }),
            q.explanation ? el("p", { text: q.explanation }) : null,
            page ? el("p", {}, ["Lees het na in ", link(root, page.href, page.title), "."]) : null
          ]));
        });
        result.appendChild(review);
      } else if (mcIds.length) {
        result.appendChild(el("p", { text: "Alle meerkeuzevragen goed!" }));
      }
      if (openIds.length) {
        result.appendChild(el("h3", { text: "Open vragen: beoordeel je antwoord" }));
        result.appendChild(el("p", { text: "Lees het modelantwoord en vink aan welke punten in jouw antwoord staan. " +
          "Je punten worden meteen bewaard; ze tellen mee in Mijn voortgang en de vraag komt terug in Herhalen." }));
        var scoring = el("ul", { class: "ss-study__scoring" });
        openIds.forEach(function (id) {
          var q = index.questions[id];
          var page = pageOf(q.page);
          var line = el("p", { class: "ss-study__points" });
          var show = function () { line.textContent = "Jouw punten: " + pointsOf(q, ticks[id]) + " van " + maxPoints(q) + "."; };
          var rubric = el("fieldset", { class: "ss-study__rubric" }, [el("legend", { text: "Welke punten staan in jouw antwoord?" })]);
          q.rubric.forEach(function (r) {
            var box = el("input", { type: "checkbox", value: r.k });
            box.addEventListener("change", function () {
              ticks[id] = Array.prototype.map.call(rubric.querySelectorAll("input:checked"), function (input) {
                return input.value;
              });
              var when = Date.now();
              var saved = store.update(function (s) {
                s.scores[id] = { k: ticks[id].slice(), h: q.hash, t: when };
                seedReview(s, q, now);
              });
              if (!saved) store.notice(line);
              show();
              tally();
            });
            rubric.appendChild(el("label", { class: "ss-study__option" }, [box,
              el("span", { text: r.t + " (" + r.p + (r.p === 1 ? " punt)" : " punten)") })]));
          });
          show();
          scoring.appendChild(el("li", { "data-question": id }, [
            el("p", { class: "ss-study__prompt", text: "Vraag " + (ids.indexOf(id) + 1) + ": " + q.text }),
            el("p", {}, [el("strong", { text: "Jouw antwoord:" })]),
            el("p", { class: "ss-study__mine", text: written[id] || "geen antwoord" }),
            el("p", {}, [el("strong", { text: "Modelantwoord: " }), q.answer]),
            rubric,
            line,
            page ? el("p", {}, ["Lees het na in ", link(root, page.href, page.title), "."]) : null
          ]));
        });
        result.appendChild(scoring);
      }
      result.appendChild(el("p", {}, [el("a", { href: "#", text: "Kies een andere toets" }), " of ",
        link(root, DATA.views.voortgang, "bekijk je voortgang"), "."]));
      /* The score below the sticky header (study.css: scroll-margin-top), and focused. */
      score.focus({ preventScroll: true });
      score.scrollIntoView({ block: "start" });
    }
    return out;
  }

  /* -- Voor docenten: a link to a test of chosen questions --------------------------------------- */

  function testLinks(box, root) {
    var out = el("div", { class: "ss-study__links" });
    var base = new URL(root + DATA.views.toets, window.location.href).href;
    /* The link and its copy button (copy-links.js, the one copy implementation). */
    var say = el("p", { class: "ss-study__link-text" });
    var anchor = el("a", { class: "ss-study__url ss-links__url" });
    var copy = el("button", { type: "button", class: "md-button ss-copy", "data-copy": base, hidden: true }, [
      el("span", { class: "ss-copy__label", text: "Kopieer link" }),
      el("span", { class: "ss-visually-hidden", text: " naar deze toets" })
    ]);
    var cell = el("div", { class: "ss-links__cell" }, [anchor, copy]);
    var output = el("div", { class: "ss-study__link ss-links ss-copy-box" }, [say, cell]);
    var form = el("form", {});
    /* Per section a collapsed list of its questions (open ones say so, with their points). */
    DATA.chapters.forEach(function (chapter) {
      var group = el("fieldset", { class: "ss-study__chapter" }, [el("legend", { text: chapter.title })]);
      chapter.pages.forEach(function (page) {
        var qs = page.questions.filter(function (id) { return has(index.questions, id); });
        if (!qs.length) return;
        var section = el("details", {}, [el("summary", { text: page.title + " (" + qs.length + " vragen)" })]);
        qs.forEach(function (id) {
          var q = index.questions[id];
          section.appendChild(el("label", { class: "ss-study__pick" }, [
            el("input", { type: "checkbox", value: id }), el("span", {}, [q.text,
              q.kind === "open" ? el("em", { text: " (open vraag, " + maxPoints(q) + " punten)" }) : null])
          ]));
        });
        group.appendChild(section);
      });
      form.appendChild(group);
    });
    function update() {
      var picked = Array.prototype.map.call(form.querySelectorAll("input:checked"), function (i) { return i.value; });
      cell.hidden = !picked.length;
      if (!picked.length) { say.textContent = "Kies hieronder een of meer vragen; hier verschijnt dan de link."; return; }
      var href = base + "#vragen=" + picked.join(",");
      say.textContent = "Link naar een toets met " + picked.length + (picked.length === 1 ? " vraag:" : " vragen:");
      anchor.setAttribute("href", href);
      anchor.textContent = "";
      anchor.appendChild(el("code", { text: href }));
      copy.setAttribute("data-copy", href);
    }
    form.addEventListener("change", update);
    out.appendChild(output);
    out.appendChild(form);
    update();
    if (window.StudyCopyLinks) window.StudyCopyLinks.show(out);
    return out;
  }

  /* -- mount ---------------------------------------------------------------------------------- */

  var VIEWS = { voortgang: progress, herhalen: review, toets: test, toetslinks: testLinks };

  function render(box, root, store) {
    var view = VIEWS[box.getAttribute("data-study")];
    var target = box.querySelector(".ss-study__app");
    target.textContent = "";
    target.appendChild(view(box, root, store));
  }

  function init() {
    if (!DATA || !Store) return;
    buildIndex();
    Array.prototype.forEach.call(document.querySelectorAll(".ss-study"), function (box) {
      if (!VIEWS[box.getAttribute("data-study")]) return;
      var root = box.getAttribute("data-root") || "./";
      var store = Store.open(box);
      var nojs = box.querySelector(".ss-study__nojs");
      if (nojs) nojs.hidden = true;
      /* Listening first: whatever the first link did, the next one is read. */
      if (box.getAttribute("data-study") === "toets") {
        window.addEventListener("hashchange", function () { render(box, root, store); });
      } else {
        window.addEventListener("hashchange", function () { linkNote(box, root); });
        linkNote(box, root);
      }
      render(box, root, store);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }

  /* In Node only (tests/test_study_js.py): the logic of tests and review, on a fake page. */
  if (typeof module === "object" && module.exports) {
    module.exports = {
      drawn: drawn, suggestedMinutes: suggestedMinutes, parseHash: parseHash, dueToday: dueToday,
      session: session, seedReview: seedReview, maxPoints: maxPoints, pointsOf: pointsOf,
      allCards: allCards, NEW_PER_DAY: NEW_PER_DAY, TEST_PER_PAGE: TEST_PER_PAGE
    };
  }
})();
