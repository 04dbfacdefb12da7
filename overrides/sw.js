/* The service worker of the installable app (online site only;
   overrides/assets/javascripts/sw-register.js registers it on http(s), never on file://).

   After one visit every page, asset, the search index and the short links come
   from a cache, so the site works with the network off. tools/precache.py fills in
   the lists after the build has written every other file: each entry is a path
   relative to this file's folder (the deploy's base path) and the first 16 hex
   digits of the SHA-256 of its bytes; VERSION is a hash of both lists.
   - PRECACHE: what the app needs at once; a version is installed only when all of
     it is in its cache.
   - LAZY: what a reader rarely opens (the print page): cached when first used.

   One deploy, one cache (PREFIX + VERSION; the names carry the site's path, since
   every project site of one GitHub owner shares one origin and its caches). A new deploy changes this file, so
   the browser installs the new worker next to the old one. It copies every file
   whose hash did not change from the previous version's cache (after checking the
   hash of the copy) and fetches only the rest, checking each file's hash, so a
   half-finished deploy or a stale edge copy fails the install instead of mixing
   versions. A failed install is counted (STATUS cache, read by sw-register.js,
   which tells the reader when it keeps failing) and tried again by the browser on
   a later page view; the previous version keeps working meanwhile. A successful
   install clears the count. The old worker serves its own
   cache until the reader accepts the new version (the page shows a Dutch notice;
   "skip-waiting" below), or until every tab of the old version is closed. Each
   worker reads only its own cache: a page never mixes old and new files.

   Left empty (as under `mkdocs serve`, which does not run tools/precache.py) the
   worker removes its caches and unregisters itself: no stale copy in development. */
"use strict";

const PRECACHE = [] /* precache: filled in by tools/precache.py */;
const LAZY = [] /* lazy: filled in by tools/precache.py */;
const VERSION = "" /* version: filled in by tools/precache.py */;
const ROOT = new URL("./", self.location.href);
const PREFIX = "ss:" + ROOT.pathname + ":site-";
const CACHE = PREFIX + VERSION;
const STATUS = "ss:" + ROOT.pathname + ":status"; // {"failures": n}, see sw-register.js
const FAILURES = new URL("failures", ROOT).href;
const LAZY_HASH = new Map(LAZY.map(([path, hash]) => [new URL(path, ROOT).href, hash]));

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function matches(body, hash) {
  return hex(await crypto.subtle.digest("SHA-256", body)).startsWith(hash);
}

/* A fresh Response to keep: no redirect flag, only the headers a reader's page needs. */
function keep(body, type) {
  return new Response(body, { status: 200, headers: { "Content-Type": type || "application/octet-stream" } });
}

async function fetchChecked(cache, url, hash) {
  // "no-cache": the HTTP cache may answer, but only after the server confirmed it.
  const response = await fetch(new Request(url, { cache: "no-cache", credentials: "same-origin" }));
  if (!response.ok) throw new Error(`precache: ${url}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  if (!(await matches(body, hash))) throw new Error(`precache: ${url}: not the file of this version`);
  await cache.put(url, keep(body, response.headers.get("Content-Type")));
}

/* The same file (same hash) from an earlier version's cache, checked again: true when copied. */
async function copyUnchanged(previous, cache, url, hash) {
  for (const old of previous) {
    const hit = await old.match(url);
    if (!hit) continue;
    const body = await hit.arrayBuffer();
    if (await matches(body, hash)) {
      await cache.put(url, keep(body, hit.headers.get("Content-Type")));
      return true;
    }
  }
  return false;
}

async function failures() {
  const hit = await caches.match(FAILURES, { cacheName: STATUS });
  const n = hit ? (await hit.json().catch(() => ({}))).failures : 0;
  return Number.isInteger(n) && n >= 0 && n < 1e6 ? n : 0;
}

/* Count a failed install and tell every open page of the site (sw-register.js). */
async function installFailed() {
  const n = (await failures()) + 1;
  await (await caches.open(STATUS)).put(FAILURES, new Response(JSON.stringify({ failures: n })));
  const pages = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const page of pages) page.postMessage({ type: "ss-install-failed", failures: n });
}

async function otherCaches() {
  const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== CACHE);
  return Promise.all(names.map((n) => caches.open(n)));
}

self.addEventListener("install", (event) => {
  if (!PRECACHE.length) {
    event.waitUntil(self.skipWaiting());
    return;
  }
  event.waitUntil(
    (async () => {
      await caches.delete(CACHE); // what an earlier, failed install of this version left
      const cache = await caches.open(CACHE);
      const previous = await otherCaches();
      try {
        await Promise.all(
          PRECACHE.map(async ([path, hash]) => {
            const url = new URL(path, ROOT).href;
            if (!(await copyUnchanged(previous, cache, url, hash))) await fetchChecked(cache, url, hash);
          })
        );
        // A lazy file the reader already had and that did not change stays; the rest waits for use.
        await Promise.all(
          LAZY.map(([path, hash]) => copyUnchanged(previous, cache, new URL(path, ROOT).href, hash))
        );
      } catch (error) {
        console.warn(String(error)); // for the site's maintainer: which file failed, and why
        await caches.delete(CACHE);
        await installFailed();
        throw error; // the install fails; the previous version (if any) keeps working
      }
      await caches.delete(STATUS);
      // The first worker of this site takes over at once; a newer one waits for the reader.
      if (!self.registration.active) await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      if (!PRECACHE.length) {
        const names = await caches.keys();
        await Promise.all(
          names.filter((n) => n.startsWith(PREFIX) || n === STATUS).map((n) => caches.delete(n))
        );
        await self.registration.unregister();
        return;
      }
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))
      );
      await self.clients.claim();
    })()
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

/* The cached copy of a URL: the query (search highlighting adds ?h=…) and the
   fragment do not matter; a folder means its index.html, as on GitHub Pages. */
function key(url) {
  const path = url.origin + url.pathname;
  return path.endsWith("/") ? path + "index.html" : path;
}

async function cached(cache, url) {
  const path = key(url);
  const hit = await cache.match(path);
  if (hit || /\.[A-Za-z0-9]+$/.test(url.pathname)) return hit;
  return cache.match(path + ".html");
}

/* A lazy file from the network; kept when it is this version's file. */
async function fetchLazy(cache, request, path, hash) {
  const response = await fetch(request);
  if (!response.ok) return response;
  const body = await response.clone().arrayBuffer();
  if (await matches(body, hash)) await cache.put(path, keep(body, response.headers.get("Content-Type")));
  return response;
}

async function respond(request) {
  const cache = await caches.open(CACHE);
  const url = new URL(request.url);
  const hit = await cached(cache, url);
  if (hit) return hit;
  try {
    const lazy = LAZY_HASH.get(key(url));
    return lazy ? await fetchLazy(cache, request, key(url), lazy) : await fetch(request);
  } catch (error) {
    if (request.mode === "navigate") {
      const missing = await cache.match(new URL("404.html", ROOT));
      if (missing) return new Response(missing.body, { status: 404, headers: missing.headers });
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (!PRECACHE.length || request.method !== "GET") return;
  if (!request.url.startsWith(ROOT.href)) return; // other origins and paths: the browser's own way
  event.respondWith(respond(request));
});
