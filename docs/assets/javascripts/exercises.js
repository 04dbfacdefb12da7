/* Interactive exercises (form markup from macros/exercises.py): the NPS calculator and the target
 * split, which check the student's own answers per step and show the working on request. This
 * file is the only implementation of their arithmetic, checking and Dutch result texts; without
 * JavaScript the page's own worked example explains the method. tests/test_calc_js.py runs it in
 * Node. Whole numbers only (counts, euros, tenths of a percent), so every result is exact.
 * Vanilla ES2017, no dependencies, works from file://.
 */
(function () {
  "use strict";

  var SCORES = 11;
  var MAX_COUNT = 1000000; // respondents per score
  var MAX_AMOUNT = 1000000000000; // euros; keeps every product below 2**53
  var MINUS = "\u2212";
  var NBSP = "\u00a0";
  var CUT = "Een getal met \u2026 erachter is na twee decimalen afgekapt: er volgen nog meer cijfers.";

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

  function sum(values) {
    return values.reduce(function (a, b) { return a + b; }, 0);
  }

  /* num / den rounded to a whole number, halves away from zero (den > 0; exact below 2**53). */
  function roundDiv(num, den) {
    var a = Math.abs(num);
    var r = a % den;
    var q = (a - r) / den;
    if (2 * r >= den) q += 1;
    return num < 0 ? -q : q;
  }

  /* -- Dutch numbers out ----------------------------------------------------------------------
   * A shown number is never rounded silently: a percentage num / den x 100 is exact with up to two
   * decimals ("48", "33,3") or is cut off after two decimals and ends in "…" ("33,33…"). Cutting
   * off never crosses a half, so "+45,45…" next to "afgerond op een heel getal: +45" adds up.
   */

  function fmtInt(n) {
    var text = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return n < 0 ? MINUS + text : text;
  }

  /* num / den x 100 (den > 0), digit by digit so that nothing leaves the exact range of doubles. */
  function fmtPercent(num, den) {
    var a = Math.abs(num) * 100;
    var r = a % den;
    var b = r * 100;
    var rest = b % den;
    var decimals = String((b - rest) / den + 100).slice(1);
    var text = fmtInt((a - r) / den) +
      (rest ? "," + decimals + "\u2026" : decimals === "00" ? "" : "," + decimals.replace(/0$/, ""));
    return num < 0 ? MINUS + text : text;
  }

  function signed(text) {
    return /^[1-9]|^0,/.test(text) ? "+" + text : text;
  }

  function fmtEuro(n) {
    return "\u20ac" + NBSP + fmtInt(n);
  }

  function fmtSignedEuro(n) {
    if (n === 0) return fmtEuro(0);
    return (n > 0 ? "+" : MINUS) + NBSP + fmtEuro(Math.abs(n));
  }

  /* -- Dutch numbers in ------------------------------------------------------------------------
   * The rule for every field, as a Dutch reader writes numbers:
   *   - spaces around the number are ignored, and so are "€" before it (after a sign, if any:
   *     "− € 40.000") and "%" after it;
   *   - a sign (+, - or −) may come first;
   *   - the comma is the decimal sign: "2,5" is two and a half;
   *   - a point (or a space) separates thousands, between groups of exactly three digits:
   *     "1.000" is a thousand, "2.400.000" and "2 400 000" are 2,4 million, "1.000,5" is 1000,5;
   *   - two spellings are refused with a question instead of a guess: one point not followed by
   *     exactly three digits ("1.5": 1,5 or 15?) and, without thousands points, a comma followed by
   *     exactly three digits ("1,000": 1.000 or 1?);
   *   - anything else ("", "abc", "1,2,3", "1.00.000", "1e3") is no number: NaN.
   * The field then checks what it needs (counts and euros whole, shares one decimal at most, the
   * range) and words its own message; `label` prefixes the message of an ambiguous number.
   */
  function parseDutch(text, label, field) {
    var s = String(text).trim().replace(/^([-+\u2212]?)\s*€\s*/, "$1").replace(/\s*%$/, "");
    var m = /^([-+\u2212]?)(\d+(?:[. \u00a0\u202f]\d+)*)(?:,(\d+))?$/.exec(s);
    if (!m) return NaN;
    var groups = m[2].split(/[. \u00a0\u202f]/);
    var grouped = groups.every(function (g, i) { return i ? g.length === 3 : g.length <= 3 || groups.length === 1; });
    var question = null;
    if (!grouped && groups.length === 2 && m[2].indexOf(".") >= 0 && m[3] === undefined) {
      question = s.replace(".", ",") + " of " + s.replace(".", "");
    } else if (groups.length === 1 && m[3] !== undefined && m[3].length === 3) {
      question = s.replace(",", ".") + " of " + s.replace(/,?0+$/, "");
    }
    if (question) {
      throw new CalcError("ambiguous", label + ": " + s + " is niet duidelijk: bedoel je " + question + "? " +
        "Schrijf decimalen na een komma (2,5) en een punt alleen tussen groepjes van drie cijfers (1.000).", field);
    }
    if (!grouped) return NaN;
    return Number((m[1] && m[1] !== "+" ? "-" : "") + groups.join("") + "." + (m[3] || "0"));
  }

  /* -- Net Promoter Score ---------------------------------------------------------------------- */

  function nps(counts) {
    if (counts.length !== SCORES) {
      throw new CalcError("length", "Er zijn precies 11 aantallen nodig: score 0 tot en met 10.");
    }
    counts.forEach(function (count, i) {
      var where = "Aantal keer score " + i + ": ";
      if (typeof count === "number" && count > MAX_COUNT) {
        throw new CalcError("too_large", where + "dat is te groot (hoogstens " + fmtInt(MAX_COUNT) + ").", "score-" + i);
      }
      if (!isInt(count) || count < 0) {
        throw new CalcError("invalid", where + "vul een heel getal van 0 of meer in.", "score-" + i);
      }
    });
    var total = sum(counts);
    if (total === 0) {
      throw new CalcError("empty", "Vul minstens één aantal in: nu zijn er 0 respondenten.", "score-0");
    }
    var promoters = counts[9] + counts[10];
    var detractors = sum(counts.slice(0, 7));
    return {
      total: total,
      promoters: promoters,
      passives: counts[7] + counts[8],
      detractors: detractors,
      score_whole: roundDiv((promoters - detractors) * 100, total)
    };
  }

  function npsReport(r) {
    function pct(n) { return fmtPercent(n, r.total); }
    function group(name, n) { return name + ": " + fmtInt(n) + " van de " + fmtInt(r.total) + " = " + pct(n) + NBSP + "%"; }
    var diff = r.promoters - r.detractors;
    var score = signed(pct(diff));
    var whole = signed(fmtInt(r.score_whole));
    var lines = [
      "Totaal aantal respondenten: " + fmtInt(r.total),
      group("Promotors (9–10)", r.promoters),
      group("Passief tevredenen (7–8)", r.passives),
      group("Criticasters (0–6)", r.detractors),
      /…/.test(pct(r.promoters) + pct(r.detractors))
        ? "NPS = (promotors " + MINUS + " criticasters) / totaal × 100 = (" + fmtInt(r.promoters) + " " + MINUS +
          " " + fmtInt(r.detractors) + ") / " + fmtInt(r.total) + " × 100 = " + score
        : "NPS = % promotors " + MINUS + " % criticasters = " + pct(r.promoters) + " " + MINUS + " " +
          pct(r.detractors) + " = " + score
    ];
    return {
      summary: "Uitkomst: NPS = " + (score === whole ? whole : whole + " (afgerond op een heel getal; onafgerond " + score + ")") + ".",
      lines: lines,
      note: /…/.test(lines.join("")) ? CUT : ""
    };
  }

  /* -- Target split: top-down against bottom-up ------------------------------------------------ */

  function shareTenths(share, name, i) {
    var tenths = Math.round(share * 10);
    if (typeof share !== "number" || !isFinite(share) || Math.abs(share * 10 - tenths) > 1e-6 || tenths < 0 || tenths > 1000) {
      throw new CalcError("share", "Aandeel " + name + ": vul een percentage van 0 tot en met 100 in, " +
        "hoogstens één decimaal (zoals 25 of 33,3).", "share-" + i);
    }
    return tenths;
  }

  /* Split `total` (whole euros) by `shares` (percent, one decimal at most) with the largest-remainder
     method, so the regions always add up to exactly the total (ties go to the earlier region). */
  function targetSplit(total, shares, bottomUp, names) {
    if (!names.length || names.length !== shares.length || names.length !== bottomUp.length) {
      throw new CalcError("rows", "Elke regio heeft een naam, een aandeel en een bottom-up bedrag nodig.");
    }
    var most = " en hoogstens " + fmtEuro(MAX_AMOUNT) + ".";
    if (!isInt(total) || !(total > 0 && total <= MAX_AMOUNT)) {
      throw new CalcError("total", "Jaartarget: vul een bedrag in hele euro's in, groter dan 0" + most, "total");
    }
    var tenths = shares.map(function (share, i) { return shareTenths(share, names[i], i); });
    bottomUp.forEach(function (amount, i) {
      if (!isInt(amount) || !(amount >= 0 && amount <= MAX_AMOUNT)) {
        throw new CalcError("bottom_up", "Bottom-up " + names[i] + ": vul een bedrag in hele euro's in, 0 of meer" + most, "bottom-up-" + i);
      }
    });
    var shareSum = sum(tenths);
    if (shareSum !== 1000) {
      throw new CalcError("shares_sum", "De aandelen tellen op tot " + fmtPercent(shareSum, 1000) + NBSP + "% in plaats van 100" +
        NBSP + "%. Pas ze aan, zodat het hele target over de regio's wordt verdeeld.", "share-0");
    }
    var remainders = tenths.map(function (t) { return (total * t) % 1000; });
    var topDown = tenths.map(function (t, i) { return (total * t - remainders[i]) / 1000; });
    var order = tenths.map(function (t, i) { return i; });
    order.sort(function (a, b) { return remainders[b] - remainders[a] || a - b; });
    order.slice(0, total - sum(topDown)).forEach(function (i) { topDown[i] += 1; });
    return {
      total: total,
      rows: names.map(function (name, i) {
        return { name: name, share: tenths[i], top_down: topDown[i], bottom_up: bottomUp[i], difference: bottomUp[i] - topDown[i] };
      }),
      bottom_up_total: sum(bottomUp),
      difference: sum(bottomUp) - total,
      rounded: remainders.some(Boolean)
    };
  }

  function targetReport(r) {
    var gap = fmtEuro(Math.abs(r.difference)) + " (" + fmtPercent(Math.abs(r.difference), r.total) + NBSP + "% van het target)";
    var target = fmtEuro(r.total);
    var explanation = [];
    var summary = "Bottom-up en top-down komen allebei uit op " + target + ".";
    if (r.difference < 0) {
      summary = "Bottom-up komt " + gap + " lager uit dan het top-down target van " + target + ".";
      explanation.push("Bespreek met de accountmanagers hoe het gat kan worden gedicht, bijvoorbeeld met extra " +
        "acquisitie of extra mensen en middelen, of stel het target bij.");
    } else if (r.difference > 0) {
      summary = "Bottom-up komt " + gap + " hoger uit dan het top-down target van " + target + ".";
      explanation.push("De accountplannen zien meer kansen dan de directie vraagt. Controleer of ze realistisch " +
        "zijn en overweeg het target te verhogen.");
    }
    var low = r.rows[0], high = low;
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
    if (r.rounded) {
      explanation.push("De top-down bedragen zijn afgerond op hele euro's, zodat ze samen precies het jaartarget vormen.");
    }
    if (/…/.test(summary)) explanation.push(CUT);
    var rows = r.rows.map(function (row) {
      return [row.name + " (" + fmtPercent(row.share, 1000) + NBSP + "%)", fmtEuro(row.top_down), fmtEuro(row.bottom_up), fmtSignedEuro(row.difference)];
    });
    rows.push(["Totaal (100" + NBSP + "%)", target, fmtEuro(r.bottom_up_total), fmtSignedEuro(r.difference)]);
    return {
      summary: summary,
      explanation: explanation,
      header: ["Regio (aandeel)", "Top-down", "Bottom-up", "Verschil"],
      rows: rows
    };
  }

  /* -- Checking the student's own answers ----------------------------------------------------
   * The student types the figures and their own result of each step; a check says per step
   * "right", "wrong" or "empty", names the first wrong step with how it is computed and never
   * gives the right value away (that is what "Toon de uitwerking" is for).
   * Rounding, the rule the intros state:
   *   - a percentage or the NPS is right when it is the exact value rounded to the decimals the
   *     student typed (0 to 4), halves either way: 66,66… may be 67, 66,7 or 66,67, not 66;
   *     an NPS is also right when it is the student's own right percentages subtracted, rounded
   *     the same way (67 − 33 = 34 where the exact NPS is 33,33…);
   *   - an amount in euros is right when it is less than € 1 off (whole euros or cents), and a
   *     difference also when it follows from the student's own right top-down target; the total
   *     difference also when it is the sum of the student's own right differences.
   */

  var MAX_DECIMALS = 4;

  /* An own answer as typed: null when empty, else { num, scale, percent } with value num / scale,
     scale = 10^decimals typed (exact for the numbers a field holds) and percent: whether a "%"
     came after it. */
  function parseAnswer(text, label, field) {
    var s = String(text).trim();
    if (s === "") return null;
    var value = parseDutch(s, label, field);
    var decimals = (/,(\d+)\s*%?$/.exec(s) || ["", ""])[1].length;
    var scale = Math.pow(10, decimals);
    if (!isFinite(value) || decimals > MAX_DECIMALS || Math.abs(value * scale) > MAX_AMOUNT * 100) {
      throw new CalcError("answer", label + ": vul een getal in, met hoogstens " + MAX_DECIMALS +
        " decimalen, zoals 48, 47,8 of " + MINUS + "20.", field);
    }
    return { num: Math.round(value * scale), scale: scale, percent: /%$/.test(s) };
  }

  /* Is the answer a / s the rational n / d (d > 0) rounded to s, halves either way:
     |a/s − n/d| <= 1/(2s), that is 2 |a·d − n·s| <= d? Far-off answers are refused first, so
     every product stays exact. */
  function roundsTo(answer, n, d) {
    if (Math.abs(answer.num / answer.scale - n / d) > 1) return false;
    return 2 * Math.abs(answer.num * d - n * answer.scale) <= d;
  }

  /* An amount in euros less than € 1 from n / 1000 euros (n in thousandths of a euro). Both
     sides are compared in the finer unit; with the far-off answers refused first and
     parseAnswer's limit every product stays below 2**53. */
  function nearEuro(answer, n) {
    if (Math.abs(answer.num / answer.scale - n / 1000) > 2) return false;
    if (answer.scale <= 1000) return Math.abs(answer.num * (1000 / answer.scale) - n) < 1000;
    return Math.abs(answer.num - n * (answer.scale / 1000)) < answer.scale;
  }

  function andList(items) {
    return items.length < 2 ? items.join("") : items.slice(0, -1).join(", ") + " en " + items[items.length - 1];
  }

  /* steps: [{ field, name, state, message }] in the order of the page's method; adds each
     step's line and says what to do next: the first wrong step, else the empty ones. */
  function checkResult(steps) {
    var words = { right: "goed", wrong: "klopt niet", empty: "nog niet ingevuld" };
    steps.forEach(function (step) {
      step.line = step.name.charAt(0).toUpperCase() + step.name.slice(1) + ": " + words[step.state];
    });
    function having(state) { return steps.filter(function (step) { return step.state === state; }); }
    var wrong = having("wrong"), empty = having("empty");
    var names = andList(empty.map(function (step) { return step.name; }));
    var summary = "Goed! Al je stappen kloppen.";
    if (wrong.length) {
      summary = wrong[0].message;
    } else if (empty.length === steps.length) {
      summary = "Vul eerst je eigen uitkomsten in bij Jouw uitwerking: " + names + ". Wil je alleen de " +
        "uitkomst zien? Kies dan Toon de uitwerking.";
    } else if (empty.length) {
      summary = "Wat je hebt ingevuld, klopt. Vul nog in: " + names + ".";
    }
    var first = wrong[0] || empty[0];
    return { steps: steps, summary: summary, ok: !wrong.length && !empty.length, focus: first ? first.field : null };
  }

  function step(field, name, answer, right, message) {
    return { field: field, name: name, state: answer === null ? "empty" : right ? "right" : "wrong", message: message };
  }

  /* answers: { respondents, promoters, detractors, score }, each parseAnswer's result. */
  function npsCheck(counts, answers) {
    var r = nps(counts);
    var a = answers;
    function pct(n) { return function (answer) { return roundsTo(answer, n * 100, r.total); }; }
    var promotersRight = a.promoters !== null && pct(r.promoters)(a.promoters);
    var detractorsRight = a.detractors !== null && pct(r.detractors)(a.detractors);
    function scoreRight(answer) {
      if (pct(r.promoters - r.detractors)(answer)) return true;
      if (!promotersRight || !detractorsRight) return false;
      var scale = Math.max(a.promoters.scale, a.detractors.scale);
      var own = a.promoters.num * (scale / a.promoters.scale) - a.detractors.num * (scale / a.detractors.scale);
      return roundsTo(answer, own, scale);
    }
    var share = " door het totaal aantal respondenten en vermenigvuldig met 100.";
    /* The message for a wrong percentage: the usual slip (the share of 1, not yet times 100) by name. */
    function pctMessage(name, answer, n, how) {
      var fraction = answer !== null && roundsTo(answer, n, r.total);
      return "Je percentage " + name + " klopt niet: " + (fraction
        ? "je hebt het deel van het totaal ingevuld. Vermenigvuldig het met 100 voor een percentage."
        : how + share);
    }
    var subtract = "trek het percentage criticasters af van het percentage promotors.";
    var counted = a.score !== null && !scoreRight(a.score) && roundsTo(a.score, r.promoters - r.detractors, 1);
    /* The page's common mistake: the right number with a percent sign is not yet right. */
    var percent = a.score !== null && a.score.percent && scoreRight(a.score);
    return checkResult([
      step("answer-respondents", "totaal aantal respondenten", a.respondents, a.respondents !== null && roundsTo(a.respondents, r.total, 1),
        "Je totaal aantal respondenten klopt niet: tel de aantallen bij alle cijfers van 0 tot en met 10 op, " +
        "ook die van de passief tevredenen (7 en 8)."),
      step("answer-promoters", "percentage promotors", a.promoters, promotersRight,
        pctMessage("promotors", a.promoters, r.promoters, "deel het aantal promotors (9 en 10)")),
      step("answer-detractors", "percentage criticasters", a.detractors, detractorsRight,
        pctMessage("criticasters", a.detractors, r.detractors, "deel het aantal criticasters (0 tot en met 6)")),
      step("answer-score", "NPS", a.score, a.score !== null && scoreRight(a.score) && !percent, percent
        ? "Je NPS klopt bijna: de NPS is een verschil van twee percentages en zelf geen percentage. Schrijf hem zonder procentteken."
        : "Je NPS klopt niet: " + (counted ? "je hebt de aantallen afgetrokken. T" + subtract.slice(1) : subtract))
    ]);
  }

  /* A share in tenths of a percent as a decimal fraction: 250 -> "0,25", 1000 -> "1". */
  function fmtFraction(tenths) {
    var rest = String(tenths % 1000 + 1000).slice(1).replace(/0+$/, "");
    return String((tenths - tenths % 1000) / 1000) + (rest ? "," + rest : "");
  }

  var SIGN = " heeft het verkeerde teken: reken bottom-up min top-down. Een tekort is dus negatief.";

  /* A wrong difference that is right but for its sign (top-down min bottom-up). */
  function flipped(answer, right, want) {
    return answer !== null && !right && want !== 0 && nearEuro({ num: -answer.num, scale: answer.scale }, want);
  }

  /* answers: { topDown: [one per region], difference: [one per region], totalDifference }, each
     parseAnswer's result. */
  function targetCheck(total, shares, bottomUp, names, answers) {
    var r = targetSplit(total, shares, bottomUp, names);
    var steps = [];
    var exact = r.rows.map(function (row) { return total * row.share; }); /* thousandths of a euro */
    r.rows.forEach(function (row, i) {
      var answer = answers.topDown[i];
      steps.push(step("answer-top-down-" + i, "target top-down " + row.name, answer, answer !== null && nearEuro(answer, exact[i]),
        "Je target top-down voor " + row.name + " klopt niet: vermenigvuldig het jaartarget met het aandeel van " +
        row.name + " (" + fmtPercent(row.share, 1000) + NBSP + "% is " + fmtFraction(row.share) + ")."));
    });
    var diffRight = r.rows.map(function (row, i) {
      var answer = answers.difference[i];
      var want = row.bottom_up * 1000 - exact[i];
      /* Less than € 1 off: so is bottom-up minus the student's own right top-down target. */
      var right = answer !== null && nearEuro(answer, want);
      steps.push(step("answer-difference-" + i, "verschil " + row.name, answer, right, flipped(answer, right, want)
        ? "Je verschil voor " + row.name + SIGN
        : "Je verschil voor " + row.name + " klopt niet: reken bottom-up min top-down, dus de som van de " +
          "accountplannen min je target top-down."));
      return right;
    });
    var answer = answers.totalDifference;
    var right = answer !== null && nearEuro(answer, r.difference * 1000);
    if (answer !== null && !right && diffRight.every(Boolean)) {
      var scale = answers.difference.reduce(function (m, d) { return Math.max(m, d.scale); }, answer.scale);
      var own = sum(answers.difference.map(function (d) { return d.num * (scale / d.scale); }));
      right = answer.num * (scale / answer.scale) === own;
    }
    steps.push(step("answer-total-difference", "totaal verschil", answer, right, flipped(answer, right, r.difference * 1000)
      ? "Je totale verschil" + SIGN
      : "Je totale verschil klopt niet: tel de bottom-up bedragen van alle regio's op en trek het jaartarget daarvan af."));
    return checkResult(steps);
  }

  var api = {
    CalcError: CalcError, roundDiv: roundDiv, fmtInt: fmtInt, fmtPercent: fmtPercent, fmtEuro: fmtEuro,
    fmtSignedEuro: fmtSignedEuro, parseDutch: parseDutch, nps: nps, npsReport: npsReport,
    targetSplit: targetSplit, targetReport: targetReport, parseAnswer: parseAnswer, npsCheck: npsCheck,
    targetCheck: targetCheck
  };

  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  /* -- The widgets ------------------------------------------------------------------------------ */

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

  /* The label of a field, as the student reads it (macros/exercises.py writes it). */
  function labelOf(input) {
    return input.labels && input.labels.length ? input.labels[0].textContent : input.id;
  }

  /* Shared behaviour: enable the form, hide the no-JS note, wire the buttons. Every field starts
     empty and nothing is shown until the student asks. `w` is the widget:
       figures(), answers(): its inputs (the exercise's figures; the student's own steps);
       check(): the result of npsCheck or targetCheck for what is typed (may throw a CalcError);
       solve(status): writes the whole working into status (may throw a CalcError);
       clear(): removes what solve wrote outside status. */
  function setup(box, w) {
    var form = part(box, "form");
    var status = part(box, "status");
    if (!form || !status) return;
    var fieldset = form.querySelector("fieldset[disabled]");
    if (fieldset) fieldset.disabled = false;
    Array.prototype.forEach.call(box.querySelectorAll(".ss-exercise__nojs"), function (note) { note.hidden = true; });
    function fields() { return w.figures().concat(w.answers()); }

    function reset(text) {
      fields().forEach(function (input) {
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-describedby");
      });
      Array.prototype.forEach.call(box.querySelectorAll(".ss-exercise__field-error"), function (note) {
        note.parentNode.removeChild(note);
      });
      w.clear();
      status.textContent = "";
      if (text) status.appendChild(el("p", "ss-exercise__prompt", text));
    }

    /* A message right under the field (on a phone the output below the buttons can be
       off-screen), as the description of the fields it is about. Under a figure it spans the
       row; an own step keeps it in its cell, so the steps stay in their rows and columns. */
    function mark(inputs, message, id) {
      var note = el("p", "ss-exercise__field-error", message);
      note.id = id;
      var cell = inputs[0].parentNode; /* its label and input */
      if (cell.parentNode.classList.contains("ss-exercise__grid--answers")) {
        cell.appendChild(note);
      } else {
        cell.parentNode.insertBefore(note, cell.nextSibling);
      }
      inputs.forEach(function (input) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", note.id);
      });
      return note;
    }

    function moveTo(input, note) {
      input.focus({ preventScroll: true });
      input.scrollIntoView({ block: "nearest" });
      if (note) note.scrollIntoView({ block: "nearest" });
    }

    /* Input that cannot be read: the message in the output (announced) and under the field,
       which gets focus. */
    function showError(error) {
      var p = el("p", "ss-exercise__summary ss-exercise__summary--error");
      p.appendChild(el("strong", "", "Controleer de invoer. "));
      p.appendChild(document.createTextNode(error.message));
      status.appendChild(p);
      var bad = error.code === "shares_sum"
        ? fields().filter(function (input) { return /-share-\d+$/.test(input.id); })
        : [part(box, error.field)].filter(Boolean);
      if (bad.length) moveTo(bad[0], mark(bad, error.message, box.id + "-error"));
    }

    function attempt(action) {
      reset();
      try {
        action();
      } catch (error) {
        if (!(error instanceof CalcError)) throw error;
        showError(error);
      }
    }

    /* Controleer: per step right, wrong or empty; each wrong step gets its hint under its field,
       the first one is the summary and gets focus (else the first empty step does). */
    function check() {
      var result = w.check();
      var state = result.ok ? "right" : result.steps.some(function (s) { return s.state === "wrong"; }) ? "wrong" : "todo";
      var summary = el("p", ["ss-exercise__summary", "ss-exercise__summary--" + state].join(" "), result.summary);
      status.appendChild(summary);
      var list = el("ul", "ss-exercise__steps");
      result.steps.forEach(function (s) { list.appendChild(el("li", "ss-exercise__step--" + s.state, s.line)); });
      status.appendChild(list);
      var first = null;
      result.steps.forEach(function (s) {
        var input = part(box, s.field);
        if (!input) return;
        if (s.state === "wrong") {
          var note = mark([input], s.message, box.id + "-" + s.field + "-note");
          if (s.field === result.focus) first = [input, note];
        } else if (s.field === result.focus) {
          first = [input, null];
        }
      });
      if (first) moveTo(first[0], first[1]);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      attempt(check);
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button[data-action]") : null;
      if (!button) return;
      var action = button.getAttribute("data-action");
      if (action === "solve") {
        attempt(function () { w.solve(status); });
      } else if (action === "example") {
        w.figures().forEach(function (input) { input.value = input.getAttribute("data-example") || ""; });
        w.answers().forEach(function (input) { input.value = ""; });
        reset("De cijfers van het uitgewerkte voorbeeld staan ingevuld. Reken zelf, vul je uitkomsten in " +
          "bij Jouw uitwerking en kies Controleer.");
        w.answers()[0].focus();
      } else if (action === "clear") {
        fields().forEach(function (input) { input.value = ""; });
        reset("Alle velden zijn leeg. Vul de cijfers in, reken zelf en kies Controleer.");
        w.figures()[0].focus();
      }
    });
  }

  /* The student's own answers, read from the fields with these id suffixes. */
  function readAnswers(box, suffixes) {
    return suffixes.map(function (suffix) {
      var input = part(box, suffix);
      return parseAnswer(input.value, labelOf(input), suffix);
    });
  }

  var NPS_STEPS = ["respondents", "promoters", "detractors", "score"];

  function setupNps(box) {
    function figures() {
      var out = [];
      for (var i = 0; i < SCORES; i++) out.push(part(box, "score-" + i));
      return out.filter(Boolean);
    }
    function answers() {
      return NPS_STEPS.map(function (key) { return part(box, "answer-" + key); }).filter(Boolean);
    }
    function counts() {
      return figures().map(function (input, i) {
        return input.value.trim() === "" ? 0 : parseDutch(input.value, "Aantal keer score " + i, "score-" + i);
      });
    }
    setup(box, {
      figures: figures,
      answers: answers,
      check: function () {
        var given = counts();
        var own = readAnswers(box, NPS_STEPS.map(function (key) { return "answer-" + key; }));
        return npsCheck(given, { respondents: own[0], promoters: own[1], detractors: own[2], score: own[3] });
      },
      solve: function (status) {
        var report = npsReport(nps(counts()));
        status.appendChild(el("p", "ss-exercise__summary", report.summary));
        var list = el("ul", "ss-exercise__working");
        report.lines.forEach(function (line) { list.appendChild(el("li", "", line)); });
        status.appendChild(list);
        if (report.note) status.appendChild(el("p", "ss-exercise__note", report.note));
      },
      clear: function () {}
    });
  }

  function setupTarget(box) {
    var tableWrap = part(box, "table");
    var regions = Array.prototype.map.call(box.querySelectorAll("[data-region]"), function (node) {
      return node.getAttribute("data-region");
    });
    function figures() {
      var out = [part(box, "total")];
      regions.forEach(function (name, i) { out.push(part(box, "share-" + i), part(box, "bottom-up-" + i)); });
      return out.filter(Boolean);
    }
    function ownSuffixes(kind) {
      return regions.map(function (name, i) { return "answer-" + kind + "-" + i; });
    }
    function answers() {
      return ownSuffixes("top-down").concat(ownSuffixes("difference"), ["answer-total-difference"])
        .map(function (suffix) { return part(box, suffix); }).filter(Boolean);
    }
    function read(suffix, label) {
      return parseDutch(part(box, suffix).value, label, suffix);
    }
    /* The figures as targetSplit and targetCheck take them. */
    function given() {
      return [
        read("total", "Jaartarget"),
        regions.map(function (name, i) { return read("share-" + i, "Aandeel " + name); }),
        regions.map(function (name, i) { return read("bottom-up-" + i, "Bottom-up " + name); }),
        regions
      ];
    }
    setup(box, {
      figures: figures,
      answers: answers,
      check: function () {
        var g = given();
        return targetCheck(g[0], g[1], g[2], g[3], {
          topDown: readAnswers(box, ownSuffixes("top-down")),
          difference: readAnswers(box, ownSuffixes("difference")),
          totalDifference: readAnswers(box, ["answer-total-difference"])[0]
        });
      },
      solve: function (status) {
        var g = given();
        var report = targetReport(targetSplit(g[0], g[1], g[2], g[3]));
        status.appendChild(el("p", "ss-exercise__summary", report.summary));
        report.explanation.forEach(function (text) { status.appendChild(el("p", "ss-exercise__explanation", text)); });
        if (!tableWrap) return;
        var table = el("table", "ss-exercise__table");
        table.appendChild(el("caption", "", "Top-down en bottom-up per regio"));
        var headRow = el("tr");
        report.header.forEach(function (text) {
          var th = el("th", "", text);
          th.scope = "col";
          headRow.appendChild(th);
        });
        table.appendChild(el("thead")).appendChild(headRow);
        var body = table.appendChild(el("tbody"));
        report.rows.forEach(function (cells, n) {
          var tr = body.appendChild(el("tr", n === report.rows.length - 1 ? "ss-exercise__total" : ""));
          cells.forEach(function (text, i) {
            var cell = tr.appendChild(el(i === 0 ? "th" : "td", "", text));
            if (i === 0) cell.scope = "row";
          });
        });
        tableWrap.appendChild(table);
        tableWrap.hidden = false;
      },
      clear: function () {
        if (!tableWrap) return;
        tableWrap.hidden = true;
        tableWrap.textContent = "";
      }
    });
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
