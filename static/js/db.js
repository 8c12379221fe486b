// The one IndexedDB database on the phone, shared by pages and the service worker.
import { openDB } from "../vendor/idb/idb.js";
import { maskedHousehold } from "./masks.js";

const NAME = "fieldapp";
// 2: kept households hold masked numbers and no birth date.
const VERSION = 2;
let opening = null;

/**
 * Stores: `outbox` (unsent households, records and photos, keyed by uuid),
 * `drafts` (half-filled forms, keyed by the form's uuid), `households` (the
 * worker's towns, for offline use) and `meta` (sync state, key → value).
 */
export function db() {
  opening ??= openDB(NAME, VERSION, {
    upgrade(database, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        database.createObjectStore("outbox", { keyPath: "uuid" });
        database.createObjectStore("drafts", { keyPath: "uuid" });
        database.createObjectStore("households", { keyPath: "uuid" });
        database.createObjectStore("meta");
      }
      if (oldVersion < 2) maskKeptHouseholds(transaction.objectStore("households"));
    },
    blocking() {
      // A newer page or worker wants to upgrade: let it, and reopen on next use.
      opening?.then((d) => d.close());
      opening = null;
    },
  });
  return opening;
}

/** Copies kept by version 1 carried birth dates and, if typed here, full numbers. */
async function maskKeptHouseholds(store) {
  for (let cursor = await store.openCursor(); cursor; cursor = await cursor.continue()) {
    await cursor.update(maskedHousehold(cursor.value));
  }
}

export async function getMeta(key) {
  return (await db()).get("meta", key);
}

export async function setMeta(key, value) {
  return (await db()).put("meta", value, key);
}

const channel = "BroadcastChannel" in globalThis ? new BroadcastChannel("fieldapp") : null;

/** Tell every page and the worker that the outbox or its state changed. */
export function announce(what = "outbox") {
  channel?.postMessage({ what });
  globalThis.dispatchEvent?.(new CustomEvent("fieldapp:changed", { detail: { what } }));
}

/** Call `fn` whenever this or another page, or the worker, announces a change. */
export function onChange(fn) {
  channel?.addEventListener("message", (event) => fn(event.data.what));
  globalThis.addEventListener("fieldapp:changed", (event) => fn(event.detail.what));
}
