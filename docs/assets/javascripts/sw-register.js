/* The installable app (online site only): links the web app manifest and
   registers the service worker (sw.js at the site root, so it works under the
   deploy's base path). On file:// nothing happens: there the zip is the offline
   copy. When a newer version of the site is ready, a Dutch notice offers it;
   accepting it reloads every open tab on the new version at once. */
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

  var updating = !!navigator.serviceWorker.controller; /* false on the very first visit */
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (updating) {
      updating = false;
      location.reload();
    }
  });

  function offer(worker) {
    if (document.querySelector(".ss-update")) return;
    var box = document.createElement("div");
    box.className = "ss-update";
    box.setAttribute("role", "status");
    box.textContent = "Er is een nieuwe versie van de studiesite. ";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = "Nieuwe versie laden";
    button.addEventListener("click", function () {
      button.disabled = true;
      worker.postMessage("skip-waiting");
    });
    box.appendChild(button);
    document.body.appendChild(box);
  }

  function watch(registration) {
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      if (!worker) return;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
      });
    });
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
