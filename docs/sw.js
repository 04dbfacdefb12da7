/* Sales studiesite: the service worker of the installable app (online site only;
   docs/assets/javascripts/sw-register.js registers it on http(s), never on file://).

   After one visit every page, asset, the search index and the short links come
   from a cache, so the site works with the network off. tools/precache.py fills in
   PRECACHE after the build has written every other file: each entry is a path
   relative to this file's folder (the deploy's base path) and the first 16 hex
   digits of the SHA-256 of its bytes; VERSION is a hash of the whole list.

   One deploy, one cache ("ss-site-" + VERSION). A new deploy changes this file, so
   the browser installs the new worker next to the old one: it downloads every file
   again (bypassing the HTTP cache) into its own cache and checks each file's hash,
   so a half-finished deploy or a stale edge copy fails the install instead of
   mixing versions. The old worker keeps serving its own cache until the reader
   accepts the new version (the page shows a Dutch notice; "skip-waiting" below),
   or until every tab of the old version is closed. Each worker reads only its own
   cache: a page never mixes old and new files.

   Left empty (as under `mkdocs serve`, which does not run tools/precache.py) the
   worker removes its caches and unregisters itself: no stale copy in development. */
"use strict";

const PRECACHE = [] /* precache: filled in by tools/precache.py */;
const VERSION = "" /* version: filled in by tools/precache.py */;
const PREFIX = "ss-site-";
const CACHE = PREFIX + VERSION;
const ROOT = new URL("./", self.location.href);

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function fetchChecked(cache, path, hash) {
  const url = new URL(path, ROOT);
  const response = await fetch(new Request(url, { cache: "reload", credentials: "same-origin" }));
  if (!response.ok) throw new Error(`precache: ${path}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  const digest = hex(await crypto.subtle.digest("SHA-256", body));
  if (!digest.startsWith(hash)) throw new Error(`precache: ${path}: not the file of this version`);
  // A fresh Response: no redirect flag, only the headers a reader's page needs.
  const headers = { "Content-Type": response.headers.get("Content-Type") || "application/octet-stream" };
  await cache.put(url, new Response(body, { status: 200, headers }));
}

async function removeAll() {
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(PREFIX)).map((n) => caches.delete(n)));
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
      try {
        await Promise.all(PRECACHE.map(([path, hash]) => fetchChecked(cache, path, hash)));
      } catch (error) {
        await caches.delete(CACHE);
        throw error; // the install fails; the browser tries again on a later visit
      }
      // The first worker of this site takes over at once; a newer one waits for the reader.
      const current = self.registration.active;
      if (!current) await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      if (!PRECACHE.length) {
        await removeAll();
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
async function cached(cache, url) {
  let path = url.origin + url.pathname;
  if (path.endsWith("/")) path += "index.html";
  const hit = await cache.match(path);
  if (hit || /\.[A-Za-z0-9]+$/.test(url.pathname)) return hit;
  return cache.match(path + ".html");
}

async function respond(request) {
  const cache = await caches.open(CACHE);
  const url = new URL(request.url);
  const hit = await cached(cache, url);
  if (hit) return hit;
  try {
    return await fetch(request);
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
