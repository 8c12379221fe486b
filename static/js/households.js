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
 *
 * Reconnecting starts this and the outbox at once, so the outbox may deliver a
 * household or a record while the list is on its way, and the list then predates
 * it. What was written here after the list was asked for is newer than the list:
 * a household stored since (`synced_at`, by the outbox or another refresh) is kept
 * as it is, and a record kept with its household since (`kept_at`) stays among
 * the household's links until a later list carries it.
 */
export async function refreshHouseholds({ force = false } = {}) {
  const last = (await getMeta("households_at")) ?? 0;
  if (!force && Date.now() - last < FRESH_MS) return false;
  const asked = Date.now();
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
  const cached = new Map();
  for (const old of await store.getAll()) {
    cached.set(old.uuid, old);
    const newer = (old.synced_at ?? 0) >= asked;
    if (!fresh.has(old.uuid) && !newer && !(old.local && queued.has(old.uuid))) {
      await store.delete(old.uuid);
    }
  }
  const now = Date.now();
  for (const household of items) {
    const old = cached.get(household.uuid);
    if ((old?.synced_at ?? 0) >= asked) continue;
    const links = [...keptSince(old, household.links, asked), ...(household.links ?? [])];
    await store.put({ ...maskedHousehold(household), links, synced_at: now });
  }
  await tx.objectStore("meta").put(now, "households_at");
  await tx.done;
  announce("households");
  return true;
}

/** The links kept with a cached household since `asked` that the server's list lacks. */
function keptSince(old, serverLinks, asked) {
  const listed = new Set((serverLinks ?? []).map((l) => l.uuid));
  return (old?.links ?? []).filter((l) => (l.kept_at ?? 0) >= asked && !listed.has(l.uuid));
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
 * (stamped `kept_at`) until a refresh asked for after it brings the server's
 * list, so a form opened offline right after can still name it: its top-level
 * computed values only (links.js keeps what a link accepts, with the values it
 * declares).
 */
export async function keepDelivered(store, record) {
  const household = record?.household_uuid && (await store.get(record.household_uuid));
  if (!household) return;
  const links = (household.links ?? []).filter((l) => l.uuid !== record.uuid);
  links.unshift({
    uuid: record.uuid, kind: record.kind, captured_at: record.captured_at,
    person_uuid: record.person_uuid ?? null, values: scalars(record.computed),
    kept_at: Date.now(),
  });
  await store.put({ ...household, links });
}

/** The head of household as the lists show it: the member so related, else the first. */
export function headOf(household) {
  const members = household.members ?? [];
  return members.find((m) => m.relation === "head") ?? members[0];
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
