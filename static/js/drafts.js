// Half-filled forms kept on the phone, keyed by the form's uuid: they survive a
// reload, a closed tab and a browser restart.
import { announce, db } from "./db.js";
import { getItem, queuedCorrection } from "./outbox.js";
import { isoLocal } from "./time.js";

const SAVE_DELAY_MS = 400;
const openForms = new Set();

/** Save every form on this page now (before a reload into a new version). */
export function saveOpenForms() {
  return Promise.all([...openForms].map((save) => save()));
}

/** The page's address without the draft= and fix= parameters. */
export function baseUrl(href = location.href) {
  const url = new URL(href);
  url.searchParams.delete("draft");
  url.searchParams.delete("fix");
  return url.pathname + url.search;
}

/** Every field's state, enough to put the form back exactly as it was. */
export function snapshot(form) {
  const out = [];
  for (const el of form.elements) {
    if (!el.name || el.type === "file" || el.name === "csrf_token") continue;
    if (el.type === "checkbox" || el.type === "radio") out.push([el.name, el.value, el.checked]);
    else if (!["submit", "button", "reset"].includes(el.type)) out.push([el.name, el.value]);
  }
  return out;
}

// Repeated rows follow rows.js: a button [data-add-row=<container id>] adds a row
// to the container, whose fields are named <data-rows>-N-….
function addMissingRows(form, fields) {
  for (const button of form.querySelectorAll("[data-add-row]")) {
    const prefix = document.getElementById(button.dataset.addRow)?.dataset.rows;
    if (!prefix) continue;
    const indexes = fields.map(([name]) => name.startsWith(`${prefix}-`) && name.slice(prefix.length + 1).match(/^(\d+)-/)?.[1]);
    const needed = Math.max(-1, ...indexes.filter(Boolean).map(Number)) + 1;
    for (let guard = 0; guard < 100 && rowCount(form, prefix) < needed; guard++) button.click();
  }
}

function rowCount(form, prefix) {
  const rows = new Set();
  for (const el of form.elements) {
    const index = el.name?.startsWith(`${prefix}-`) && el.name.slice(prefix.length + 1).match(/^(\d+)-/)?.[1];
    if (index) rows.add(index);
  }
  return rows.size;
}

/** Put saved field states back into the form. */
export function restore(form, fields) {
  addMissingRows(form, fields);
  const values = new Map();
  for (const [name, value, checked] of fields) {
    if (!values.has(name)) values.set(name, []);
    values.get(name).push({ value, checked });
  }
  const used = new Map();
  for (const el of form.elements) {
    const saved = values.get(el.name);
    if (!saved) continue;
    if (el.type === "checkbox" || el.type === "radio") {
      el.checked = saved.some((s) => s.value === el.value && s.checked);
    } else if (el.type !== "file") {
      const index = used.get(el.name) ?? 0;
      if (index < saved.length) el.value = saved[index].value;
      used.set(el.name, index + 1);
    }
  }
}

/** A new form gets fresh uuids (a cached page would repeat its own) and the time now. */
function freshForm(form) {
  for (const el of form.elements) {
    if (el.type === "hidden" && (el.name === "uuid" || el.name.endsWith("-uuid"))) el.value = crypto.randomUUID();
  }
  // Now, unless the worker already typed a time while the page was starting.
  // A datetime-local input takes no offset; the server reads it as China time.
  const captured = form.elements.namedItem("captured_at");
  if (captured && captured.value === captured.defaultValue) {
    captured.value = captured.type === "datetime-local" ? isoLocal().slice(0, 16) : isoLocal();
  }
}

/** Household and person come from the address, which a cached page cannot know. */
function subjectFromUrl(form) {
  const params = new URLSearchParams(location.search);
  for (const [param, name] of [["household", "household_uuid"], ["person", "person_uuid"]]) {
    const el = form.elements.namedItem(name);
    if (el && params.get(param) && "value" in el) el.value = params.get(param);
  }
}

export async function getDraft(uuid) {
  return (await db()).get("drafts", uuid);
}

export async function listDrafts() {
  return (await db()).getAll("drafts");
}

export async function deleteDraft(uuid) {
  await (await db()).delete("drafts", uuid);
  announce("drafts");
}

/** Change a draft in one transaction (creating it if needed). */
export async function updateDraft(uuid, change) {
  const tx = (await db()).transaction("drafts", "readwrite");
  const draft = (await tx.store.get(uuid)) ?? { uuid, photos: [], fields: [] };
  await tx.store.put({ ...change(draft), uuid, saved_at: Date.now() });
  await tx.done;
  announce("drafts");
}

async function findDraft(params, url) {
  if (params.get("draft")) return getDraft(params.get("draft"));
  if (params.get("fix")) {
    const uuid = params.get("fix");
    const item = await getItem(uuid);
    return (await getDraft(uuid)) ?? (item && { uuid, fields: item.fields, photos: [], saved_at: null });
  }
  const mine = (await listDrafts()).filter((d) => d.url === url);
  return mine.sort((a, b) => b.saved_at - a.saved_at)[0] ?? null;
}

/**
 * Fill the form from its draft (or a queued item being corrected), or start a new
 * one. Returns { uuid, url, restoredAt, fix } where fix is the item to correct.
 */
export async function openDraft(form) {
  const params = new URLSearchParams(location.search);
  const url = baseUrl();
  const draft = await findDraft(params, url);
  const isEdit = Boolean(form.elements.namedItem("version")?.value);
  // Editing again a record whose last correction is still queued: start from
  // that correction, not from the server's copy this page was made from.
  const user = document.getElementById("outbox-status")?.dataset.user ?? null;
  const record = form.elements.namedItem("uuid").value;
  // `queued` is { uuid, version } of that correction; a draft of this edit
  // remembers it, so a reload or a closed tab does not lose what it was based on.
  const found = isEdit && !draft && !params.get("fix") ? await queuedCorrection(record, user) : null;
  const queued = draft?.queued ?? (found && { uuid: found.uuid, version: found.body?.version });
  if (draft) restore(form, draft.fields);
  else if (found) restore(form, found.fields);
  else if (!isEdit) freshForm(form);
  if (!draft) subjectFromUrl(form);
  // The live preview and the position widget read the restored values.
  form.dispatchEvent(new Event("change", { bubbles: true }));
  const uuid = form.elements.namedItem("uuid").value;
  const fix = params.get("fix") ? await getItem(params.get("fix")) : null;
  return { uuid, url, restoredAt: draft?.saved_at ?? null, fix, queued };
}

/** Save the form on every change (after a short pause) and when the page is hidden. */
export function autosave(form, session) {
  let timer = null;
  let touched = Boolean(session.restoredAt || session.fix);
  let closed = false;
  const save = async () => {
    clearTimeout(timer);
    if (closed || !touched) return;
    const fields = snapshot(form);
    const household = form.elements.namedItem("household_uuid")?.value || null;
    await updateDraft(session.uuid, (draft) => ({
      ...draft, fields, url: session.url, household_uuid: household,
      kind: form.dataset.outbox, title: document.querySelector("h1")?.textContent.trim() ?? "",
      ...(session.queued ? { queued: session.queued } : {}),
    }));
  };
  // Only the person's own input makes a draft (or a photo, which says so in
  // `detail`); a position found by itself on an untouched form does not.
  // Typing is saved after a pause; a tap on a choice is saved at once.
  const later = (event) => {
    if (event.isTrusted || event.detail?.touch) touched = true;
    clearTimeout(timer);
    if (event.type === "change") save();
    else timer = setTimeout(save, SAVE_DELAY_MS);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  openForms.add(save);
  addEventListener("pagehide", save);
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && save());
  return {
    save: () => { touched = true; return save(); },
    close: () => { closed = true; clearTimeout(timer); },
  };
}
