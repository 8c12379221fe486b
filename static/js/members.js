// Household form: "add member" clones the last (blank) row with a fresh uuid.
(function () {
  "use strict";
  const rows = document.getElementById("member-rows");
  const button = document.getElementById("add-member");
  if (!rows || !button) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    const all = rows.querySelectorAll(".member-row");
    const last = all[all.length - 1];
    const index = all.length;
    const copy = last.cloneNode(true);
    copy.dataset.index = String(index);
    copy.querySelectorAll("[name]").forEach(function (el) {
      el.name = el.name.replace(/^members-\d+-/, "members-" + index + "-");
      el.id = el.name;
      if (el.tagName === "SELECT") {
        // "other" for the relation; lists without it (the status) start at their first choice.
        el.value = "other";
        if (el.value !== "other") el.selectedIndex = 0;
      }
      else el.value = el.name.endsWith("-uuid") ? crypto.randomUUID() : "";
      el.removeAttribute("aria-invalid");
    });
    copy.querySelectorAll("label[for]").forEach(function (label) {
      label.htmlFor = label.htmlFor.replace(/^members-\d+-/, "members-" + index + "-");
    });
    copy.querySelectorAll(".error").forEach(function (el) { el.remove(); });
    // A stored member's masked numbers and "delete" boxes are not the new row's.
    copy.querySelectorAll(".kept-number .hint, .kept-number .check, .remove-member").forEach(function (el) { el.remove(); });
    copy.querySelectorAll("[placeholder]").forEach(function (el) { el.removeAttribute("placeholder"); });
    copy.querySelector("h3").textContent = copy.querySelector("h3").textContent.replace(/\d+$/, String(index + 1));
    rows.appendChild(copy);
    copy.querySelector("input:not([type=hidden])").focus();
  });
})();
