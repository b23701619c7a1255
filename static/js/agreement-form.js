// The agreement form without JavaScript still works: one empty row per formset, partner names checked on the
// server, the early-start confirmation shown after the first attempt. This file (and picker.js, the
// suggestions) only makes it quicker.
(function () {
  "use strict";

  // "Add another" rows: copy the formset's empty form and count it in TOTAL_FORMS.
  function setUpFormset(button) {
    var prefix = button.dataset.addRow;
    var template = document.querySelector('template[data-formset-template="' + prefix + '"]');
    var rows = document.querySelector('[data-formset-rows="' + prefix + '"]');
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    if (!template || !rows || !total) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (max && index >= parseInt(max.value, 10)) return;
      var wrapper = document.createElement("div");
      wrapper.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      var row = wrapper.firstElementChild;
      var number = row.querySelector("[data-row-number]");
      if (number) number.textContent = String(index + 1);
      rows.appendChild(row);
      total.value = String(index + 1);
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    });
  }

  // Show the "Saya mengerti" box as soon as the start date is before the signing date.
  function setUpEarlyStart(form) {
    var box = form.querySelector("[data-early-start-confirm]");
    var signed = form.querySelector("#id_signed_on");
    var starts = form.querySelector("#id_starts_on");
    if (!box || !signed || !starts) return;
    var checkbox = box.querySelector("input[type=checkbox]");
    function update() {
      var early = signed.value && starts.value && starts.value < signed.value;
      if (early || (checkbox && checkbox.checked)) box.hidden = false;
      else if (!box.querySelector(".errorlist")) box.hidden = true;
    }
    signed.addEventListener("change", update);
    starts.addEventListener("change", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.agreement-form");
    if (!form) return;
    form.querySelectorAll("button[data-add-row]").forEach(setUpFormset);
    setUpEarlyStart(form);
  });
})();
