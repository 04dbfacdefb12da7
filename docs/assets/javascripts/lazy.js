/* Load on demand, so a page view carries only what the reader uses
   (see overrides/main.html, block libs; loaded before Material's bundle):
   1. the search index (search/search_index.json, ~30 kB gzipped): Material
      requests it over http as soon as a page opens (on file:// it already
      waits); the request is held back until the reader focuses or opens the
      search, or arrives with ?h= from a search result (highlighting);
   2. widget scripts (quiz, exercises, copy buttons): loaded when their widget
      comes near the viewport. Each script also picks up what the reader did
      before it arrived, and without JavaScript every widget stays readable. */
(function () {
  "use strict";

  var here = document.currentScript ? document.currentScript.src : location.href;

  /* 0. The iframe-worker shim lets Material's search run on file://, where a
        Web Worker cannot start. Online it is dead weight, so it is written in
        only there, synchronously, before Material's bundle creates the worker. */
  if (location.protocol === "file:") {
    document.write('<script src="' + new URL("../vendor/iframe-worker/shim.js", here).href + '"><\/script>');
  }

  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  var queue = [], ready = /[?&]h=/.test(location.search);

  function release() {
    if (ready) return;
    ready = true;
    queue.splice(0).forEach(function (go) { go(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.__ssIndex = /search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (xhr.__ssIndex && !ready) { queue.push(function () { send.apply(xhr, args); }); return; }
    return send.apply(xhr, args);
  };

  function inSearch(event) {
    return event.target && event.target.closest && event.target.closest(".md-search, label[for='__search']");
  }
  document.addEventListener("focusin", function (e) { if (inSearch(e)) release(); });
  document.addEventListener("pointerdown", function (e) { if (inSearch(e)) release(); });
  document.addEventListener("change", function (e) { if (e.target && e.target.id === "__search") release(); });
  document.addEventListener("keydown", function (e) { if (/^[/sSfF]$/.test(e.key)) release(); });

  /* Widget scripts live next to this file, minified by the build (.min.js);
     the exercises' stylesheet comes with them. */
  var WIDGETS = [
    [".ss-quiz", "quiz.min.js"],
    [".ss-exercise", "exercises.min.js", "../stylesheets/exercises.min.css"],
    ["button.ss-copy", "copy-links.min.js"]
  ];
  var loaded = {};

  function load(name, css) {
    if (loaded[name]) return;
    loaded[name] = true;
    if (css) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = new URL(css, here).href;
      document.head.appendChild(link);
    }
    var script = document.createElement("script");
    script.src = new URL(name, here).href;
    document.body.appendChild(script);
  }

  function watch() {
    WIDGETS.forEach(function (entry) {
      var found = document.querySelectorAll(entry[0]);
      if (!found.length) return;
      var go = function () { load(entry[1], entry[2]); };
      if (!("IntersectionObserver" in window)) { go(); return; }
      var seen = new IntersectionObserver(function (items) {
        if (items.some(function (item) { return item.isIntersecting; })) {
          seen.disconnect();
          go();
        }
      }, { rootMargin: "800px 0px" });
      Array.prototype.forEach.call(found, function (el) { seen.observe(el); });
      /* A reader who tabs or clicks into a widget gets it at once. */
      Array.prototype.forEach.call(found, function (el) {
        el.addEventListener("focusin", go, { once: true });
        el.addEventListener("pointerdown", go, { once: true });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
