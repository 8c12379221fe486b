// Repeating rows ("add item", "add follow-up"): a button [data-add-row=<id>] copies
// the last [data-row] of the container #<id>, whose fields are named <prefix>-N-…
// with <prefix> in its data-rows, under the next index, and clears the copy.
// Without JavaScript the page shows spare blank rows instead (forms/rows.py).

function renumber(row, prefix, index) {
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-\\d+-`);
  const next = `${prefix}-${index}-`;
  for (const el of row.querySelectorAll("[name], [id], label[for], [aria-describedby]")) {
    if (el.name) el.name = el.name.replace(pattern, next);
    if (el.id) el.id = el.id.replace(pattern, next);
    if (el.htmlFor) el.htmlFor = el.htmlFor.replace(pattern, next);
  }
}

function clear(row) {
  for (const el of row.querySelectorAll("input, select, textarea")) {
    if (el.type === "checkbox" || el.type === "radio") el.checked = false;
    else el.value = "";
    el.removeAttribute("aria-invalid");
    el.removeAttribute("aria-describedby");
    if (el.dataset.hint) el.placeholder = "";
  }
  for (const el of row.querySelectorAll(".error")) el.remove();
  for (const el of row.querySelectorAll(".has-error")) el.classList.remove("has-error");
  for (const el of row.querySelectorAll("[data-hint-text]")) el.textContent = "—";
}

export function addRow(container) {
  const rows = container.querySelectorAll("[data-row]");
  const last = rows[rows.length - 1];
  const copy = last.cloneNode(true);
  renumber(copy, container.dataset.rows, rows.length);
  clear(copy);
  const number = copy.querySelector("[data-row-number]");
  if (number) number.textContent = String(rows.length + 1);
  container.appendChild(copy);
  copy.querySelector("input:not([type=hidden]), select")?.focus();
  return copy;
}

for (const button of document.querySelectorAll("[data-add-row]")) {
  const container = document.getElementById(button.dataset.addRow);
  if (!container || !container.querySelector("[data-row]")) continue;
  button.hidden = false;
  button.addEventListener("click", () => addRow(container));
}
