// Records a supervisor sent back to this worker (退回待修改) as the phone keeps
// them (fetched by returned-sync.js), dropped once the server has the correction.
import { db, getMeta } from "./db.js";

/** The page that corrects a record (kept offline by the service worker). */
export const editUrl = (uuid) => `/records/${uuid}/edit`;

/** The returned records kept on the phone. */
export async function listReturned() {
  return (await getMeta("returned")) ?? [];
}

/**
 * Inside the outbox's delivery transaction: the server took a correction of
 * `record` (its answer), so it leaves the list at once.
 */
export async function markCorrected(meta, record) {
  const returned = (await meta.get("returned")) ?? [];
  if (!returned.some((r) => r.uuid === record.uuid)) return;
  await meta.put(returned.filter((r) => r.uuid !== record.uuid), "returned");
  const corrected = (await meta.get("corrected")) ?? {};
  await meta.put({ ...corrected, [record.uuid]: record.version }, "corrected");
}

/** Forget the list on logout: comments may name people. */
export async function forgetReturned() {
  const tx = (await db()).transaction("meta", "readwrite");
  for (const key of ["returned", "returned_at", "returned_kept", "corrected"]) tx.store.delete(key);
  await tx.done;
}

const baseTitle = () => document.title.replace(/^\(\d+\) /, "");

/** How many wait, in the page title (the installed app's title) and the app badge. */
export function showBadge(count) {
  document.title = count ? `(${count}) ${baseTitle()}` : baseTitle();
  const badge = count ? navigator.setAppBadge?.(count) : navigator.clearAppBadge?.();
  badge?.catch(() => {});
}
