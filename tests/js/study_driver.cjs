/* Runs overrides/assets/javascripts/study.js in Node for tests/test_study_js.py: the practice
 * tests' drawing and timing, the test links, the review's day (due cards, new cards per day)
 * and the schedule an open question's self-score gives it.
 *
 * node study_driver.cjs <assets folder> <study data JSON file> <now in ms>
 *
 * The page is faked with what study.js reads: window.StudyData (the JSON file), window.StudyStore
 * (the real store.js on a Map-backed localStorage), window.FSRS (the vendored ts-fsrs) and a
 * document without study boxes. Date.now() is the test's clock (`setNow(ms)`). Reads one JSON
 * list of expressions per line, answers one JSON line of {"value": …} or {"thrown": "…"}; in
 * scope: study (study.js's exports), data, widget (a store for the site root), setNow, reset.
 */
"use strict";

const fs = require("fs");
const path = require("path");

const [assets, dataFile, start] = process.argv.slice(2);
let clock = Number(start);
Date.now = () => clock;

const items = new Map();
const localStorage = {
  getItem: (key) => (items.has(String(key)) ? items.get(String(key)) : null),
  setItem: (key, value) => items.set(String(key), String(value)),
  removeItem: (key) => items.delete(String(key)),
  key: (i) => Array.from(items.keys())[i] || null,
  get length() {
    return items.size;
  }
};
const data = JSON.parse(fs.readFileSync(dataFile, "utf-8"));
global.window = { location: { href: "https://example.test/cursus/toets.html", hash: "", search: "" }, localStorage };
global.document = {
  readyState: "complete",
  querySelectorAll: () => [],
  getElementById: () => null,
  addEventListener: () => undefined
};
global.window.document = global.document;
global.window.StudyData = data;
global.window.StudyStore = require(path.join(assets, "javascripts", "store.js"));
global.window.FSRS = require(path.join(assets, "vendor", "ts-fsrs", "ts-fsrs.umd.js"));
const study = require(path.join(assets, "javascripts", "study.js"));

const widget = {
  getAttribute: (name) => ({ "data-root": "./", "data-store": "cursus", "data-progress": "voortgang.html" })[name] ?? null
};

function setNow(ms) {
  clock = ms;
  return clock;
}

function reset() {
  items.clear();
  clock = Number(start);
  return true;
}

const scope = { study, data, widget, setNow, reset, store: () => window.StudyStore.open(widget) };
require("./expressions.cjs").serve(scope);
