// A form's flattened WTForms names (data-barthel-feeding, items-0-code) as nested JSON.

const SKIPPED_TYPES = new Set(["file", "submit", "button", "reset", "image"]);
const NUMBER = /^-?\d+(\.\d+)?$/;

function isNumeric(el) {
  return el.type === "number" || el.inputMode === "decimal" || el.dataset.type === "number";
}

/** Whether a person typed or chose this value (hidden inputs and selects do not count). */
function entered(el) {
  if (el.type === "checkbox" || el.type === "radio") return el.checked;
  if (el.type === "hidden" || el.tagName === "SELECT") return false;
  return el.value.trim() !== "";
}

/** The fields that carry data, as [element, value] pairs in document order. */
export function fieldValues(form) {
  const counts = {};
  for (const el of form.elements) if (el.name && el.type === "checkbox") counts[el.name] = (counts[el.name] ?? 0) + 1;
  const out = [];
  for (const el of form.elements) {
    if (!el.name || el.disabled || SKIPPED_TYPES.has(el.type) || el.name === "csrf_token") continue;
    if (el.type === "radio") {
      if (el.checked) out.push([el, NUMBER.test(el.value) ? Number(el.value) : el.value]);
    } else if (el.type === "checkbox") {
      if (counts[el.name] > 1) {
        if (el.checked) out.push([el, [el.value]]);
      } else {
        out.push([el, el.checked]);
      }
    } else if (el.tagName === "SELECT" && el.multiple) {
      out.push([el, [...el.selectedOptions].map((o) => o.value)]);
    } else if (isNumeric(el)) {
      const text = el.value.trim().replace(",", ".");
      out.push([el, text === "" ? null : NUMBER.test(text) ? Number(text) : text]);
    } else {
      out.push([el, el.value]);
    }
  }
  return out;
}

function place(root, path, value) {
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    node[key] ??= /^\d+$/.test(path[i + 1]) ? [] : {};
    node = node[key];
  }
  const last = path[path.length - 1];
  if (Array.isArray(value) && Array.isArray(node[last])) node[last].push(...value);
  else node[last] = value;
}

/** Arrays lose the rows nobody filled in (a spare member row) and their holes. */
function compact(node, blankRows, prefix = "") {
  if (Array.isArray(node)) {
    return node
      .map((child, index) => [child, `${prefix}-${index}`])
      .filter(([child, name]) => child !== undefined && !blankRows.has(name))
      .map(([child, name]) => compact(child, blankRows, name));
  }
  if (node && typeof node === "object") {
    for (const key of Object.keys(node)) node[key] = compact(node[key], blankRows, prefix ? `${prefix}-${key}` : key);
  }
  return node;
}

/** The nested body the API expects; `version` is left out (see forms.js). */
export function toPayload(form) {
  const root = {};
  const rowEntered = new Map();
  for (const [el, value] of fieldValues(form)) {
    if (el.name === "version") continue;
    const path = el.name.split("-");
    place(root, path, value);
    const row = path.findLastIndex((part) => /^\d+$/.test(part));
    if (row >= 0) {
      const name = path.slice(0, row + 1).join("-");
      rowEntered.set(name, (rowEntered.get(name) ?? false) || entered(el));
    }
  }
  const blank = new Set([...rowEntered].filter(([, any]) => !any).map(([name]) => name));
  return compact(root, blank);
}
