// The worker's households (with members) kept on the phone for offline visits.
import { announce, db, getMeta, setMeta } from "./db.js";
import { maskedHousehold } from "./masks.js";

const PER_PAGE = 200;
const FRESH_MS = 10 * 60 * 1000;

async function fetchAll() {
  const all = [];
  for (let page = 1, pages = 1; page <= pages; page++) {
    const response = await fetch(`/api/v1/households?per_page=${PER_PAGE}&page=${page}`, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
    });
    if (!response.ok) throw new Error(`households ${response.status}`);
    const body = await response.json();
    all.push(...body.items);
    pages = body.pages;
  }
  return all;
}

/**
 * Replace the cached list with the server's, keeping households created on this
 * phone that the server does not have yet. Failures keep the old list.
 */
export async function refreshHouseholds({ force = false } = {}) {
  const last = (await getMeta("households_at")) ?? 0;
  if (!force && Date.now() - last < FRESH_MS) return false;
  let items;
  try {
    items = await fetchAll();
  } catch {
    return false;
  }
  const tx = (await db()).transaction(["households", "outbox", "meta"], "readwrite");
  const store = tx.objectStore("households");
  const fresh = new Set(items.map((h) => h.uuid));
  const queued = new Set(await tx.objectStore("outbox").getAllKeys());
  for (const old of await store.getAll()) {
    if (!fresh.has(old.uuid) && !(old.local && queued.has(old.uuid))) await store.delete(old.uuid);
  }
  const now = Date.now();
  for (const household of items) await store.put({ ...maskedHousehold(household), synced_at: now });
  await tx.objectStore("meta").put(now, "households_at");
  await tx.done;
  announce("households");
  return true;
}

/**
 * A household typed on this phone, shown offline until the server answers: kept
 * masked, as the server would list it (the outbox alone holds the full numbers).
 */
export async function putLocalHousehold(body) {
  await (await db()).put("households", { ...maskedHousehold(body), local: true });
  announce("households");
}

const scalars = (computed) =>
  Object.fromEntries(Object.entries(computed ?? {}).filter(([, v]) => v === null || typeof v !== "object"));

/**
 * A record the server has just stored, kept in its cached household's `links`
 * until the next refresh replaces them with the server's list, so a form opened
 * offline right after can still name it: its top-level computed values only
 * (links.js keeps what a link accepts, with the values it declares).
 */
export async function keepDelivered(store, record) {
  const household = record?.household_uuid && (await store.get(record.household_uuid));
  if (!household) return;
  const links = (household.links ?? []).filter((l) => l.uuid !== record.uuid);
  links.unshift({
    uuid: record.uuid, kind: record.kind, captured_at: record.captured_at,
    person_uuid: record.person_uuid ?? null, values: scalars(record.computed),
  });
  await store.put({ ...household, links });
}

export async function getHousehold(uuid) {
  return (await db()).get("households", uuid);
}

export async function allHouseholds() {
  return (await db()).getAll("households");
}

/** Forget households on logout: they are personal data; the outbox stays. */
export async function forgetHouseholds() {
  const tx = (await db()).transaction(["households", "meta"], "readwrite");
  await tx.objectStore("households").clear();
  await tx.objectStore("meta").delete("households_at");
  await tx.done;
}

export function refreshedAt() {
  return getMeta("households_at");
}
