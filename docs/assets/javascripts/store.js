/* What a student did, kept in this browser only: answers to questions and review schedules.
 *
 * One localStorage entry per site copy, key "sales-studiesite:v1:" + the URL of the site root,
 * so two sites on one origin and two unzipped copies never share or clobber each other. Value:
 *   {"version": 1,
 *    "answers": {"<question id>": {"o": "<option key>", "t": <ms>}},
 *    "reviews": {"<card id>": {"h": "<content hash>", "c": <FSRS card>, "t": <ms>}},
 *    "introduced": {"<card id>": <ms>},
 *    "scores": {"<question id>": {"k": [<rubric point index>, …], "h": "<content hash>", "t": <ms>}}}
 * Question ids and option keys come from the data (macros/quiz.py), card ids are "begrip:<id>"
 * and "vraag:<question id>", and the content hash changes when a card's text changes (its
 * schedule then starts again). Everything read is validated entry by entry; a value of any
 * other shape is dropped, never trusted or thrown. The same validation guards imported files.
 * "introduced" (optional, added within version 1) holds the new cards Herhalen handed out today,
 * by card id with the time: the day's limit of new cards holds across reloads and tabs. Only
 * today's entries are kept (older ones are dropped on every write); a value written before the
 * field existed reads as none, and a reader that does not know the field keeps the rest intact,
 * so the version stays 1. It is not exported: it is about this browser's day.
 * "scores" (optional, added within version 1, like "introduced"): an open question the student
 * scored against its rubric after a test, the rubric points they ticked, and the question's
 * content hash (a changed question or rubric shows as not scored). Exported and imported.
 * Vanilla ES2017; window.SalesStore is used by quiz.js and study.js.
 */
(function () {
  "use strict";

  var APP = "sales-studiesite";
  var VERSION = 1;
  var OPTION_KEY = /^[0-9a-f]{8}$/;
  var HASH = /^[0-9a-f]{8,64}$/;
  var ID = /^(?:begrip:|vraag:)?[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var has = Object.prototype.hasOwnProperty;

  function isObject(value) {
    return !!value && typeof value === "object" && !Array.isArray(value);
  }

  function isTime(value) {
    return typeof value === "number" && isFinite(value) && value >= 0;
  }

  function isCount(value) {
    return typeof value === "number" && isFinite(value) && value >= 0 && Math.floor(value) === value;
  }

  function isDate(value) {
    return typeof value === "string" && value.length < 40 && !isNaN(Date.parse(value));
  }

  function validAnswer(entry) {
    if (!isObject(entry) || typeof entry.o !== "string" || !OPTION_KEY.test(entry.o) || !isTime(entry.t)) {
      return null;
    }
    return { o: entry.o, t: entry.t };
  }

  /* An FSRS card as ts-fsrs serialises it (dates as ISO strings). */
  function validCard(card) {
    if (!isObject(card) || !isDate(card.due)) return null;
    var numbers = ["stability", "difficulty", "elapsed_days", "scheduled_days"];
    for (var i = 0; i < numbers.length; i += 1) {
      var n = card[numbers[i]];
      if (typeof n !== "number" || !isFinite(n) || n < 0) return null;
    }
    if (!isCount(card.reps) || !isCount(card.lapses) || !isCount(card.learning_steps || 0)) return null;
    if (!isCount(card.state) || card.state > 3) return null;
    if (card.last_review !== undefined && card.last_review !== null && !isDate(card.last_review)) return null;
    var out = {};
    ["due", "stability", "difficulty", "elapsed_days", "scheduled_days", "reps", "lapses", "state"].forEach(
      function (name) { out[name] = card[name]; }
    );
    out.learning_steps = card.learning_steps || 0;
    if (card.last_review) out.last_review = card.last_review;
    return out;
  }

  function validReview(entry) {
    if (!isObject(entry) || typeof entry.h !== "string" || !HASH.test(entry.h) || !isTime(entry.t)) return null;
    var card = validCard(entry.c);
    return card ? { h: entry.h, c: card, t: entry.t } : null;
  }

  function validMap(raw, check) {
    var out = {};
    if (!isObject(raw)) return out;
    Object.keys(raw).forEach(function (id) {
      if (!ID.test(id) || id.length > 120) return;
      var entry = check(raw[id]);
      if (entry) out[id] = entry;
    });
    return out;
  }

  function validScore(entry) {
    if (!isObject(entry) || typeof entry.h !== "string" || !HASH.test(entry.h) || !isTime(entry.t)) return null;
    if (!Array.isArray(entry.k) || entry.k.length > 50) return null;
    var ticked = [];
    for (var i = 0; i < entry.k.length; i += 1) {
      var k = entry.k[i];
      if (!isCount(k) || k >= 50) return null;
      if (ticked.indexOf(k) < 0) ticked.push(k);
    }
    return { k: ticked.sort(function (a, b) { return a - b; }), h: entry.h, t: entry.t };
  }

  function validIntroduced(entry) {
    return isTime(entry) ? { t: entry } : null;
  }

  /* Any value -> a valid state (possibly empty). */
  function clean(data) {
    if (!isObject(data) || data.version !== VERSION) return { answers: {}, reviews: {}, introduced: {}, scores: {} };
    var introduced = {};
    var valid = validMap(data.introduced, validIntroduced);
    Object.keys(valid).forEach(function (id) {
      if (/^(?:begrip|vraag):/.test(id)) introduced[id] = valid[id].t;
    });
    return {
      answers: validMap(data.answers, validAnswer),
      reviews: validMap(data.reviews, validReview),
      introduced: introduced,
      scores: validMap(data.scores, validScore)
    };
  }

  function startOfDay(ms) {
    var d = new Date(ms);
    d.setHours(0, 0, 0, 0);
    return d.getTime();
  }

  function rootUrl(relative) {
    var url = new URL(relative || "./", window.location.href);
    url.hash = "";
    url.search = "";
    return url.href;
  }

  function Store(relativeRoot) {
    this.key = APP + ":v" + VERSION + ":" + rootUrl(relativeRoot);
  }

  Store.prototype.read = function () {
    try {
      return clean(JSON.parse(window.localStorage.getItem(this.key) || "null"));
    } catch (error) {
      return clean(null);
    }
  };

  /* Re-read before writing, so what another tab saved meanwhile survives. Returns false when
     storage is unavailable (the caller keeps working in memory). */
  Store.prototype.update = function (change) {
    var state = this.read();
    change(state);
    var today = startOfDay(Date.now());
    var introduced = {};
    Object.keys(state.introduced || {}).forEach(function (id) {
      if (isTime(state.introduced[id]) && state.introduced[id] >= today) introduced[id] = state.introduced[id];
    });
    try {
      var scores = state.scores || {};
      if (Object.keys(state.answers).length || Object.keys(state.reviews).length || Object.keys(introduced).length ||
          Object.keys(scores).length) {
        var value = { version: VERSION, answers: state.answers, reviews: state.reviews };
        if (Object.keys(introduced).length) value.introduced = introduced;
        if (Object.keys(scores).length) value.scores = scores;
        window.localStorage.setItem(this.key, JSON.stringify(value));
      } else {
        window.localStorage.removeItem(this.key);
      }
      return true;
    } catch (error) {
      return false;
    }
  };

  Store.prototype.reset = function () {
    return this.update(function (state) {
      state.answers = {}; state.reviews = {}; state.introduced = {}; state.scores = {};
    });
  };

  /* The export file: the same data with a header that says what it is. */
  Store.prototype.exportText = function (now) {
    var state = this.read();
    return JSON.stringify({
      app: APP,
      version: VERSION,
      exported: new Date(now).toISOString(),
      answers: state.answers,
      reviews: state.reviews,
      scores: state.scores
    }, null, 1);
  };

  /* Merge an export file into this store: per entry the newer one wins. Returns
     {ok: true, answers: n, reviews: n} or {ok: false, message: "<Dutch>"}; on failure
     nothing is changed. */
  Store.prototype.importText = function (text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { ok: false, message: "Dit bestand is geen voortgangsbestand van deze studiesite (geen geldige JSON)." };
    }
    if (!isObject(data) || data.app !== APP) {
      return { ok: false, message: "Dit bestand is geen voortgangsbestand van deze studiesite." };
    }
    if (data.version !== VERSION) {
      return { ok: false, message: "Dit voortgangsbestand heeft een versie die deze studiesite niet kent." };
    }
    var incoming = clean(data);
    var counts = {
      answers: Object.keys(incoming.answers).length + Object.keys(incoming.scores).length,
      reviews: Object.keys(incoming.reviews).length
    };
    if (!counts.answers && !counts.reviews) {
      return { ok: false, message: "Dit voortgangsbestand bevat geen bruikbare antwoorden of herhalingen." };
    }
    var saved = this.update(function (state) {
      ["answers", "reviews", "scores"].forEach(function (part) {
        Object.keys(incoming[part]).forEach(function (id) {
          var mine = state[part][id];
          if (!mine || incoming[part][id].t > mine.t) state[part][id] = incoming[part][id];
        });
      });
    });
    if (!saved) return { ok: false, message: "Deze browser staat niet toe dat de studiesite iets bewaart." };
    return { ok: true, answers: counts.answers, reviews: counts.reviews };
  };

  window.SalesStore = {
    open: function (relativeRoot) { return new Store(relativeRoot); },
    clean: clean,
    has: function (object, key) { return has.call(object, key); }
  };
})();
