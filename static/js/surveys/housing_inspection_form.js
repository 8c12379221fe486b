// Housing inspection page: show only the chosen method's section and one storey
// block per floor, suggest JGJ 125 when the 2019 guideline does not cover the
// floor count (config.housing.rural_2019_max_floors), and write the preview
// values that need formatting. Without this script every section and storey
// block stays visible and still works. Hidden inputs are disabled, so neither
// the preview nor the post sees them.

import { methodFlags } from "./housing_inspection.js";

const config = JSON.parse(document.getElementById("survey-config")?.textContent || "{}");

const form = document.getElementById("survey-form");

function setActive(scope, active) {
  scope.hidden = !active;
  for (const el of scope.querySelectorAll("input, select, textarea")) el.disabled = !active;
}

// At least `wanted` storey blocks, cloned from the page's template.
function storeyBlocks(box, wanted) {
  const template = form.querySelector("template[data-storey-template]");
  let blocks = box.querySelectorAll("[data-storey]");
  while (blocks.length < wanted) {
    const index = blocks.length;
    box.insertAdjacentHTML("beforeend", template.innerHTML
      .replaceAll("__index__", String(index))
      .replaceAll("__number__", String(index + 1)));
    blocks = box.querySelectorAll("[data-storey]");
  }
  return [...blocks];
}

function refresh() {
  const method = form.querySelector("input[name='data-method']:checked")?.value;
  for (const section of form.querySelectorAll("[data-method-section]")) {
    setActive(section, !method || section.dataset.methodSection === method);
  }
  const box = form.querySelector("[data-storeys]");
  const floors = Number.parseInt(form.elements["data-floors"].value, 10);
  const max = Number(box.dataset.maxStoreys);
  const wanted = Math.min(Math.max(Number.isFinite(floors) ? floors : 1, 1), max);
  const counting = !box.closest("[data-method-section]").hidden;
  storeyBlocks(box, wanted).forEach((block, i) => setActive(block, counting && i < wanted));
  const scope = form.querySelector("[data-method-scope]");
  const facts = { method, floors: Number.isFinite(floors) ? floors : null };
  if (scope) scope.hidden = !methodFlags(facts, config.housing).includes("method_out_of_scope");
}

// The suggestion's button: choose the JGJ 125 method (its section then shows).
function switchMethod(event) {
  const wanted = event.target.closest("[data-switch-method]")?.dataset.switchMethod;
  if (!wanted) return;
  const radio = form.querySelector(`input[name='data-method'][value='${wanted}']`);
  radio.checked = true;
  radio.dispatchEvent(new Event("change", { bubbles: true }));
  radio.focus();
}

const FORMATS = {
  ratio: (v) => `${(v * 100).toFixed(2)} %`,
  subsidy_floor: (v) => String(v),
  area_cap_m2: ([low, high]) => `${low}–${high}`,
};

function showFormatted(computed) {
  for (const el of form.querySelectorAll("[data-preview] [data-housing-out]")) {
    const key = el.dataset.housingOut;
    const value = computed[key];
    const unit = el.dataset.unit ? ` ${el.dataset.unit}` : "";
    el.textContent = value === undefined || value === null ? "—" : FORMATS[key](value) + unit;
  }
}

if (form && form.dataset.kind === "housing_inspection") {
  const watched = new Set(["data-method", "data-floors"]);
  const onChange = (event) => {
    if (watched.has(event.target.name)) refresh();
  };
  form.addEventListener("input", onChange);
  form.addEventListener("change", onChange);
  form.addEventListener("preview", (event) => showFormatted(event.detail));
  form.addEventListener("click", switchMethod);
  refresh();
}
