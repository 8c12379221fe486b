// Live preview of a survey's computed values, with the server's own rules.
// The form names its kind's module (data-preview-module, from the registry): it
// exports compute(data, context, config), a port of the kind's rule in
// fieldapp/domain/; errors show as "—" until the form is complete.
import { formToJson } from "../formjson.js";

const form = document.getElementById("survey-form");
const config = JSON.parse(document.getElementById("survey-config").textContent);

// Today on the phone's own calendar (in Wanning: China time), not UTC's.
function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// Household and person facts the rule may use (server-rendered or filled offline).
// A person's age comes in whole years (on the record's day, or today): pages and the
// offline copy never hold a birth date, which would unmask the ID number.
export function surveyContext(formEl, body) {
  const person = formEl.querySelector("[data-person-select]")?.selectedOptions[0];
  const capturedOn = (body.captured_at || localToday()).slice(0, 10);
  // The record the kind links to (a renovation's C/D inspection, a respite
  // service's eligible assessment), under the link's context name, with the
  // computed values its choice carries (links.js).
  const select = formEl.querySelector("[data-link-select]");
  const linked = select?.selectedOptions[0];
  const links = {};
  if (select) {
    links[select.dataset.linkContext] = linked?.value
      ? { uuid: linked.value, ...JSON.parse(linked.dataset.values || "{}") }
      : null;
  }
  const num = (v) => (v === undefined || v === "" ? null : Number(v));
  return {
    householdSize: num(formEl.dataset.householdSize),
    povertyStatus: formEl.dataset.povertyStatus || null,
    capturedOn,
    today: localToday(),
    category: num(person?.dataset.category),
    level: num(person?.dataset.level),
    age: num(person?.dataset.age),
    ...links,
  };
}

function show(el, value) {
  const vocab = el.dataset.vocab && config.labels[el.dataset.vocab];
  const word = (v) => (vocab && vocab[String(v)] !== undefined ? vocab[String(v)] : String(v));
  if (value === undefined || value === null || value === "") el.textContent = "—";
  else if (Array.isArray(value)) el.textContent = value.map(word).join(";") || "—";
  else el.textContent = word(value);
}

async function start() {
  if (!form) return;
  const rule = await import(form.dataset.previewModule);
  const outputs = form.querySelectorAll("[data-preview] [data-out]");
  const update = () => {
    const body = formToJson(form);
    let computed = {};
    try {
      computed = rule.compute(body.data || {}, surveyContext(form, body), config);
    } catch (err) {
      computed = { error: err.code || String(err) };
    }
    for (const el of outputs) show(el, computed[el.dataset.out]);
    form.dispatchEvent(new CustomEvent("preview", { detail: computed }));
  };
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
}

start();
