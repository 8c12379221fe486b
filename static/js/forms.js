// Forms marked data-outbox="records" or "households": saved on the phone first,
// then sent by the outbox. There is no separate online path.
import { autosave, deleteDraft, getDraft, openDraft, snapshot } from "./drafts.js";
import { putLocalHousehold } from "./households.js";
import { enqueue, queuedCorrection } from "./outbox.js";
import { t } from "./messages.js";
import { shortTime } from "./time.js";
import { fieldLabel, showErrors } from "./field-errors.js";
import { pageErrors, toPayload } from "./serialize.js";
import { fillSubject } from "./subject.js";
import { queuedLink, setupLinks } from "./links.js";

function currentUser() {
  return document.getElementById("outbox-status")?.dataset.user ?? null;
}

function titleOf(form, type, body) {
  if (type === "household") {
    const head = body.members?.find((m) => m.relation === "head") ?? body.members?.[0];
    return [head?.name, body.village].filter(Boolean).join(" · ");
  }
  return form.dataset.title || document.querySelector("h1")?.textContent.trim() || "";
}

function photoItems(photos, record, base) {
  const where = record.body.location ?? {};
  return photos.map((photo) => ({
    ...base,
    uuid: photo.uuid,
    type: "photo",
    method: "POST",
    url: `/api/v1/records/${record.body.uuid}/photos`,
    after: record.uuid,
    blob: photo.blob,
    title: photo.caption || t("type_photo"),
    fields: {
      uuid: photo.uuid, caption: photo.caption, tag: photo.tag, taken_at: photo.taken_at,
      lat: where.lat, lon: where.lon, accuracy_m: where.accuracy_m,
    },
  }));
}

/** What the person saw of each field: its label and, for a choice, the words of
 * each value; kept with an edit so that a conflict is shown in those words. */
export function fieldWords(form) {
  const labels = {};
  const choices = {};
  for (const field of form.elements) {
    if (!field.name || field.type === "hidden" || field.name === "csrf_token") continue;
    labels[field.name] ??= fieldLabel(form, field.name) || undefined;
    if (field.type === "radio") {
      (choices[field.name] ??= {})[field.value] = field.labels?.[0]?.textContent.trim() ?? "";
    } else if (field.tagName === "SELECT") {
      choices[field.name] = Object.fromEntries([...field.options].map((o) => [o.value, o.textContent.trim()]));
    }
  }
  return { labels, choices };
}

/** The outbox item (and photo items) for a submitted form. `previous` is the
 * record's latest correction still queued when this one is saved (if any). */
export function itemsFor(form, session, photos, previous = null) {
  const type = form.dataset.outbox === "households" ? "household" : "record";
  const { body, rowMap } = toPayload(form);
  const version = form.elements.namedItem("version")?.value;
  const edit = type === "record" && Boolean(version);
  if (edit) body.version = Number(version);
  const household = type === "household" ? body.uuid : body.household_uuid;
  const base = { user: currentUser(), household_uuid: household };
  // A new record is queued under its own uuid (sending it twice is a replay); each
  // edit gets its own entry, so two edits made before sending never overwrite
  // each other: one made on an older copy meets the server's 409 and both are
  // shown. An edit that started from a queued correction (session.queued, see
  // drafts.js) is made on the version that correction makes, and is sent after
  // it while it is still queued.
  const key = edit ? (session.fix?.uuid ?? `edit-${crypto.randomUUID()}`) : body.uuid;
  const from = edit && !session.fix && Number.isInteger(session.queued?.version) ? session.queued : null;
  if (from) body.version = from.version + 1;
  const chained = Boolean(from) && previous?.uuid === from.uuid;
  // Fixing a refused edit keeps the version and the order it was queued with.
  const fixing = edit && session.fix?.method === "PUT" && Number.isInteger(session.fix.body?.version);
  if (fixing) body.version = session.fix.body.version;
  // A record naming one still queued (a renovation of an inspection made on this
  // visit) waits for it, as that one waits for its household.
  let after = type === "record" ? (queuedLink(form) ?? household) : null;
  if (fixing && session.fix.after) after = session.fix.after;
  if (chained) after = from.uuid;
  const record = {
    ...base,
    uuid: key,
    type,
    method: edit ? "PUT" : "POST",
    url: type === "household" ? "/api/v1/households" : edit ? `/api/v1/records/${body.uuid}` : "/api/v1/records",
    after,
    body,
    title: titleOf(form, type, body),
    form_url: session.url,
    fields: snapshot(form),
    row_map: rowMap,
    words: fieldWords(form),
  };
  return [record, ...photoItems(photos, record, base)];
}

async function submit(form, session, saver) {
  saver.close();
  const photos = (await getDraft(session.uuid))?.photos ?? [];
  const editing = form.dataset.outbox !== "households" && form.elements.namedItem("version")?.value;
  const previous = editing ? await queuedCorrection(session.uuid, currentUser()) : null;
  const items = itemsFor(form, session, photos, previous);
  const [main] = items;
  await enqueue(items);
  if (main.type === "household") {
    // The town's name as the list shows it, so the kept copy's page and the
    // day's visits name the town before the server has answered.
    const town = form.elements.namedItem("town_code")?.selectedOptions?.[0]?.textContent.trim();
    await putLocalHousehold({ ...main.body, town_name: town || null });
  }
  await deleteDraft(session.uuid);
  sessionStorage.setItem("fieldapp:flash", t(navigator.onLine ? "saved_sending" : "saved_offline"));
  location.assign(`/households/${main.household_uuid}`);
}

/** A status note above the form. */
function notice(form, ...parts) {
  const note = document.createElement("div");
  note.className = "flash";
  note.setAttribute("role", "status");
  note.append(...parts);
  form.before(note);
  return note;
}

function restoredNotice(form, session) {
  const discard = document.createElement("button");
  discard.type = "button";
  discard.className = "small";
  discard.textContent = t("draft_discard");
  discard.addEventListener("click", async () => {
    if (!confirm(t("confirm_discard"))) return;
    await deleteDraft(session.uuid);
    location.assign(session.url);
  });
  notice(form, t("draft_restored", { time: shortTime(session.restoredAt) }), " ", discard);
}

/** Wire one data-outbox form: draft restore, autosave, widgets, submit to the outbox. */
export async function setupForm(form) {
  await fillSubject(form);
  await setupLinks(form);
  const session = await openDraft(form);
  const saver = autosave(form, session);
  if (session.fix) showErrors(form, pageErrors(session.fix.errors ?? {}, session.fix.row_map), t("fix_intro"));
  else if (session.restoredAt) restoredNotice(form, session);
  else if (session.queued) notice(form, t("correction_queued")).dataset.queuedCorrection = "1";
  const widgets = [];
  if (form.querySelector("[data-geo]")) widgets.push(import("./geo.js").then((m) => m.setupGeo(form)));
  if (form.querySelector("input[type=file][data-photo]")) {
    widgets.push(import("./photos.js").then((m) => m.setupPhotos(form, session.uuid)));
  }
  await Promise.all(widgets);
  let submitted = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (submitted) return; // a second tap while the first is being saved
    submitted = true;
    submit(form, session, saver);
  });
  form.dataset.outboxReady = "1";
}
