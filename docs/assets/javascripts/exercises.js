/* Interactive exercises (markup from macros/exercises.py): the NPS calculator and the target split.
 *
 * The arithmetic and the Dutch result texts mirror macros/calc.py function for function (same
 * result keys, same texts); tests/test_calc_js.py loads this file in Node and compares both on the
 * same cases. Whole numbers only (counts, euros, tenths of a percent), rounding half away from zero.
 * Vanilla ES2017, no dependencies, works from file://.
 */
(function () {
  "use strict";

  var SCORES = 11;
  var MAX_COUNT = 1000000;
  var MAX_AMOUNT = 1000000000000;
  var MINUS = "\u2212";
  var NBSP = "\u00a0";

  function CalcError(code, message, field) {
    this.name = "CalcError";
    this.code = code;
    this.message = message;
    this.field = field === undefined ? null : field;
  }
  CalcError.prototype = Object.create(Error.prototype);
  CalcError.prototype.constructor = CalcError;

  function isInt(value) {
    return typeof value === "number" && Number.isInteger(value);
  }

  /* num / den rounded to a whole number, halves away from zero (den > 0; exact below 2**53). */
  function roundDiv(num, den) {
    var a = Math.abs(num);
    var r = a % den;
    var q = (a - r) / den;
    if (2 * r >= den) q += 1;
    return num < 0 ? -q : q;
  }

  /* -- Dutch number formatting ------------------------------------------------------------- */

  function fmtInt(n) {
    var text = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return n < 0 ? MINUS + text : text;
  }

  function fmtTenths(t) {
    var a = Math.abs(t);
    var tenth = a % 10;
    var text = fmtInt((a - tenth) / 10) + (tenth ? "," + tenth : "");
    return t < 0 ? MINUS + text : text;
  }

  function fmtSignedTenths(t) {
    return t > 0 ? "+" + fmtTenths(t) : fmtTenths(t);
  }

  function fmtPct(t) {
    return fmtTenths(t) + NBSP + "%";
  }

  function fmtEuro(n) {
    return "\u20ac" + NBSP + fmtInt(n);
  }

  function fmtSignedEuro(n) {
    if (n === 0) return fmtEuro(0);
    return (n > 0 ? "+" : MINUS) + NBSP + fmtEuro(Math.abs(n));
  }

  function sum(values) {
    return values.reduce(function (a, b) { return a + b; }, 0);
  }

  /* -- Net Promoter Score ------------------------------------------------------------------ */

  function nps(counts) {
    if (counts.length !== SCORES) {
      throw new CalcError("length", "Er zijn precies 11 aantallen nodig: score 0 tot en met 10.");
    }
    counts.forEach(function (count, i) {
      if (!isInt(count) || count < 0) {
        throw new CalcError("invalid", "Aantal keer score " + i + ": vul een heel getal van 0 of meer in.", "score-" + i);
      }
      if (count > MAX_COUNT) {
        throw new CalcError("too_large", "Aantal keer score " + i + ": dat is te groot (hoogstens " + fmtInt(MAX_COUNT) + ").", "score-" + i);
      }
    });
    var total = sum(counts);
    if (total === 0) {
      throw new CalcError("empty", "Vul minstens één aantal in: nu zijn er 0 respondenten.", "score-0");
    }
    var detractors = sum(counts.slice(0, 7));
    var passives = sum(counts.slice(7, 9));
    var promoters = sum(counts.slice(9, 11));
    return {
      counts: counts.slice(),
      total: total,
      promoters: promoters,
      passives: passives,
      detractors: detractors,
      promoters_pct: roundDiv(promoters * 1000, total),
      passives_pct: roundDiv(passives * 1000, total),
      detractors_pct: roundDiv(detractors * 1000, total),
      score: roundDiv((promoters - detractors) * 1000, total),
      score_whole: roundDiv((promoters - detractors) * 100, total),
      rounded: [promoters, passives, detractors].some(function (g) { return (g * 1000) % total !== 0; })
    };
  }

  function npsReport(r) {
    var summary = "Uitkomst: NPS = " + fmtSignedTenths(r.score);
    if (r.score % 10 !== 0) {
      summary += " (afgerond op een heel getal: " + fmtSignedTenths(r.score_whole * 10) + ")";
    }
    var total = fmtInt(r.total);
    return {
      summary: summary + ".",
      lines: [
        "Totaal aantal respondenten: " + total,
        "Promotors (9–10): " + fmtInt(r.promoters) + " van de " + total + " = " + fmtPct(r.promoters_pct),
        "Passief tevredenen (7–8): " + fmtInt(r.passives) + " van de " + total + " = " + fmtPct(r.passives_pct),
        "Criticasters (0–6): " + fmtInt(r.detractors) + " van de " + total + " = " + fmtPct(r.detractors_pct),
        "NPS = % promotors " + MINUS + " % criticasters = " + fmtTenths(r.promoters_pct) + " " + MINUS + " " +
          fmtTenths(r.detractors_pct) + " = " + fmtSignedTenths(r.score)
      ],
      note: r.rounded
        ? "De percentages zijn afgerond op één decimaal. De NPS is berekend met de onafgeronde " +
          "percentages en kan daardoor 0,1 afwijken van het verschil van de afgeronde percentages."
        : ""
    };
  }

  /* -- Target split: top-down against bottom-up -------------------------------------------- */

  function shareTenths(share, name, i) {
    var message = "Aandeel " + name + ": vul een percentage van 0 tot en met 100 in, hoogstens één decimaal (zoals 25 of 33,3).";
    if (typeof share !== "number" || !isFinite(share)) throw new CalcError("share", message, "share-" + i);
    var tenths = Math.round(share * 10);
    if (Math.abs(share * 10 - tenths) > 1e-6 || tenths < 0 || tenths > 1000) {
      throw new CalcError("share", message, "share-" + i);
    }
    return tenths;
  }

  function targetSplit(total, shares, bottomUp, names) {
    if (!names.length || names.length !== shares.length || names.length !== bottomUp.length) {
      throw new CalcError("rows", "Elke regio heeft een naam, een aandeel en een bottom-up bedrag nodig.");
    }
    if (!isInt(total) || !(total > 0 && total <= MAX_AMOUNT)) {
      throw new CalcError("total", "Jaartarget: vul een bedrag in hele euro's in, groter dan 0 en hoogstens " + fmtEuro(MAX_AMOUNT) + ".", "total");
    }
    var tenths = shares.map(function (share, i) { return shareTenths(share, names[i], i); });
    bottomUp.forEach(function (amount, i) {
      if (!isInt(amount) || !(amount >= 0 && amount <= MAX_AMOUNT)) {
        throw new CalcError("bottom_up", "Bottom-up " + names[i] + ": vul een bedrag in hele euro's in, 0 of meer.", "bottom-up-" + i);
      }
    });
    var shareSum = sum(tenths);
    if (shareSum !== 1000) {
      throw new CalcError("shares_sum", "De aandelen tellen op tot " + fmtPct(shareSum) + " in plaats van 100" + NBSP + "%. " +
        "Pas ze aan, zodat de hele target over de regio's wordt verdeeld.", "share-0");
    }
    var remainders = tenths.map(function (t) { return (total * t) % 1000; });
    var floors = tenths.map(function (t, i) { return (total * t - remainders[i]) / 1000; });
    var left = total - sum(floors);
    var order = tenths.map(function (t, i) { return i; });
    order.sort(function (a, b) { return remainders[b] - remainders[a] || a - b; });
    order.slice(0, left).forEach(function (i) { floors[i] += 1; });
    var rows = names.map(function (name, i) {
      return { name: name, share: tenths[i], top_down: floors[i], bottom_up: bottomUp[i], difference: bottomUp[i] - floors[i] };
    });
    var bottomUpTotal = sum(bottomUp);
    var difference = bottomUpTotal - total;
    return {
      total: total,
      rows: rows,
      bottom_up_total: bottomUpTotal,
      difference: difference,
      difference_pct: roundDiv(Math.abs(difference) * 1000, total)
    };
  }

  function targetReport(r) {
    var gap = fmtEuro(Math.abs(r.difference)) + " (" + fmtPct(r.difference_pct) + " van de target)";
    var target = fmtEuro(r.total);
    var explanation = [];
    var summary;
    if (r.difference < 0) {
      summary = "Bottom-up komt " + gap + " lager uit dan de top-down target van " + target + ".";
      explanation.push("Bespreek met de accountmanagers hoe het gat kan worden gedicht, bijvoorbeeld met extra " +
        "acquisitie of extra mensen en middelen, of stel de target bij.");
    } else if (r.difference > 0) {
      summary = "Bottom-up komt " + gap + " hoger uit dan de top-down target van " + target + ".";
      explanation.push("De accountplannen zien meer kansen dan de directie vraagt. Controleer of ze realistisch " +
        "zijn en overweeg de target te verhogen.");
    } else {
      summary = "Bottom-up en top-down komen allebei uit op " + target + ".";
    }
    var low = r.rows[0];
    var high = r.rows[0];
    r.rows.forEach(function (row) {
      if (row.difference < low.difference) low = row;
      if (row.difference > high.difference) high = row;
    });
    if (low.difference < 0) {
      explanation.push("Het grootste tekort zit in " + low.name + ": " + fmtSignedEuro(low.difference) + ".");
    }
    if (high.difference > 0) {
      explanation.push(high.name + " ziet juist meer kansen dan gevraagd: " + fmtSignedEuro(high.difference) + ".");
    }
    if (r.difference === 0) {
      explanation.push(low.difference === 0 && high.difference === 0
        ? "Ook per regio komen de bedragen overeen."
        : "Het totaal klopt alleen doordat tekorten en overschotten per regio tegen elkaar wegvallen: " +
          "bespreek de verschillen per regio.");
    }
    var rows = r.rows.map(function (row) {
      return [row.name + " (" + fmtPct(row.share) + ")", fmtEuro(row.top_down), fmtEuro(row.bottom_up), fmtSignedEuro(row.difference)];
    });
    rows.push(["Totaal (100" + NBSP + "%)", target, fmtEuro(r.bottom_up_total), fmtSignedEuro(r.difference)]);
    return {
      summary: summary,
      explanation: explanation,
      header: ["Regio (aandeel)", "Top-down", "Bottom-up", "Verschil"],
      rows: rows
    };
  }

  /* -- Reading the form (strings as typed -> numbers; NaN when unusable) -------------------- */

  /* An empty count field counts as 0; anything that is not a number gives NaN. */
  function parseCount(text) {
    var s = String(text).trim();
    if (s === "") return 0;
    return /^[+-]?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
  }

  /* Whole euros: "2400000", "2.400.000", "€ 2 400 000". Cents or other text give NaN. */
  function parseAmount(text) {
    var s = String(text).replace(/[\s\u00a0\u20ac]/g, "");
    if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, "");
    return /^\d+$/.test(s) ? Number(s) : NaN;
  }

  /* Percentages: "25", "33,3", "33.3", "25 %". */
  function parseShare(text) {
    var s = String(text).replace(/[\s\u00a0%]/g, "").replace(",", ".");
    return /^\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
  }

  var api = {
    CalcError: CalcError,
    roundDiv: roundDiv,
    fmtInt: fmtInt,
    fmtTenths: fmtTenths,
    fmtSignedTenths: fmtSignedTenths,
    fmtPct: fmtPct,
    fmtEuro: fmtEuro,
    fmtSignedEuro: fmtSignedEuro,
    nps: nps,
    npsReport: npsReport,
    targetSplit: targetSplit,
    targetReport: targetReport,
    parseCount: parseCount,
    parseAmount: parseAmount,
    parseShare: parseShare
  };

  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  /* -- The widgets -------------------------------------------------------------------------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* An element of this widget by the end of its id. Ids start with the widget's uid, but the
     print page (print-site plugin) prefixes some of them, so match the end only. */
  function part(box, suffix) {
    return box.querySelector('[id$="-' + suffix + '"]');
  }

  /* Shared behaviour: enable the form, hide the no-JS note, wire the buttons. */
  function setup(box, fields, calculate, prompt) {
    var uid = box.id;
    var form = part(box, "form");
    var status = part(box, "status");
    if (!form || !status) return;
    var fieldset = form.querySelector("fieldset[disabled]");
    if (fieldset) fieldset.disabled = false;
    Array.prototype.forEach.call(box.querySelectorAll(".ss-exercise__nojs"), function (note) { note.hidden = true; });

    function clearInvalid() {
      fields().forEach(function (input) {
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-describedby");
      });
    }

    function showError(error) {
      status.textContent = "";
      var p = el("p", "ss-exercise__summary ss-exercise__summary--error");
      p.id = uid + "-error";
      p.appendChild(el("strong", "", "Controleer de invoer: "));
      p.appendChild(document.createTextNode(error.message));
      status.appendChild(p);
      var bad = error.code === "shares_sum"
        ? fields().filter(function (input) { return /-share-\d+$/.test(input.id); })
        : [part(box, error.field)].filter(Boolean);
      bad.forEach(function (input) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", p.id);
      });
      if (bad.length) bad[0].focus();
    }

    function run() {
      clearInvalid();
      try {
        calculate(status);
      } catch (error) {
        if (!(error instanceof CalcError)) throw error;
        showError(error);
      }
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button[data-action]") : null;
      if (!button) return;
      if (button.getAttribute("data-action") === "example") {
        form.reset();
        run();
      } else if (button.getAttribute("data-action") === "clear") {
        fields().forEach(function (input) { input.value = ""; });
        clearInvalid();
        status.textContent = "";
        status.appendChild(el("p", "ss-exercise__summary", prompt));
        calculate.clear();
        fields()[0].focus();
      }
    });
  }

  function setupNps(box) {
    function fields() {
      var out = [];
      for (var i = 0; i < SCORES; i++) out.push(part(box, "score-" + i));
      return out.filter(Boolean);
    }
    function calculate(status) {
      var counts = fields().map(function (input) {
        return input.validity && input.validity.badInput ? NaN : parseCount(input.value);
      });
      var report = npsReport(nps(counts));
      status.textContent = "";
      status.appendChild(el("p", "ss-exercise__summary", report.summary));
      var list = el("ul", "ss-exercise__working");
      report.lines.forEach(function (line) { list.appendChild(el("li", "", line)); });
      status.appendChild(list);
      if (report.note) status.appendChild(el("p", "ss-exercise__note", report.note));
    }
    calculate.clear = function () {};
    setup(box, fields, calculate, "Vul de aantallen in en kies Bereken.");
  }

  function setupTarget(box) {
    var tableWrap = part(box, "table");
    var regions = Array.prototype.map.call(box.querySelectorAll("[data-region]"), function (node) {
      return node.getAttribute("data-region");
    });
    function fields() {
      var out = [part(box, "total")];
      regions.forEach(function (name, i) {
        out.push(part(box, "share-" + i), part(box, "bottom-up-" + i));
      });
      return out.filter(Boolean);
    }
    function calculate(status) {
      if (tableWrap) tableWrap.hidden = true;
      var total = parseAmount(part(box, "total").value);
      var shares = regions.map(function (name, i) { return parseShare(part(box, "share-" + i).value); });
      var bottomUp = regions.map(function (name, i) { return parseAmount(part(box, "bottom-up-" + i).value); });
      var report = targetReport(targetSplit(total, shares, bottomUp, regions));
      status.textContent = "";
      status.appendChild(el("p", "ss-exercise__summary", report.summary));
      report.explanation.forEach(function (text) { status.appendChild(el("p", "ss-exercise__explanation", text)); });
      if (!tableWrap) return;
      var table = el("table", "ss-exercise__table");
      table.appendChild(el("caption", "", "Top-down en bottom-up per regio"));
      var head = el("thead");
      var headRow = el("tr");
      report.header.forEach(function (text) {
        var th = el("th", "", text);
        th.scope = "col";
        headRow.appendChild(th);
      });
      head.appendChild(headRow);
      table.appendChild(head);
      var body = el("tbody");
      report.rows.forEach(function (cells, n) {
        var tr = el("tr", n === report.rows.length - 1 ? "ss-exercise__total" : "");
        cells.forEach(function (text, i) {
          var cell = el(i === 0 ? "th" : "td", "", text);
          if (i === 0) cell.scope = "row";
          tr.appendChild(cell);
        });
        body.appendChild(tr);
      });
      table.appendChild(body);
      tableWrap.textContent = "";
      tableWrap.appendChild(table);
      tableWrap.hidden = false;
    }
    calculate.clear = function () {
      if (tableWrap) tableWrap.hidden = true;
    };
    setup(box, fields, calculate, "Vul de velden in en kies Bereken.");
  }

  var SETUP = { nps_calculator: setupNps, target_split: setupTarget };

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".ss-exercise[data-exercise]"), function (box) {
      var kind = box.getAttribute("data-exercise");
      if (Object.prototype.hasOwnProperty.call(SETUP, kind) && box.id) SETUP[kind](box);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
