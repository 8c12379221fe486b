// Every page: the outbox bar, syncing, the service worker; then what this page needs.
import { startAutosync } from "./autosync.js";
import { refreshHouseholds, refreshedAt } from "./households.js";
import { guardLogout } from "./logout.js";
import { startStatus } from "./status.js";
import { applyUpdate, registerWorker, warmPages } from "./sw-client.js";

async function saveThenUpdate(worker) {
  const { saveOpenForms } = await import("./drafts.js");
  await saveOpenForms();
  applyUpdate(worker);
}

async function prepareOffline(status, keepsHouseholds) {
  await registerWorker((worker) => status.showUpdate(() => saveThenUpdate(worker)));
  const [pages] = await Promise.all([warmPages(), keepsHouseholds && refreshHouseholds()]);
  const households = !keepsHouseholds || Boolean(await refreshedAt());
  status.offlineReady(Boolean(pages && pages.ready === pages.total && households));
}

const bar = document.getElementById("outbox-status");
if (bar) {
  const status = startStatus(bar);
  startAutosync();
  guardLogout(document.getElementById("logout-form"));
  const keepsHouseholds = bar.dataset.keepsHouseholds === "1";
  if (keepsHouseholds) addEventListener("online", () => refreshHouseholds({ force: true }));
  if (bar.dataset.writesRecords === "1") {
    // No push service: the to-do list is fetched on each page and when the phone is back online.
    const refresh = (options) =>
      import("./returned-sync.js")
        .then((m) => m.refreshReturned(options))
        .catch((error) => console.warn("returned records not refreshed", error));
    addEventListener("online", () => refresh({ force: true }));
    refresh();
  }
  prepareOffline(status, keepsHouseholds).catch((error) => console.warn("offline preparation failed", error));
}

const page = [
  ["form[data-outbox]", () => import("./forms.js").then((m) => m.setupForm)],
  ["#visits", () => import("./visits.js").then((m) => m.setupVisits)],
  ["form[data-offline-search]", () => import("./offline-search.js").then((m) => m.setupOfflineSearch)],
  ["#offline-view", () => import("./household-view.js").then((m) => m.setupHouseholdView)],
  ["#household-pending[data-household]", () => import("./household-queue.js").then((m) => m.setupHouseholdQueue)],
  ["#review-form", () => import("./review.js").then((m) => m.setupReview)],
  ["#returned", () => import("./returned-list.js").then((m) => m.setupReturnedList)],
  ["[data-review-comment]", () => import("./comment-fields.js").then((m) => m.setupCommentFields)],
];
for (const [selector, load] of page) {
  const element = document.querySelector(selector);
  if (element) load().then((setup) => setup(element));
}
