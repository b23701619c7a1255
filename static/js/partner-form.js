// Partner form: a live hint when the typed name looks like a registered partner, and "add another contact".
(function () {
  "use strict";

  var name = document.getElementById("id_name");
  var hint = document.getElementById("name-hint");
  if (name && hint) {
    var timer = null;
    var lastQuery = "";
    var controller = null;

    function show(results) {
      // The live region stays in the page (empty when there is nothing to say) so screen readers announce it.
      hint.textContent = "";
      hint.classList.remove("name-hint--same");
      if (!results.length) return;
      var same = results.filter(function (r) { return r.same; });
      var shown = (same.length ? same : results).slice(0, 5);
      hint.appendChild(document.createTextNode(
        (same.length ? hint.dataset.sameText : hint.dataset.similarText) + " "
      ));
      shown.forEach(function (result, i) {
        if (i) hint.appendChild(document.createTextNode("; "));
        var link = document.createElement("a");
        link.href = result.url;
        link.target = "_blank";
        link.rel = "noopener";
        link.textContent = result.label;
        hint.appendChild(link);
      });
      hint.classList.toggle("name-hint--same", same.length > 0);
    }

    function lookUp() {
      var query = name.value.trim().replace(/\s+/g, " ");
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < 4) {
        show([]);
        return;
      }
      var params = new URLSearchParams({ q: query, similar: "1" });
      if (hint.dataset.exclude) params.set("exclude", hint.dataset.exclude);
      if (controller) controller.abort();
      controller = new AbortController();
      fetch(hint.dataset.url + "?" + params.toString(), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller.signal,
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { show(data.results || []); })
        .catch(function () { /* aborted or offline: the server still checks on save */ });
    }

    name.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookUp, 350);
    });
    if (name.value.trim()) lookUp();
  }

  var button = document.getElementById("add-contact");
  var template = document.getElementById("contact-empty-form");
  var container = document.getElementById("contact-forms");
  var total = document.getElementById("id_contacts-TOTAL_FORMS");
  if (button && template && container && total) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      container.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var rows = container.querySelectorAll(".contact-row");
      var row = rows[rows.length - 1];
      row.setAttribute("aria-label", row.getAttribute("aria-label") + " " + rows.length);
      var first = row.querySelector("input:not([type=hidden])");
      if (first) first.focus();
    });
  }
})();
