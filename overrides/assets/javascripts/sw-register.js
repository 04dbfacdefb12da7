/* The installable app (online site only): links the web app manifest and
   registers the service worker (sw.js at the site root, so it works under the
   deploy's base path). On file:// nothing happens: there the zip is the offline
   copy.
   - When a newer version of the site is ready, a Dutch notice offers it; accepting
     it reloads every open tab on the new version at once (also a tab whose first
     visit installed the app: it was not controlled when it loaded).
   - When installing a version fails (a file of the deploy missing, the network
     gone half-way), the browser tries again on a later page view and this script
     asks again after a while. The worker counts the failures in a cache of its own
     (overrides/sw.js, STATUS) and tells open pages; from the second failure in a row
     on, a Dutch notice says that the site keeps working online (and offline on the
     version the reader has, if any). */
(function () {
  "use strict";

  if (!/^https?:$/.test(location.protocol) || !("serviceWorker" in navigator)) return;
  var root = new URL("../../", document.currentScript.src);
  [["manifest", "manifest.webmanifest"], ["apple-touch-icon", "assets/images/icon-180.png"]].forEach(
    function (pair) {
      var link = document.createElement("link");
      link.rel = pair[0];
      link.href = new URL(pair[1], root).href;
      document.head.appendChild(link);
    }
  );

  var STATUS = "ss:" + root.pathname + ":status"; /* overrides/sw.js: {"failures": n} */
  var TELL_AFTER = 2; /* failed installs in a row before the reader is told */
  var RETRY_MS = [60e3, 5 * 60e3, 30 * 60e3]; /* asking again while the tab stays open */

  function storedFailures() {
    if (!window.caches) return Promise.resolve(0);
    return caches
      .match(new URL("failures", root).href, { cacheName: STATUS }) /* opens no cache */
      .then(function (hit) { return hit ? hit.json() : {}; })
      .then(function (data) {
        var n = data && data.failures;
        return typeof n === "number" && n >= 0 && n < 1e6 && Math.floor(n) === n ? n : 0;
      })
      .catch(function () { return 0; });
  }

  function notice(kind, text, button) {
    var old = document.querySelector(".ss-update");
    if (old) {
      if (old.getAttribute("data-kind") === "offer") return; /* an offer wins */
      old.remove();
    }
    var box = document.createElement("div");
    box.className = "ss-update";
    box.setAttribute("role", "status");
    box.setAttribute("data-kind", kind);
    box.textContent = text + " ";
    if (button) box.appendChild(button);
    document.body.appendChild(box);
  }

  var controlled = !!navigator.serviceWorker.controller; /* false on the very first visit */
  var reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (!controlled) {
      controlled = true; /* the first worker took over this tab: same version, nothing to reload */
      return;
    }
    if (!reloading) {
      reloading = true;
      location.reload(); /* a newer version took over: every tab shows it */
    }
  });

  function offer(worker) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = "Nieuwe versie laden";
    button.addEventListener("click", function () {
      button.disabled = true;
      controlled = true; /* this tab reloads when the new version takes over */
      worker.postMessage("skip-waiting");
    });
    var old = document.querySelector('.ss-update[data-kind="failed"]');
    if (old) old.remove();
    notice("offer", "Er is een nieuwe versie van de studiesite.", button);
  }

  function tell(n) {
    if (n < TELL_AFTER) return;
    notice(
      "failed",
      navigator.serviceWorker.controller
        ? "De nieuwe versie van de studiesite kon niet worden opgehaald. Je leest nog de vorige " +
            "versie; die werkt ook zonder internet. De site probeert het later opnieuw."
        : "De studiesite kon niet worden bewaard voor gebruik zonder internet. Met internet werkt " +
            "alles gewoon; de site probeert het later opnieuw."
    );
  }

  var retry = null;
  function failed(n) {
    tell(n);
    if (retry) return;
    retry = setTimeout(function () {
      retry = null;
      navigator.serviceWorker.getRegistration(root.href).then(function (registration) {
        if (registration) return registration.update();
        register(); /* a first install that failed leaves no registration */
      }).catch(function () { /* offline: the next page view tries again */ });
    }, RETRY_MS[Math.min(n - 1, RETRY_MS.length - 1)]);
  }

  navigator.serviceWorker.addEventListener("message", function (event) {
    var data = event.data;
    if (data && data.type === "ss-install-failed" && typeof data.failures === "number") failed(data.failures);
  });
  navigator.serviceWorker.startMessages();

  function follow(worker) {
    worker.addEventListener("statechange", function () {
      if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
    });
  }

  function watch(registration) {
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
    if (registration.installing) follow(registration.installing);
    registration.addEventListener("updatefound", function () {
      if (registration.installing) follow(registration.installing);
    });
    storedFailures().then(function (n) { if (n) failed(n); });
  }

  /* After the page has loaded: the precache download never competes with it. */
  function register() {
    navigator.serviceWorker
      .register(new URL("sw.js", root).href, { scope: root.href })
      .then(function (registration) {
        if (registration) watch(registration); /* none when the browser blocks workers */
      }, function () { /* no worker (e.g. mkdocs serve): the site works as before */ });
  }
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);
})();
