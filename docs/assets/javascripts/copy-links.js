/* "Voor docenten": a copy button per link. The buttons are rendered hidden and
   only shown here, so without JavaScript the page simply lists the links. The
   copied URL is absolute, resolved against the page the teacher is on. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Fallback for file:// and older browsers: a temporary selected textarea.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function init() {
    var buttons = document.querySelectorAll("button.ss-copy[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      var status = document.createElement("span");
      status.className = "ss-copy__status";
      status.setAttribute("role", "status");
      button.parentNode.appendChild(status);
      button.hidden = false;
      button.addEventListener("click", function () {
        var url = new URL(button.getAttribute("data-copy"), window.location.href).href;
        copyText(url).then(function () {
          status.textContent = "Gekopieerd";
        }, function () {
          status.textContent = "Kopiëren lukte niet; selecteer de link zelf";
        });
        window.setTimeout(function () { status.textContent = ""; }, 4000);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
