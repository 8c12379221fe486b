// The outbox: every household, record and photo is kept here until the server has it.
// Pages and the service worker drain the same queue, a few requests in flight at once;
// an item never leaves before the thing it belongs to (`after`) has been delivered.
import { announce, db, getMeta, setMeta } from "./db.js";
import { Offline, send, session } from "./api.js";
import { markCorrected } from "./returned.js";
import { keepDelivered } from "./households.js";

export const SYNC_TAG = "fieldapp-outbox";
// Households before their records, records before their photos.
const RANK = { household: 0, record: 1, photo: 2 };
const MAX_BACKOFF_S = 300;
const SENT_LOG = 20;
// Requests in flight at once while draining (1 sends strictly one at a time).
export const DEFAULT_CONCURRENCY = 3;
let concurrency = DEFAULT_CONCURRENCY;

/** How many requests a drain keeps in flight (1–8). */
export function setConcurrency(n) {
  concurrency = Math.max(1, Math.min(8, Math.trunc(Number(n)) || DEFAULT_CONCURRENCY));
}

/** Exponential backoff: 2, 4, 8 … seconds, at most 5 minutes. */
export function backoffMs(failures) {
  return Math.min(2 ** failures, MAX_BACKOFF_S) * 1000;
}

/** Keep items on the phone; each starts pending and is sent as soon as it can be. */
export async function enqueue(items) {
  const tx = (await db()).transaction("outbox", "readwrite");
  const now = Date.now();
  for (const item of items) {
    tx.store.put({ created_at: now, ...item, state: "pending", attempts: 0, next_at: 0, updated_at: now });
  }
  await tx.done;
  announce();
  requestBackgroundSync();
}

export async function listItems() {
  return (await db()).getAll("outbox");
}

export async function getItem(uuid) {
  return (await db()).get("outbox", uuid);
}

/** The latest correction (PUT) of a record still queued for `user`, if any: a
 * second correction made before the first is sent starts from it and is sent
 * after it (see forms.js), instead of from the server's older copy. */
export async function queuedCorrection(recordUuid, user) {
  const url = `/api/v1/records/${recordUuid}`;
  const mine = (await listItems()).filter(
    (i) => i.type === "record" && i.method === "PUT" && i.url === url && (!i.user || i.user === user),
  );
  return mine.sort((a, b) => b.created_at - a.created_at)[0] ?? null;
}

/** Items whose `after` (household of a record, record of a photo) is still queued. */
export function isBlocked(item, queued) {
  return Boolean(item.after) && queued.has(item.after);
}

/** The next item to send: due, this user's, not in flight, not waiting for its `after`
 * (an item in flight is still queued, so whatever belongs to it waits for its answer). */
async function nextItem(user, now, inflight = new Set()) {
  const items = await listItems();
  const queued = new Set(items.map((i) => i.uuid));
  const due = items.filter(
    (i) =>
      i.state === "pending" &&
      i.next_at <= now &&
      !inflight.has(i.uuid) &&
      (!i.user || i.user === user) &&
      !isBlocked(i, queued),
  );
  due.sort((a, b) => RANK[a.type] - RANK[b.type] || a.created_at - b.created_at);
  return due[0] ?? null;
}

async function update(uuid, changes) {
  const tx = (await db()).transaction("outbox", "readwrite");
  const item = await tx.store.get(uuid);
  if (item) await tx.store.put({ ...item, ...changes, updated_at: Date.now() });
  await tx.done;
  announce();
}

function errorOf(status, body) {
  return { at: Date.now(), status, code: body?.error ?? null, message: body?.message ?? "" };
}

async function noteError(error) {
  await setMeta("last_error", error);
}

async function delivered(item, body) {
  const d = await db();
  const tx = d.transaction(["outbox", "households", "meta"], "readwrite");
  await tx.objectStore("outbox").delete(item.uuid);
  if (item.type === "household" && body?.uuid) {
    await tx.objectStore("households").put({ ...body, synced_at: Date.now() });
  }
  if (item.type === "record" && body?.kind) await keepDelivered(tx.objectStore("households"), body);
  const meta = tx.objectStore("meta");
  if (item.type === "record" && item.method === "PUT" && body?.uuid) await markCorrected(meta, body);
  const sent = (await meta.get("sent")) ?? [];
  sent.unshift({ uuid: item.uuid, type: item.type, title: item.title ?? "", at: Date.now() });
  await meta.put(sent.slice(0, SENT_LOG), "sent");
  await meta.put(Date.now(), "last_success");
  await meta.put(0, "net_failures");
  await tx.done;
  announce();
}

/** Record the answer to one item; true when draining must stop for now. */
async function settle(item, { status, body }) {
  if (status === 200 || status === 201) {
    await delivered(item, body);
    return false;
  }
  const error = errorOf(status, body);
  await noteError(error);
  if (status === 401) {
    await setMeta("auth_needed", true);
    announce();
    return true;
  }
  // A 409 with field errors (duplicate_person) is fixed in the form like a 422.
  if (status === 422 || (status === 409 && body?.errors)) {
    await update(item.uuid, { state: "needs_fix", errors: body?.errors ?? {}, error });
  } else if (status === 409) {
    await update(item.uuid, { state: "conflict", current: body?.current ?? null, error });
  } else if (status >= 500 || status === 429 || status === 408) {
    const attempts = (item.attempts ?? 0) + 1;
    await update(item.uuid, { attempts, next_at: Date.now() + backoffMs(attempts), error });
  } else {
    // 400, 403, 404, 413: the server will not take it as it is; a person decides.
    await update(item.uuid, { state: "failed", error });
  }
  return false;
}

async function unreachable(reason) {
  const failures = ((await getMeta("net_failures")) ?? 0) + 1;
  await setMeta("net_failures", failures);
  await setMeta("net_retry_at", Date.now() + backoffMs(failures));
  await noteError({ at: Date.now(), status: 0, code: "network", message: reason });
  announce();
  requestBackgroundSync();
}

async function hasDue() {
  const now = Date.now();
  return (await listItems()).some((i) => i.state === "pending" && i.next_at <= now);
}

async function drainOnce() {
  if (!(await hasDue())) return;
  try {
    let who = await session();
    if (who.status === 401) return settle({}, { status: 401, body: null });
    if (who.status !== 200) return noteError(errorOf(who.status, null));
    await setMeta("auth_needed", false);
    await sendAll(who);
  } catch (error) {
    if (error instanceof Offline) return unreachable(error.message);
    throw error;
  }
}

/**
 * Send every due item, up to `concurrency` at once. Settling stays per item (its own
 * answer, retry and backoff). A 401 stops new sends; a network failure stops them
 * too and is thrown once the requests in flight have settled.
 */
async function sendAll(start) {
  let who = start;
  let stop = false;
  let failure = null;
  const inflight = new Map();
  const one = async (item) => {
    try {
      let answer = await send(item, who.csrf);
      if (answer.status === 400 && answer.body?.error === "csrf_failed") {
        who = await session();
        answer = await send(item, who.csrf);
      }
      if (await settle(item, answer)) stop = true;
    } catch (error) {
      stop = true;
      failure ??= error;
    } finally {
      inflight.delete(item.uuid);
    }
  };
  for (;;) {
    while (!stop && inflight.size < concurrency) {
      const item = await nextItem(who.user, Date.now(), new Set(inflight.keys()));
      if (!item) break;
      inflight.set(item.uuid, one(item));
    }
    if (!inflight.size) break;
    await Promise.race(inflight.values());
  }
  if (failure) throw failure;
}

let running = null;
let again = false;

/**
 * Send everything that is due. Calls while a drain runs ask for one more pass;
 * a Web Lock keeps tabs and the worker from sending the same item twice at once
 * (a replay would be harmless, since the server answers it with 200).
 */
export function drain() {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        const locks = globalThis.navigator?.locks;
        await (locks ? locks.request("fieldapp-outbox", drainOnce) : drainOnce());
      } while (again);
    } finally {
      running = null;
    }
  })();
  return running;
}

export function isDraining() {
  return running !== null;
}

/** When the next timed attempt is due (ms), or null when nothing waits for a timer. */
export async function nextWake() {
  const now = Date.now();
  const pending = (await listItems()).filter((i) => i.state === "pending");
  if (!pending.length) return null;
  const netRetry = (await getMeta("net_retry_at")) ?? 0;
  const itemTimes = pending.map((i) => i.next_at).filter((at) => at > now);
  if (netRetry > now) return netRetry;
  return itemTimes.length ? Math.min(...itemTimes) : null;
}

/** The 立即发送 button and the `online` event: forget the waiting, try now. */
export async function retryNow() {
  const tx = (await db()).transaction(["outbox", "meta"], "readwrite");
  const store = tx.objectStore("outbox");
  for (const item of await store.getAll()) {
    if (item.state === "pending" && item.next_at) await store.put({ ...item, next_at: 0 });
  }
  await tx.objectStore("meta").put(0, "net_failures");
  await tx.objectStore("meta").put(0, "net_retry_at");
  await tx.done;
}

/** A refused item, sent again as it is (after the cause was fixed elsewhere). */
export function retryItem(uuid) {
  return update(uuid, { state: "pending", attempts: 0, next_at: 0, error: null });
}

/** A conflicting edit, resubmitted on top of the server's current version. */
export async function resubmitOnCurrent(uuid) {
  const item = await getItem(uuid);
  const version = item?.current?.version;
  if (!item || item.method !== "PUT" || !Number.isInteger(version)) return;
  await update(uuid, { body: { ...item.body, version }, state: "pending", next_at: 0, attempts: 0, current: null });
}

/** Drop an item the person chose to give up (the server's version stays). */
export async function discardItem(uuid) {
  await (await db()).delete("outbox", uuid);
  announce();
}

/** Ask the browser to drain from the worker once it is back online (Chromium only). */
export function requestBackgroundSync() {
  const registration = globalThis.registration;
  const ready = registration
    ? Promise.resolve(registration)
    : globalThis.navigator?.serviceWorker?.controller
      ? navigator.serviceWorker.ready
      : Promise.resolve(null);
  ready.then((reg) => reg?.sync?.register(SYNC_TAG)).catch(() => {});
}
