// The body the outbox sends: formjson.js's nested JSON of the form, without the
// repeated rows nobody filled in (a spare member or follow-up row). The kept rows
// are renumbered, as the server's list fields expect (items-0, items-1 …); the
// row map turns the server's error names back into the page's row names.
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

/** Close the gaps the blank rows left; map[sent row name] = the page's row name. */
function renumber(value, sent, page, map) {
  if (Array.isArray(value)) {
    const kept = [];
    for (let index = 0; index < value.length; index++) {
      if (value[index] === undefined || value[index] === null) continue;
      const to = `${sent}-${kept.length}`;
      const from = `${page}-${index}`;
      if (to !== from) map[to] = from;
      kept.push(renumber(value[index], to, from, map));
    }
    return kept;
  }
  if (value && typeof value === "object") {
    const out = {};
    for (const [key, child] of Object.entries(value)) {
      out[key] = renumber(child, sent ? `${sent}-${key}` : key, page ? `${page}-${key}` : key, map);
    }
    return out;
  }
  return value;
}

/** { body, rowMap }: the nested body the API expects (`version` left out, see forms.js). */
export function toPayload(form) {
  const raw = formToJson(form, { skip: ["csrf_token", "version", ...blankRowFields(form)] });
  const rowMap = {};
  return { body: renumber(raw, "", "", rowMap), rowMap };
}

/** The server's errors keyed by the page's field names. */
export function pageErrors(errors, rowMap = {}) {
  const prefixes = Object.keys(rowMap).sort((a, b) => b.length - a.length);
  const out = {};
  for (const [name, messages] of Object.entries(errors)) {
    const prefix = prefixes.find((p) => name === p || name.startsWith(`${p}-`));
    out[prefix ? rowMap[prefix] + name.slice(prefix.length) : name] = messages;
  }
  return out;
}
