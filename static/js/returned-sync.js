// Fetch the records returned to this worker whenever the phone is online (no push
// service), keep the list on the phone and each one's edit page in the service
// worker. Loaded only by pages of users who write surveys.
import { announce, db, getMeta, setMeta } from "./db.js";
import { editUrl, listReturned } from "./returned.js";
import { keepPages } from "./sw-client.js";

const PER_PAGE = 200;
// Page loads refresh at most this often; coming online always refreshes.
const FRESH_MS = 60 * 1000;

/** What the phone keeps of a returned record: no survey data, the comment. */
function slim(record) {
  const review = record.last_review ?? {};
  return {
    uuid: record.uuid,
    kind: record.kind,
    household_uuid: record.household_uuid,
    person_uuid: record.person_uuid,
    version: record.version,
    comment: review.comment ?? "",
    decision: review.decision ?? "return",
    by: review.by_name || review.by || "",
    at: review.at ?? null,
  };
}

async function fetchReturned() {
  const all = [];
  for (let page = 1, pages = 1; page <= pages; page++) {
    const response = await fetch(`/api/v1/records?status=returned&author=me&per_page=${PER_PAGE}&page=${page}`, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
    });
    if (!response.ok) throw new Error(`returned ${response.status}`);
    const body = await response.json();
    all.push(...body.items.map(slim));
    pages = body.pages;
  }
  return all;
}

/**
 * Replace the kept list with the server's and keep each one's edit page (again
 * when it changed). A record whose correction the server already took is left
 * out even if this answer was on its way before (`corrected`). Failures keep
 * the old list: offline, the phone shows what it last knew.
 */
export async function refreshReturned({ force = false } = {}) {
  const last = (await getMeta("returned_at")) ?? 0;
  if (!force && Date.now() - last < FRESH_MS) return false;
  let items;
  try {
    items = await fetchReturned();
  } catch {
    return false;
  }
  const before = new Map((await listReturned()).map((r) => [r.uuid, r]));
  // Read `corrected` and write the list in one transaction: a correction the
  // outbox delivers meanwhile (its own transaction on `meta`) comes wholly
  // before or after, so it is never put back by an answer fetched before it.
  const tx = (await db()).transaction("meta", "readwrite");
  const corrected = (await tx.store.get("corrected")) ?? {};
  items = items.filter((r) => !(corrected[r.uuid] > r.version));
  await tx.store.put(items, "returned");
  await tx.store.put(Date.now(), "returned_at");
  await tx.done;
  announce("returned");
  const changed = items.filter((r) => before.get(r.uuid)?.version !== r.version || before.get(r.uuid)?.at !== r.at);
  const kept = await keepPages(items.map((r) => editUrl(r.uuid)), changed.map((r) => editUrl(r.uuid)));
  await setMeta("returned_kept", kept?.kept ?? 0);
  announce("returned");
  return true;
}

