// A form's link (the kind's registry `links_to`, templates/surveys/_link.html):
// the earlier record it names, e.g. a renovation's C/D inspection. Online, the
// server rendered the household's choices; a page from the phone's cache has
// none. So the choices are the page's, plus the cached household's `links` (from
// the households API), plus that household's records still in the outbox. The
// server has not computed a queued record yet: its values come from the named
// kind's own rule port (the page's config names it, with the same server-given
// parameters the live preview uses), so a queued D inspection shows as D and the
// renovation preview gives its floor at once; the choice is marked 待同步.
import { getHousehold } from "./households.js";
import { listItems } from "./outbox.js";
import { t } from "./messages.js";

const pad = (n) => String(n).padStart(2, "0");

/** `2026-03-05 09:12` on the phone's clock, as the server's page shows times. */
export function when(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The computed values a choice carries: those shown, then those filtered on. */
export function valueNames(link) {
  const names = link.shows.map(([name]) => name);
  for (const name of Object.keys(link.where)) if (!names.includes(name)) names.push(name);
  return names;
}

/** Whether a record with these computed values may be named (RecordLink.accepts). */
export function accepts(link, values) {
  return Object.entries(link.where).every(([name, allowed]) => allowed.includes(values?.[name] ?? null));
}

function word(value, vocab, labels) {
  if (value === undefined || value === null) return "";
  const key = typeof value === "boolean" ? String(value) : value;
  return labels[vocab]?.[key] ?? String(value);
}

/** The facts a queued record's rule reads, from the cached household (as the
 * preview reads them from the form: size, poverty status, the person's card and age). */
export function contextFor(body, household) {
  const person = household?.members?.find((m) => m.uuid === body.person_uuid);
  const num = (v) => (v === undefined || v === null || v === "" ? null : Number(v));
  return {
    householdSize: household?.members ? household.members.length : null,
    povertyStatus: household?.poverty_status ?? null,
    capturedOn: String(body.captured_at ?? "").slice(0, 10) || null,
    category: num(person?.disability_category),
    level: num(person?.disability_level),
    age: num(person?.age),
  };
}

/**
 * The household's records of the named kind still in the outbox (new ones and
 * edits, oldest first so a later edit wins), each as a choice with the values
 * its kind's rule port computes, or null when the rule refuses it or the link
 * does not accept it (an edit may have made an inspection safe).
 */
export async function queuedChoices(link, household, config) {
  const items = (await listItems())
    .filter((i) => i.type === "record" && i.state !== "failed")
    .filter((i) => i.body?.kind === link.target && i.body?.household_uuid === household.uuid)
    .sort((a, b) => a.created_at - b.created_at);
  const found = new Map();
  if (!items.length) return found;
  const rule = await import(link.module);
  for (const { uuid: key, body } of items) {
    let computed;
    try {
      computed = rule.compute(body.data ?? {}, contextFor(body, household), config);
    } catch {
      found.set(body.uuid, null);
      continue;
    }
    const values = Object.fromEntries(valueNames(link).map((name) => [name, computed[name] ?? null]));
    found.set(body.uuid, accepts(link, values)
      ? { uuid: body.uuid, kind: body.kind, captured_at: body.captured_at, person_uuid: body.person_uuid ?? null, values, queued: key }
      : null);
  }
  return found;
}

function optionFor(choice, link, labels) {
  const option = document.createElement("option");
  option.value = choice.uuid;
  option.dataset.values = JSON.stringify(choice.values);
  option.dataset.person = choice.person_uuid ?? "";
  const parts = [when(choice.captured_at), ...link.shows.map(([name, vocab]) => word(choice.values[name], vocab, labels))];
  if (choice.queued) {
    option.dataset.queued = choice.queued;
    parts.push(t("link_queued"));
  }
  option.textContent = parts.filter(Boolean).join(" · ");
  return option;
}

/** Newest capture first, as the server lists them. */
function byCapture(select) {
  const time = (o) => new Date(o.dataset.captured ?? 0).getTime() || 0;
  const options = [...select.options].filter((o) => o.value);
  options.sort((a, b) => time(b) - time(a));
  select.append(...options);
}

/** The uuids of the cached household's members who died or moved out: the
 * offline household view offers them no new survey, and a person link offers
 * none of their records (the server's page leaves them out too). */
export function goneMembers(household) {
  return new Set((household?.members ?? []).filter((m) => (m.status ?? "active") !== "active").map((m) => m.uuid));
}

/** Person links offer only the chosen person's records (a named record the
 * page could not place, without data-person, stays). */
function followPerson(form, select, link) {
  const person = form.querySelector("[data-person-select]");
  if (link.per !== "person" || !person) return;
  const apply = () => {
    for (const option of select.options) {
      if (!option.value || option.dataset.person === undefined) continue;
      const other = Boolean(person.value) && option.dataset.person !== person.value;
      option.hidden = other;
      option.disabled = other;
    }
    if (select.selectedOptions[0]?.disabled) {
      select.value = "";
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  };
  // The person's own change, and the form's (a restored draft or the address sets
  // the person without an event of its own).
  form.addEventListener("change", (event) => {
    if (event.target === person || event.target === form) apply();
  });
  apply();
}

/** Fill the form's link choices from the cache and the outbox (see above). */
export async function setupLinks(form) {
  const select = form.querySelector("[data-link-select]");
  const uuid = form.dataset.household || new URLSearchParams(location.search).get("household");
  if (!select) return;
  const config = JSON.parse(document.getElementById("survey-config").textContent);
  const link = config.links?.[form.dataset.kind];
  if (!link) return;
  const household = uuid ? (await getHousehold(uuid)) ?? { uuid } : null;
  const chosen = select.value;
  const wanted = chosen || select.dataset.linkChosen || new URLSearchParams(location.search).get(link.context);
  const gone = link.per === "person" ? goneMembers(household) : new Set();
  const choices = new Map();
  for (const cached of household?.links ?? []) {
    if (cached.kind !== link.target || !accepts(link, cached.values)) continue;
    const values = Object.fromEntries(valueNames(link).map((name) => [name, cached.values?.[name] ?? null]));
    choices.set(cached.uuid, { ...cached, values });
  }
  const queued = household ? await queuedChoices(link, household, config) : new Map();
  for (const [key, choice] of queued) choices.set(key, choice);
  for (const [key, choice] of choices) {
    if (choice && gone.has(choice.person_uuid) && key !== wanted) choices.delete(key);
  }
  for (const option of [...select.options]) {
    if (!option.value) continue;
    const newer = choices.get(option.value);
    if (newer === undefined || (newer && !newer.queued)) {
      choices.delete(option.value); // the page's own choice stands
      continue;
    }
    if (newer === null && option.value === chosen) continue; // never drop the named one
    option.remove();
  }
  for (const choice of choices.values()) {
    if (!choice) continue;
    const option = optionFor(choice, link, config.labels ?? {});
    option.dataset.captured = choice.captured_at ?? "";
    select.append(option);
  }
  byCapture(select);
  if (wanted && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
  followPerson(form, select, link);
  select.dispatchEvent(new Event("change", { bubbles: true }));
}

/** The outbox key of the chosen record when it is itself still queued: the new
 * record must wait for it (the server checks the link when it stores it). */
export function queuedLink(form) {
  return form.querySelector("[data-link-select]")?.selectedOptions[0]?.dataset.queued || null;
}
