// The renovation form: choosing the C/D inspection fills the mode it suggests
// when the worker has not chosen one (the rule itself never needs the mode to
// match: a D house may be repaired when the office decides so).
const form = document.getElementById("survey-form");
const inspection = form?.querySelector("[data-link-select]");
const mode = form?.elements.namedItem("data-mode");

function suggestMode() {
  const values = inspection.selectedOptions[0]?.dataset.values;
  const suggested = values ? JSON.parse(values).renovation_mode : null;
  if (suggested && mode && !mode.value) {
    mode.value = suggested;
    mode.dispatchEvent(new Event("change", { bubbles: true }));
  }
}

if (inspection && mode) {
  inspection.addEventListener("change", suggestMode);
  suggestMode();
}
