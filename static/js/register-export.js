// The register's waiting page: ask the server every few seconds whether the PDF's status has changed and reload
// only then. Reloading on a timer would make screen readers start the page over each time; without JavaScript
// the "Periksa sekarang" button does the same by hand.
(function () {
  "use strict";

  var status = document.querySelector("[data-export-status]");
  if (!status) return;
  var shown = status.dataset.exportStatus;
  var every = 3000;

  function check() {
    fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var now = new DOMParser().parseFromString(html, "text/html").querySelector("[data-export-status]");
        if (now && now.dataset.exportStatus !== shown) window.location.reload();
        else setTimeout(check, every);
      })
      .catch(function () { setTimeout(check, every); });
  }

  setTimeout(check, every);
})();
