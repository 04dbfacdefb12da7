/* Widget scripts (quiz, exercises, copy buttons) load on demand, when their
   widget comes near the viewport or the reader tabs or taps into it, so a page
   view carries only what the reader uses (see overrides/main.html, block libs).
   Each script also picks up what the reader did before it arrived, and without
   JavaScript every widget stays readable. */
(function () {
  "use strict";

  var here = document.currentScript ? document.currentScript.src : location.href;

  /* Widget scripts live next to this file, minified by the build (.min.js), and run in the
     order listed (async = false); a stylesheet may come with them. study-data.js is made by
     the build from the register and the questions (macros/study.py). */
  var WIDGETS = [
    [".ss-quiz", ["store.min.js", "quiz.min.js"]],
    [".ss-study", ["store.min.js", "../vendor/ts-fsrs/ts-fsrs.umd.min.js", "study-data.js", "study.min.js"],
      "../stylesheets/study.min.css"],
    [".ss-exercise", ["exercises.min.js"], "../stylesheets/exercises.min.css"],
    ["table.ss-links, .ss-study[data-study=toetslinks]", ["copy-links.min.js"]]
  ];
  var loaded = {};

  function load(names, css) {
    if (css && !loaded[css]) {
      loaded[css] = true;
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = new URL(css, here).href;
      document.head.appendChild(link);
    }
    names.forEach(function (name) {
      if (loaded[name]) return;
      loaded[name] = true;
      var script = document.createElement("script");
      script.src = new URL(name, here).href;
      script.async = false;
      document.body.appendChild(script);
    });
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

  /* The installable app (sw-register.js: manifest and service worker, online only) once
     the page has loaded: it is not needed to read the page. */
  if (/^https?:$/.test(location.protocol)) {
    var app = function () { load(["sw-register.min.js"]); };
    if (document.readyState === "complete") app();
    else window.addEventListener("load", app);
  }
})();
