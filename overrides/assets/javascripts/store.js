/* What a student did, kept in this browser only: answers to questions and review schedules.
 *
 * One localStorage entry per site copy, key "<course>:v1:" + the URL of the site root (the
 * course's storage namespace comes from the page: data-store on the widget, from the course's
 * data/course.yml `storage`),
 * so two sites on one origin and two unzipped copies never share or clobber each other. Value:
 *   {"version": 1,
 *    "answers": {"<question id>": {"o": "<option key>", "t": <ms>}},
 *    "reviews": {"<card id>": {"h": "<content hash>", "c": <FSRS card>, "t": <ms>}},
 *    "introduced": {"<card id>": <ms>},
 *    "scores": {"<question id>": {"k": ["<rubric point key>", …], "h": "<content hash>", "t": <ms>}}}
 * Question ids and option keys come from the data (macros/quiz.py), card ids are "begrip:<id>"
 * and "vraag:<question id>", and the content hash changes when a card's text changes (its
 * schedule then starts again). Everything read is validated entry by entry; a value of any
 * other shape is dropped, never trusted or thrown. The same validation guards imported files.
 * "introduced" (optional, added within version 1) holds the new cards Herhalen handed out today,
 * by card id with the time: the day's limit of new cards holds across reloads and tabs. Only
 * today's entries are kept (older ones are dropped on every write); a value written before the
 * field existed reads as none, and a reader that does not know the field keeps the rest intact,
 * so the version stays 1. It is not exported: it is about this browser's day.
 * "scores" (optional, added within version 1 in the same way): an open question the student
 * scored against its rubric after a test, the keys of the rubric points they ticked (from the
 * data, like option keys: macros/quiz.py), and the question's
 * content hash (a changed question or rubric shows as not scored). Exported and imported.
 *
 * Ids are plain data: every map read or made here has no prototype, so an id such as
 * "constructor" or "hasownproperty" is an id like any other.
 * Values from elsewhere are bounded: a time is a finite number of ms from 1970 up to 2100;
 * a kept time more than a day (clock skew) ahead of this browser's clock is clamped to now
 * (and written so at the next write), so a wrong clock never wins every later merge; an
 * imported one is skipped and reported. A review card's numbers and dates are bounded too.
 * Every write is checked: when the browser refuses (storage full, or not allowed) update()
 * returns false, store.failure says why ("full" or "denied") and notice() shows the student
 * one calm Dutch notice per page, with what to do. What was kept before is never touched by
 * a failed write (setItem writes all or nothing).
 * Vanilla ES2017; window.StudyStore is used by quiz.js and study.js:
 * StudyStore.open(element) reads data-root, data-store and data-progress (the progress page,
 * site-relative) from the widget the build rendered (macros/study.py store_attributes).
 */
(function () {
  "use strict";

  var VERSION = 1;
  var OPTION_KEY = /^[0-9a-f]{8}$/;
  var HASH = /^[0-9a-f]{8,64}$/;
  var ID = /^(?:begrip:|vraag:)?[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var has = Object.prototype.hasOwnProperty;
  var DAY = 24 * 60 * 60 * 1000;
  var SKEW = DAY; /* how far ahead of this clock a kept time may be */
  var END = Date.UTC(2100, 0, 1); /* no time, no due date at or after this */
  var MAX_DAYS = 100 * 365; /* a longer interval or stability is no real schedule */
  var FUTURE = "future"; /* a time ahead of the clock, in an imported file */

  function isObject(value) {
    return !!value && typeof value === "object" && !Array.isArray(value);
  }

  function isTime(value) {
    return typeof value === "number" && isFinite(value) && value >= 0 && value < END;
  }

  /* A time read from storage or from a file: null when absurd; ahead of the clock
     (more than SKEW): FUTURE in an import, clamped to now otherwise. */
  function stamp(value, opts) {
    if (!isTime(value)) return null;
    if (value <= opts.now + SKEW) return value;
    return opts.strict ? FUTURE : opts.now;
  }

  function isCount(value) {
    return typeof value === "number" && isFinite(value) && value >= 0 && Math.floor(value) === value;
  }

  /* An ISO date from 1970 up to 2100, as its time. */
  function dateTime(value) {
    if (typeof value !== "string" || value.length >= 40) return null;
    var t = Date.parse(value);
    return isTime(t) ? t : null;
  }

  function validAnswer(entry, opts) {
    if (!isObject(entry) || typeof entry.o !== "string" || !OPTION_KEY.test(entry.o)) return null;
    var t = stamp(entry.t, opts);
    return t === null || t === FUTURE ? t : { o: entry.o, t: t };
  }

  function inRange(n, top) {
    return typeof n === "number" && isFinite(n) && n >= 0 && n <= top;
  }

  /* An FSRS card as ts-fsrs serialises it (dates as ISO strings), every value bounded. */
  function validCard(card, opts) {
    if (!isObject(card) || dateTime(card.due) === null) return null;
    var tops = { stability: MAX_DAYS, difficulty: 10, elapsed_days: MAX_DAYS, scheduled_days: MAX_DAYS };
    for (var name in tops) {
      if (!inRange(card[name], tops[name])) return null;
    }
    if (!isCount(card.reps) || !isCount(card.lapses) || !isCount(card.learning_steps || 0)) return null;
    if (!inRange(card.reps, 1e6) || !inRange(card.lapses, 1e6) || !inRange(card.learning_steps || 0, 1e3)) return null;
    if (!isCount(card.state) || card.state > 3) return null;
    var last = null;
    if (card.last_review !== undefined && card.last_review !== null) {
      last = stamp(dateTime(card.last_review), opts);
      if (last === null || last === FUTURE) return last;
    }
    var out = {};
    ["due", "stability", "difficulty", "elapsed_days", "scheduled_days", "reps", "lapses", "state"].forEach(
      function (field) { out[field] = card[field]; }
    );
    out.learning_steps = card.learning_steps || 0;
    if (last !== null) out.last_review = last === dateTime(card.last_review) ? card.last_review : new Date(last).toISOString();
    return out;
  }

  function validReview(entry, opts) {
    if (!isObject(entry) || typeof entry.h !== "string" || !HASH.test(entry.h)) return null;
    var t = stamp(entry.t, opts);
    var card = validCard(entry.c, opts);
    if (t === null || card === null) return null;
    if (t === FUTURE || card === FUTURE) return FUTURE;
    return { h: entry.h, c: card, t: t };
  }

  /* A map of entries by id, without prototype; opts.report (if given) counts what was
     left out: invalid (a bad id or value) and future (ahead of the clock, imports only). */
  function validMap(raw, check, opts) {
    var out = Object.create(null);
    if (!isObject(raw)) return out;
    Object.keys(raw).forEach(function (id) {
      var entry = ID.test(id) && id.length <= 120 ? check(raw[id], opts) : null;
      if (entry && entry !== FUTURE) out[id] = entry;
      else if (opts.report) opts.report[entry === FUTURE ? "future" : "invalid"] += 1;
    });
    return out;
  }

  function validScore(entry, opts) {
    if (!isObject(entry) || typeof entry.h !== "string" || !HASH.test(entry.h)) return null;
    if (!Array.isArray(entry.k) || entry.k.length > 50) return null;
    var ticked = [];
    for (var i = 0; i < entry.k.length; i += 1) {
      if (typeof entry.k[i] !== "string" || !OPTION_KEY.test(entry.k[i])) return null;
      if (ticked.indexOf(entry.k[i]) < 0) ticked.push(entry.k[i]);
    }
    var t = stamp(entry.t, opts);
    return t === null || t === FUTURE ? t : { k: ticked.sort(), h: entry.h, t: t };
  }

  function validIntroduced(entry, opts) {
    var t = stamp(entry, opts);
    return t === null || t === FUTURE ? t : { t: t };
  }

  function empty() {
    return {
      answers: Object.create(null), reviews: Object.create(null), introduced: Object.create(null),
      scores: Object.create(null)
    };
  }

  /* Any value -> a valid state (possibly empty). opts: now (ms; default the clock),
     strict (an import: times ahead of the clock are left out, not clamped), report. */
  function clean(data, opts) {
    opts = { now: (opts && opts.now) || Date.now(), strict: !!(opts && opts.strict), report: opts && opts.report };
    if (!isObject(data) || data.version !== VERSION) return empty();
    var introduced = Object.create(null);
    var valid = validMap(data.introduced, validIntroduced, { now: opts.now });
    Object.keys(valid).forEach(function (id) {
      if (/^(?:begrip|vraag):/.test(id)) introduced[id] = valid[id].t;
    });
    return {
      answers: validMap(data.answers, validAnswer, opts),
      reviews: validMap(data.reviews, validReview, opts),
      introduced: introduced,
      scores: validMap(data.scores, validScore, opts)
    };
  }

  /* Why a write failed: "full" (the quota) or "denied" (storage refused or absent). */
  function failure(error) {
    var name = (error && error.name) || "";
    var code = error && error.code;
    if (name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || code === 22 || code === 1014) {
      return "full";
    }
    return "denied";
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

  function Store(relativeRoot, app, progress) {
    if (!app) throw new Error("store.js: dit onderdeel noemt geen opslag (data-store)");
    this.app = app;
    this.key = app + ":v" + VERSION + ":" + rootUrl(relativeRoot);
    this.root = relativeRoot || "./";
    this.progress = progress || "";
    this.failure = null;
  }

  /* Migrations between storage versions: MIGRATE[n](value) turns a value kept by version n into
     one of version n + 1. Version 1 is the first: there is no older version yet, so the table is
     empty (tests/test_store_js.py tries the path with a made-up version 0, in Node only). When
     this store's own key has no entry, read() takes the newest older version's entry that the
     table can bring up to VERSION, validates it like any other value, writes it under its own
     key and leaves the old entry in place (an older copy of the site may still read it). */
  var MIGRATE = Object.create(null);

  /* The newest older version's value for the site at root, brought up to VERSION; or null. */
  function migrated(app, root) {
    for (var n = VERSION - 1; n >= 0 && MIGRATE[n]; n -= 1) {
      var raw = window.localStorage.getItem(app + ":v" + n + ":" + rootUrl(root));
      if (raw !== null) {
        var value = JSON.parse(raw);
        for (var v = n; v < VERSION; v += 1) value = MIGRATE[v](value);
        return value;
      }
    }
    return null;
  }

  Store.prototype.read = function () {
    try {
      var raw = window.localStorage.getItem(this.key);
      var old = raw === null ? migrated(this.app, this.root) : null;
      if (old !== null) {
        var state = clean(old);
        this.write(state); /* checked; when refused, this page still works with the state */
        return state;
      }
      return clean(JSON.parse(raw || "null"));
    } catch (error) {
      return clean(null);
    }
  };

  /* Re-read before writing, so what another tab saved meanwhile survives. Returns false when
     the browser refuses the write (this.failure says why; the caller keeps working in memory
     and shows notice()); what was kept before stays as it was. */
  Store.prototype.update = function (change) {
    var state = this.read();
    change(state);
    return this.write(state);
  };

  /* Write a state as it is (only today's "introduced"; no entry when it is empty), checked
     as update() says. */
  Store.prototype.write = function (state) {
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
      this.failure = null;
      return true;
    } catch (error) {
      this.failure = failure(error);
      return false;
    }
  };

  var CAUSE = {
    full: "de opslag van deze browser is vol",
    denied: "deze browser staat niet toe dat de studiesite iets bewaart"
  };
  var REMEDY = {
    full: "Maak ruimte vrij (wis in de instellingen van je browser de gegevens van andere websites) " +
      "of gebruik een andere browser.",
    denied: "Sta in de instellingen van je browser toe dat websites gegevens bewaren (in een privévenster " +
      "kan dat vaak niet), of gebruik een andere browser."
  };

  /* Why the last write failed and what to do, in Dutch (starts in lower case). */
  Store.prototype.problem = function () {
    var cause = this.failure || "denied";
    return CAUSE[cause] + ". " + REMEDY[cause];
  };

  /* The one notice of a failed write on this page (a second failure shows no second one),
     placed after `near`: what happened and what to do, with a link to Mijn voortgang. */
  Store.prototype.notice = function (near) {
    var shown = document.querySelector(".ss-store-notice");
    if (shown || !near || !near.parentNode) return shown;
    var cause = this.failure || "denied";
    var box = document.createElement("div");
    box.className = "admonition warning ss-store-notice";
    box.setAttribute("role", "status");
    var title = document.createElement("p");
    title.className = "admonition-title";
    title.textContent = "Niet bewaard";
    var what = document.createElement("p");
    what.textContent = "Wat je net deed, is niet bewaard: " + CAUSE[cause] + ". Op deze pagina werkt alles " +
      "gewoon, maar als je hem sluit, is het weg.";
    var todo = document.createElement("p");
    if (cause === "full" && this.progress) {
      var link = document.createElement("a");
      link.href = this.root + this.progress;
      link.textContent = "Mijn voortgang";
      todo.appendChild(document.createTextNode("Wat je eerder deed, staat er nog: zet het veilig met Exporteren op "));
      todo.appendChild(link);
      todo.appendChild(document.createTextNode(". "));
    }
    todo.appendChild(document.createTextNode(REMEDY[cause]));
    box.appendChild(title);
    box.appendChild(what);
    box.appendChild(todo);
    near.parentNode.insertBefore(box, near.nextSibling);
    return box;
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
      app: this.app,
      version: VERSION,
      exported: new Date(now).toISOString(),
      answers: state.answers,
      reviews: state.reviews,
      scores: state.scores
    }, null, 1);
  };

  function counted(n, one, more) {
    return n + " " + (n === 1 ? one : more);
  }

  /* What an import did, in Dutch: what it took and what it left out. */
  function summary(result) {
    var skipped = [];
    if (result.unknown) skipped.push(result.unknown + " voor vragen of begrippen die deze site niet kent (of een antwoord dat niet meer bestaat)");
    if (result.invalid) skipped.push(result.invalid + " met een ongeldige waarde");
    if (result.future) skipped.push(result.future + " met een datum in de toekomst");
    if (result.older) skipped.push(result.older + " die hier al even nieuw of nieuwer " + (result.older === 1 ? "was" : "waren"));
    return skipped.length ? " Overgeslagen: " + skipped.join(", ") + "." : "";
  }

  /* Merge an export file into this store: per entry the newer one wins. known(part, id, entry)
     (optional) says whether this site has that question or card (and that option); other
     entries are skipped. Returns {ok: true, answers: n, reviews: n, message: "<Dutch>"}
     (n: entries taken) or {ok: false, message: "<Dutch>"}; on failure nothing is changed. */
  Store.prototype.importText = function (text, known) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { ok: false, message: "Dit bestand is geen voortgangsbestand van deze studiesite (geen geldige JSON)." };
    }
    if (!isObject(data) || data.app !== this.app) {
      return { ok: false, message: "Dit bestand is geen voortgangsbestand van deze studiesite." };
    }
    if (data.version !== VERSION) {
      return { ok: false, message: "Dit voortgangsbestand heeft een versie die deze studiesite niet kent." };
    }
    var result = { ok: true, answers: 0, reviews: 0, unknown: 0, invalid: 0, future: 0, older: 0 };
    var incoming = clean(data, { strict: true, report: result });
    ["answers", "reviews", "scores"].forEach(function (part) {
      Object.keys(incoming[part]).forEach(function (id) {
        if (known && !known(part, id, incoming[part][id])) {
          delete incoming[part][id];
          result.unknown += 1;
        }
      });
    });
    if (!Object.keys(incoming.answers).length && !Object.keys(incoming.reviews).length &&
        !Object.keys(incoming.scores).length) {
      return { ok: false, message: "Dit voortgangsbestand bevat geen bruikbare antwoorden of herhalingen." + summary(result) };
    }
    var saved = this.update(function (state) {
      result.answers = result.reviews = result.older = 0; /* counted on the state written */
      ["answers", "reviews", "scores"].forEach(function (part) {
        Object.keys(incoming[part]).forEach(function (id) {
          var mine = state[part][id];
          if (!mine || incoming[part][id].t > mine.t) {
            state[part][id] = incoming[part][id];
            result[part === "scores" ? "answers" : part] += 1; /* a scored open answer is an answer */
          } else {
            result.older += 1;
          }
        });
      });
    });
    if (!saved) {
      return { ok: false, message: CAUSE[this.failure] + "; er is niets geïmporteerd. " + REMEDY[this.failure] };
    }
    result.message = "Geïmporteerd: " + counted(result.answers, "antwoord", "antwoorden") + " en " +
      counted(result.reviews, "herhaling", "herhalingen") + "." + summary(result);
    return result;
  };

  window.StudyStore = {
    open: function (widget) {
      return new Store(widget.getAttribute("data-root"), widget.getAttribute("data-store"), widget.getAttribute("data-progress"));
    },
    clean: clean,
    isTime: isTime,
    has: function (object, key) { return has.call(object, key); }
  };

  /* In Node (tests/test_store_js.py): the same api, and the migration table to try; a page
     never sees the table. */
  if (typeof module === "object" && module.exports) {
    module.exports = Object.assign({ migrations: MIGRATE }, window.StudyStore);
  }
})();
