// Form fields named the WTForms way (data-barthel-feeding, items-0-code) to the
// nested JSON body the API takes, and back. Shared by the preview and the outbox.

const NUMERIC_TYPES = new Set(["number", "range"]);

function typedValue(el) {
  if (el.type === "checkbox") return el.checked;
  const raw = el.value;
  if (raw === "") return null;
  if (NUMERIC_TYPES.has(el.type) || el.dataset.number !== undefined || el.dataset.score !== undefined) {
    const n = Number(raw);
    return Number.isFinite(n) ? n : raw;
  }
  if (raw === "true") return true;
  if (raw === "false") return false;
  return raw;
}

function setPath(target, parts, value) {
  let node = target;
  for (let i = 0; i < parts.length - 1; i += 1) {
    const key = parts[i];
    const nextIsIndex = /^\d+$/.test(parts[i + 1]);
    if (node[key] === undefined) node[key] = nextIsIndex ? [] : {};
    node = node[key];
  }
  node[parts[parts.length - 1]] = value;
}

function isEmpty(value) {
  return value === null || value === "" || value === undefined
    || (typeof value === "object" && Object.keys(value).length === 0);
}

function compact(value) {
  if (Array.isArray(value)) {
    // Blank rows the page offers at the end are dropped; earlier rows keep their
    // index so the server's field errors (items-2-code) point at the right row.
    const rows = value.map(compact);
    while (rows.length && isEmpty(rows[rows.length - 1])) rows.pop();
    return rows;
  }
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const c = compact(v);
      if (!isEmpty(c)) out[k] = c;
    }
    return out;
  }
  return value;
}

// The form's values as the API's nested JSON (empty values left out).
export function formToJson(form, { skip = ["csrf_token", "version"] } = {}) {
  const body = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled || skip.includes(el.name) || el.type === "file") continue;
    if ((el.type === "radio") && !el.checked) continue;
    if (el.type === "select-multiple") {
      setPath(body, el.name.split("-"), [...el.selectedOptions].map((o) => o.value));
      continue;
    }
    setPath(body, el.name.split("-"), typedValue(el));
  }
  return compact(body);
}

// Put a stored JSON body back into the form's fields (drafts, 422 reopen).
export function jsonToForm(form, body, prefix = "") {
  for (const [key, value] of Object.entries(body || {})) {
    const name = prefix ? `${prefix}-${key}` : key;
    if (value !== null && typeof value === "object") {
      jsonToForm(form, value, name);
      continue;
    }
    const fields = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
    for (const el of fields) {
      if (el.type === "radio") el.checked = String(el.value) === String(value);
      else if (el.type === "checkbox") el.checked = value === true;
      else el.value = value;
    }
  }
}
