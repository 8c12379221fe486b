// Register the service worker, offer a new version instead of swapping it in, and
// ask the worker to keep the pages a worker needs offline.

const UPDATE_CHECK_MS = 30 * 60 * 1000;
// A worker that is not active by then (none registered) keeps nothing this time.
const READY_WAIT_MS = 10_000;

/**
 * `onWaiting(worker)` runs when a new version is installed and waits: the page
 * shows a prompt, and only the person's click (after drafts are saved) applies it.
 */
export async function registerWorker(onWaiting) {
  if (!("serviceWorker" in navigator)) return null;
  const registration = await navigator.serviceWorker.register("/sw.js", {
    type: "module",
    scope: "/",
    updateViaCache: "none",
  });
  const watch = (worker) =>
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) onWaiting(worker);
    });
  if (registration.waiting && navigator.serviceWorker.controller) onWaiting(registration.waiting);
  watch(registration.installing);
  registration.addEventListener("updatefound", () => watch(registration.installing));
  const check = () => registration.update().catch(() => {});
  check();
  addEventListener("online", check);
  setInterval(check, UPDATE_CHECK_MS);
  return registration;
}

/** Let the waiting worker take over, then reload into the new version. */
export function applyUpdate(worker) {
  if (worker.state === "activated") return location.reload();
  navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
  worker.postMessage({ type: "SKIP_WAITING" });
}

/** Ask the active worker to keep the offline pages it lacks: {version, ready, total}. */
export async function warmPages() {
  const registration = await navigator.serviceWorker?.ready;
  if (!registration?.active) return null;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    registration.active.postMessage({ type: "warm" }, [channel.port2]);
  });
}

/**
 * Ask the active worker to keep these pages (the edit pages of returned records),
 * fetching `refresh` again, and to drop kept edit pages no longer listed:
 * {kept, total}, or null without a worker.
 */
export async function keepPages(urls, refresh = []) {
  if (!navigator.serviceWorker) return null;
  const late = new Promise((resolve) => setTimeout(() => resolve(null), READY_WAIT_MS));
  const registration = await Promise.race([navigator.serviceWorker.ready, late]);
  if (!registration?.active) return null;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    registration.active.postMessage({ type: "keep", urls, refresh }, [channel.port2]);
  });
}
