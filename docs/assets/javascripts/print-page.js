/* The print page (afdrukken.html: the whole site on one page, ~5000 elements)
   runs without Material's bundle. Mounting the bundle there restyles every
   element several times: over a second of main thread on a mid-range phone
   before the page answers (Lighthouse TBT 1.2 s, performance 75). The page is
   for reading and printing; the table of contents, links, the drawer, dark
   mode and the study widgets work without the bundle. macros/hooks.py
   (fix_print_page) removes the bundle's <script> and loads this file right
   after Material's inline palette script, before the page is painted.

   What it does in the bundle's place, as Material 9.8.2 does it:
   1. the colour palette: with no stored choice, the palette whose media query
      matches (prefers-color-scheme); the toggle for the other palette shows,
      and a click on it switches and stores the choice for the whole site;
   2. printing opens every <details> (quiz answers) and closes them after. */
(function () {
  "use strict";

  var form = document.querySelector("form[data-md-component='palette']");
  var inputs = form ? Array.prototype.slice.call(form.querySelectorAll("input[name='__palette']")) : [];
  var KEYS = ["media", "scheme", "primary", "accent"];

  function colorOf(input) {
    var color = {};
    KEYS.forEach(function (key) {
      color[key] = input.getAttribute("data-md-color-" + key);
    });
    return color;
  }

  function show(index) {
    inputs.forEach(function (input, i) {
      input.checked = i === index;
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    });
  }

  function apply(index) {
    var color = colorOf(inputs[index]);
    KEYS.forEach(function (key) {
      if (color[key]) document.body.setAttribute("data-md-color-" + key, color[key]);
    });
    show(index);
    return color;
  }

  if (inputs.length) {
    var stored = typeof __md_get === "function" ? __md_get("__palette") : null;
    if (stored && typeof stored.index === "number" && inputs[stored.index]) {
      show(stored.index); /* Material's inline script has applied its colours */
    } else {
      var matching = inputs.findIndex(function (input) {
        var media = input.getAttribute("data-md-color-media");
        return media && matchMedia(media).matches;
      });
      apply(Math.max(0, matching));
    }
    form.addEventListener("change", function (event) {
      var index = inputs.indexOf(event.target);
      if (index < 0) return;
      var color = apply(index);
      if (typeof __md_set === "function") __md_set("__palette", { index: index, color: color });
    });
  }

  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (details) {
      details.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.splice(0).forEach(function (details) {
      details.open = false;
    });
  });
})();
