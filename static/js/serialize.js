// The body the outbox sends: formjson.js's nested JSON of the form, without the
// repeated rows nobody filled in (a spare member or item row), renumbered.
import { formToJson } from "./formjson.js";

const ROW = /^(.*-\d+)-[^]*$/;

/** Whether a person typed or chose this value (hidden inputs and selects do not count). */
function entered(el) {
  if (el.type === "checkbox" || el.type === "radio") return el.checked;
  if (el.type === "hidden" || el.tagName === "SELECT") return false;
  return el.value.trim() !== "";
}

/** Names of the fields that belong to rows where nothing was entered. */
export function blankRowFields(form) {
  const rows = new Map();
  for (const el of form.elements) {
    const row = el.name?.match(ROW)?.[1];
    if (!row) continue;
    const entry = rows.get(row) ?? { any: false, names: [] };
    entry.any ||= entered(el);
    entry.names.push(el.name);
    rows.set(row, entry);
  }
  return [...rows.values()].filter((r) => !r.any).flatMap((r) => r.names);
}

/** The nested body the API expects; `version` is left out (see forms.js). */
export function toPayload(form) {
  return formToJson(form, { skip: ["csrf_token", "version", ...blankRowFields(form)] });
}
