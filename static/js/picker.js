// Typed pickers (partner, unit, agreement): fill the text box's <datalist> with suggestions from the server as
// the user types. Without this script the box still works: the server checks what was typed.
(function () {
  "use strict";

  var state = new WeakMap();

  function queryFor(input) {
    var params = new URLSearchParams();
    params.set("q", input.value.trim());
    // Other fields of the same form narrow the suggestions, e.g. the agreement's kind and unit.
    (input.dataset.autocompleteParams || "").split(" ").forEach(function (name) {
      var field = name && input.form && input.form.elements.namedItem(name);
      if (field && field.value) params.set(name, field.value);
    });
    return params.toString();
  }

  function suggest(input) {
    var url = input.dataset.autocompleteUrl;
    var list = document.getElementById(input.getAttribute("list"));
    var min = parseInt(input.dataset.autocompleteMin || "2", 10);
    if (!url || !list || input.value.trim().length < min) return;
    var own = state.get(input) || {};
    var query = queryFor(input);
    if (query === own.query) return;
    clearTimeout(own.timer);
    own.timer = setTimeout(function () {
      own.query = query;
      if (own.controller) own.controller.abort();
      own.controller = new AbortController();
      fetch(url + (url.indexOf("?") < 0 ? "?" : "&") + query, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: own.controller.signal,
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          list.replaceChildren();
          (data.results || []).forEach(function (record) {
            var option = document.createElement("option");
            option.value = record.name;
            if (record.label && record.label !== record.name) option.label = record.label;
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are a convenience; the server still checks what was typed */ });
    }, 200);
    state.set(input, own);
  }

  // Delegated, so rows added to a formset later get suggestions too.
  function onEvent(event) {
    var input = event.target;
    if (input instanceof HTMLInputElement && input.dataset.autocompleteUrl) suggest(input);
  }
  document.addEventListener("input", onEvent);
  document.addEventListener("focusin", onEvent);
})();
