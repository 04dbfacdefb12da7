/* The study site: small accessibility repairs on top of Material 9.8.2's markup.
   Loaded after Material's bundle (overrides/main.html, block scripts) and run on
   Material's document$, i.e. after Material has mounted its components.
   tests/browser/test_a11y.py (axe-core) and test_reader.py check the result. */
(function () {
  "use strict";

  /* 1. The search overlay has role="dialog" but no accessible name (axe:
        aria-dialog-name). Give it the input's own label ("Zoeken"). */
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (!dialog || dialog.hasAttribute("aria-label")) return;
    var input = dialog.querySelector(".md-search__input");
    dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Zoeken");
  }

  /* 2. With navigation.indexes + navigation.sections, a section's <nav> is
        aria-labelledby a <label> that holds only an icon, so every section nav
        has an empty name (axe: landmark-unique). Name the nav itself after the
        section (its .md-nav__title holds the title text); aria-label on the
        <label> would be a prohibited attribute (axe: aria-prohibited-attr). */
  function nameSectionNavs() {
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      var title = nav.querySelector(":scope > .md-nav__title");
      if (!label || !title || label.textContent.trim()) return;
      nav.setAttribute("aria-label", title.textContent.trim());
      nav.removeAttribute("aria-labelledby");
    });
  }

  /* 3. Material wraps tables in .md-typeset__scrollwrap; when a table is wider
        than the column, a keyboard user must be able to focus the wrapper to
        scroll it (axe: scrollable-region-focusable). Material does the same
        for code blocks. The print page runs without Material's bundle (see
        print-page.js): there a table is not wrapped and scrolls itself. */
  function focusableScrollers() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset table:not([class])");
    if (!("ResizeObserver" in window)) {
      Array.prototype.forEach.call(wraps, check);
      return;
    }
    /* A ResizeObserver reports after the browser's own layout: measuring here would force
       a second layout of the whole page while it loads (Lighthouse: a long task). It also
       reports every later change of width (a phone turned, a wider window). */
    if (!scrollers) {
      scrollers = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { check(entry.target); });
      });
    }
    Array.prototype.forEach.call(wraps, function (wrap) { scrollers.observe(wrap); });
  }
  var scrollers = null;

  function check(wrap) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) wrap.setAttribute("tabindex", "0");
    else wrap.removeAttribute("tabindex");
  }

  /* 4. Register terms are <abbr title="…"> (abbr extension); Material's
        content.tooltips shows the definition on hover *and* on focus, but an
        <abbr> cannot take focus. Make the first occurrence of each term on the
        page focusable, so a keyboard user reaches every definition without a
        tab stop for every repetition (the glossary lists them all). */
  function focusableTerms() {
    var seen = {};
    document.querySelectorAll(".md-content abbr[title]").forEach(function (abbr) {
      var key = abbr.textContent.trim().toLowerCase();
      if (seen[key]) return;
      seen[key] = true;
      abbr.setAttribute("tabindex", "0");
    });
  }

  /* 5. Inside the offline zip (file://) the downloads/ folder is not there (the zip
        leaves it out): a download button would lead nowhere. Hide it and say where
        the downloads are. */
  function offlineDownloads() {
    if (location.protocol !== "file:") return;
    document.querySelectorAll('.md-content a[href^="downloads/"], .md-content a[href*="/downloads/"]')
      .forEach(function (link) {
        if (link.hidden) return;
        link.hidden = true;
        link.style.display = "none";
        var note = document.createElement("span");
        note.className = "ss-offline-note";
        note.textContent = "(Dit bestand zit niet in de offline versie: download het van de online site.)";
        link.parentNode.insertBefore(note, link.nextSibling);
      });
  }

  function run() {
    offlineDownloads();
    nameSearchDialog();
    nameSectionNavs();
    focusableScrollers();
    focusableTerms();
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
