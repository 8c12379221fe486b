// One line per unsent item or draft, with what the person can do about it.
import { run } from "./autosync.js";
import { discardItem, isBlocked, resubmitOnCurrent, retryItem } from "./outbox.js";
import { t } from "./messages.js";
import { fullTime, shortTime } from "./time.js";

function el(tag, text = "", className = "") {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function button(label, action) {
  const b = el("button", label, "small");
  b.type = "button";
  b.addEventListener("click", action);
  return b;
}

function withParam(url, name, value) {
  const u = new URL(url, location.origin);
  u.searchParams.set(name, value);
  return u.pathname + u.search;
}

/** {"a-b-0": value} for a nested object, WTForms style. */
export function flatten(value, prefix = "", out = {}) {
  if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}-${key}` : key, out);
  } else {
    out[prefix] = value;
  }
  return out;
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function isTime(value) {
  return typeof value === "string" && TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/** Whether the two sides hold the same value (a time in two zones is one time). */
function same(mine, theirs) {
  if (isTime(mine) && isTime(theirs)) return fullTime(mine) === fullTime(theirs);
  return String(mine ?? "") === String(theirs ?? "");
}

/** A field's name as the form showed it (`data-storeys-0-wall-total` → its label, row 1). */
function fieldName(item, key) {
  const label = item.words?.labels?.[key];
  if (!label) return key;
  const row = key.match(/-(\d+)-/);
  return row ? t("row_field", { n: Number(row[1]) + 1, label }) : label;
}

function valueWords(item, key, value) {
  if (value === undefined || value === null || value === "") return "—";
  const word = item.words?.choices?.[key]?.[String(value)];
  if (word) return word;
  if (typeof value === "boolean") return t(value ? "yes" : "no");
  return isTime(value) ? fullTime(value) : String(value);
}

function comparison(item) {
  const mine = flatten({ ...item.body, version: undefined });
  const theirs = flatten(item.current ?? {});
  const table = el("table", "", "versions");
  const head = table.createTHead().insertRow();
  for (const label of ["", t("mine"), t("theirs")]) head.append(el("th", label));
  const body = table.createTBody();
  for (const key of Object.keys(mine).filter((k) => mine[k] !== undefined)) {
    if (same(mine[key], theirs[key])) continue;
    const row = body.insertRow();
    const name = el("th", fieldName(item, key));
    name.dataset.field = key;
    row.append(name, el("td", valueWords(item, key, mine[key])), el("td", valueWords(item, key, theirs[key])));
  }
  return table;
}

function stateOf(item, queued, user) {
  if (item.user && user && item.user !== user) return t("state_other_user", { user: item.user });
  if (item.state === "pending" && isBlocked(item, queued)) return t("state_waiting");
  return t(`state_${item.state}`);
}

function itemRow(item, queued, user) {
  const li = el("li", "", `outbox-item state-${item.state}`);
  li.dataset.uuid = item.uuid;
  li.dataset.state = item.state;
  li.append(el("strong", `${t(`type_${item.type}`)} · ${item.title || item.uuid.slice(0, 8)}`));
  li.append(el("span", stateOf(item, queued, user), "badge"));
  if (item.error?.message) li.append(el("span", item.error.message, "muted"));
  if (item.state === "needs_fix") {
    // What to fix, in the form's words, without opening the form first.
    const said = Object.entries(item.errors ?? {}).flatMap(([key, messages]) =>
      (Array.isArray(messages) ? messages : [messages]).map((m) => `${fieldName(item, key)}:${m}`),
    );
    if (said.length) {
      const list = el("ul", "", "error");
      list.dataset.fieldErrors = "1";
      for (const line of said.slice(0, 3)) list.append(el("li", line));
      if (said.length > 3) list.append(el("li", t("more_errors", { n: said.length - 3 })));
      li.append(list);
    }
  }
  const actions = el("span", "", "actions");
  if (item.state === "needs_fix" && item.form_url) {
    const link = el("a", t("fix"), "button small");
    link.href = withParam(item.form_url, "fix", item.uuid);
    actions.append(link);
  }
  if (item.state === "failed") actions.append(button(t("retry"), () => retryItem(item.uuid).then(run)));
  if (item.state === "conflict") {
    const details = el("details");
    details.append(el("summary", t("show_versions")), comparison(item));
    if (item.method === "PUT") {
      details.append(button(t("use_mine"), () => resubmitOnCurrent(item.uuid).then(run)));
    }
    details.append(
      button(t("keep_theirs"), () => confirm(t("confirm_keep_theirs")) && discardItem(item.uuid)),
    );
    li.append(details);
  }
  if (actions.childElementCount) li.append(actions);
  return li;
}

function draftRow(draft) {
  const li = el("li", "", "outbox-item state-draft");
  li.dataset.uuid = draft.uuid;
  li.append(el("strong", `${t("state_draft")} · ${draft.title || ""}`));
  li.append(el("span", shortTime(draft.saved_at), "muted"));
  if (draft.url) {
    const link = el("a", t("continue_draft"), "button small");
    link.href = withParam(draft.url, "draft", draft.uuid);
    li.append(link);
  }
  return li;
}

/** Fill `list` with the items (photos after their record) and then the drafts. */
export function renderItems(list, items, drafts, user) {
  const queued = new Set(items.map((i) => i.uuid));
  const order = { household: 0, record: 1, photo: 2 };
  const sorted = [...items].sort((a, b) => order[a.type] - order[b.type] || a.created_at - b.created_at);
  list.replaceChildren(...sorted.map((i) => itemRow(i, queued, user)), ...drafts.map(draftRow));
}
