/* "Voor docenten": a copy button per link (macros/register.py teacher_table).
   The buttons are rendered hidden and only shown here, so without JavaScript the
   page lists the links and shows no dead button. The button's own label says
   "Gekopieerd" for a moment; the button keeps its width (CSS: a min-width that
   fits both labels), so the table never re-lays out. When copying fails, the
   link is selected so the teacher can copy it by hand.
   A build without site_url does not know its address: on http(s) the full links
   are filled in from the page's address; on file:// they would not work for
   anyone else, so the column stays hidden (the page says why).
   Other copy buttons (inside an element with class ss-copy-box, e.g. the test link that
   study.js makes) work the same way, everywhere: their link is meant for this copy. */
(function () {
  "use strict";

  var LABEL = "Kopieer link";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Fallback for plain http and older browsers: a temporary selected textarea.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  /* The URL as text that breaks only after a slash, like the build writes it. */
  function showUrl(code, url) {
    var parts = url.split("/");
    parts.forEach(function (part, i) {
      var last = i === parts.length - 1;
      code.appendChild(document.createTextNode(last ? part : part + "/"));
      if (!last && parts[i + 1]) code.appendChild(document.createElement("wbr"));
    });
  }

  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  /* One copy button: it copies its data-copy (read at each click, so a link that changes,
     like the test picker's on Voor docenten, copies what it shows now). */
  function wire(button) {
    if (button.getAttribute("data-wired")) return;
    button.setAttribute("data-wired", "");
    var code = button.parentNode.querySelector(".ss-links__url");
    var label = button.querySelector(".ss-copy__label");
    var status = document.createElement("span");
    status.className = "ss-visually-hidden";
    status.setAttribute("role", "status");
    button.parentNode.appendChild(status);
    var timer;
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = new URL(button.getAttribute("data-copy"), location.href).href;
      copyText(url).then(function () {
        label.textContent = "Gekopieerd";
        status.textContent = "Link gekopieerd";
      }, function () {
        if (code) select(code);
        label.textContent = "Kopieer zelf";
        status.textContent = "Kopiëren lukte niet; de link is geselecteerd, kopieer hem zelf";
      });
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        label.textContent = LABEL;
        status.textContent = "";
      }, 4000);
    });
  }

  /* The tables' buttons, and any other copy button under `scope` (study.js calls this for
     the link it makes; buttons that exist when this script arrives are picked up here). */
  function show(scope) {
    var online = /^https?:$/.test(location.protocol);
    var tables = scope.querySelectorAll("table.ss-links");
    Array.prototype.forEach.call(tables, function (table) {
      var unknown = table.classList.contains("ss-links--nourl");
      if (unknown && !online) return;
      var buttons = table.querySelectorAll("button.ss-copy[data-copy]");
      Array.prototype.forEach.call(buttons, function (button) {
        var url = new URL(button.getAttribute("data-copy"), location.href).href;
        var code = button.parentNode.querySelector(".ss-links__url");
        if (unknown && code && !code.firstChild) showUrl(code, url);
        wire(button);
      });
      table.classList.remove("ss-links--nourl");
    });
    var others = scope.querySelectorAll(".ss-copy-box button.ss-copy[data-copy]");
    Array.prototype.forEach.call(others, wire);
  }

  window.StudyCopyLinks = { show: show };

  function init() {
    show(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
