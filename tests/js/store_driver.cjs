/* Runs overrides/assets/javascripts/store.js in Node for tests/test_store_js.py.
 *
 * node store_driver.cjs <store.js> <storage namespace> <page URL> <now in ms>
 *
 * The page store.js runs in is faked, with only what a page gives it: window.location (the page
 * URL), window.localStorage (a Map; `storage.refuse` makes it throw as a browser does: "full"
 * throws QuotaExceededError from setItem, "denied" SecurityError from setItem and removeItem,
 * "unreadable" SecurityError from getItem too, and any other value is thrown as it is by
 * setItem and removeItem); stores are opened for a widget with data-root, data-store (the namespace)
 * and data-progress, as the build renders them. Date.now() is the test's clock (`setNow(ms)`).
 *
 * Reads one JSON list of JavaScript expressions per line and answers one JSON line with, per
 * expression, {"value": <its value through JSON>} or {"thrown": "<name>: <message>"}. In scope:
 * api (module.exports of store.js), storage, setNow, reset and the helpers below.
 */
"use strict";

const [file, namespace, pageUrl, start] = process.argv.slice(2);

let clock = Number(start);
Date.now = () => clock;

function refusal(message, name) {
  return new DOMException(message, name);
}

class FakeStorage {
  constructor() {
    this.items = new Map();
    this.refuse = null;
    this.writes = 0;
  }

  get length() {
    return this.items.size;
  }

  key(index) {
    const keys = Array.from(this.items.keys());
    return index < keys.length ? keys[index] : null;
  }

  getItem(key) {
    if (this.refuse === "unreadable") throw refusal("The operation is insecure.", "SecurityError");
    key = String(key);
    return this.items.has(key) ? this.items.get(key) : null;
  }

  refusal() {
    if (this.refuse === "full") return refusal("The quota has been exceeded.", "QuotaExceededError");
    if (this.refuse === "denied" || this.refuse === "unreadable") {
      return refusal("The operation is insecure.", "SecurityError");
    }
    return this.refuse;
  }

  setItem(key, value) {
    if (this.refuse) throw this.refusal();
    this.writes += 1;
    this.items.set(String(key), String(value));
  }

  removeItem(key) {
    if (this.refuse && this.refuse !== "full") throw this.refusal();
    this.writes += 1;
    this.items.delete(String(key));
  }

  clear() {
    this.items.clear();
  }
}

const storage = new FakeStorage();
const meta = {
  name: "ss-store",
  content: namespace,
  getAttribute(name) {
    return name === "content" ? namespace : name === "name" ? "ss-store" : null;
  }
};
global.window = { location: { href: pageUrl }, localStorage: storage };
function querySelector(selector) {
  return /^meta\b/.test(selector) && selector.indexOf("ss-store") >= 0 ? meta : null;
}
global.document = {
  querySelector,
  head: { querySelector },
  getElementsByName(name) {
    return name === "ss-store" ? [meta] : [];
  }
};
global.window.document = global.document;

const api = require(file);
/* store.js opens a store for a widget the build rendered (data-root, data-store, data-progress):
   the tests open one by its root, as a quiz on a page at that depth would. */
const openWidget = api.open;
api.open = (root) =>
  openWidget({
    getAttribute(name) {
      return { "data-root": root, "data-store": namespace, "data-progress": "voortgang.html" }[name] ?? null;
    }
  });

function setNow(ms) {
  clock = ms;
  return clock;
}

/* A fresh browser: empty storage that keeps, no migrations, the clock at the start. */
function reset() {
  storage.clear();
  storage.refuse = null;
  storage.writes = 0;
  Object.keys(api.migrations).forEach((n) => delete api.migrations[n]);
  clock = Number(start);
  return true;
}

/* The key a store for `root` (relative to the page) uses, as the browser tests work it out. */
function keyOf(root) {
  return api.open(root).key;
}

/* Write a value (JSON of it, or a string as it is) under a key. */
function put(key, value) {
  storage.items.set(key, typeof value === "string" ? value : JSON.stringify(value));
  return true;
}

/* What is kept under a key, parsed (null when there is nothing). */
function kept(key) {
  const raw = storage.items.get(key);
  return raw === undefined ? null : JSON.parse(raw);
}

/* Whether each map of a state has no prototype (an id is plain data). */
function prototypes(state) {
  const out = {};
  Object.keys(state).forEach((part) => {
    out[part] = Object.getPrototypeOf(state[part]) === null;
  });
  return out;
}

/* What a plain object inherits that it should not: a polluted Object.prototype shows here. */
function polluted() {
  const probe = {};
  return ["polluted", "o", "t", "h", "c", "k"].filter((name) => name in probe);
}

const scope = { api, storage, setNow, reset, keyOf, put, kept, prototypes, polluted, namespace, pageUrl };
require("./expressions.cjs").serve(scope);
