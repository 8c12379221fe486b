// The service worker. /sw.js puts VERSION, ASSETS, PAGES and SHELL in front of this
// file. Static files: cache first. Pages: network first, the cache when the network
// fails or is too slow. POST and PUT are never touched: the outbox sends them.
// Pages that show full numbers are never kept (see keepable).
import { SYNC_TAG, drain } from "/static/js/outbox.js";

const STATIC_CACHE = `fieldapp-static-${VERSION}`;
const PAGE_CACHE = `fieldapp-pages-${VERSION}`;
// On weak signal a page that hangs is worse than a page a few hours old.
const NAVIGATION_TIMEOUT_MS = 6000;

// Pages with full ID, card or phone numbers: the household edit form, anything
// asked for `unmasked`, case files. Never kept, whatever their headers say.
const PRIVATE_PATH = /^\/households\/[^/]+\/(edit|casefile(\.pdf)?)$/;

/** Whether a page may be kept: a same-origin 2xx the server lets be stored. */
function keepable(url, response) {
  const { pathname, searchParams } = new URL(url, self.location.origin);
  if (PRIVATE_PATH.test(pathname) || searchParams.has("unmasked")) return false;
  const control = (response.headers.get("Cache-Control") || "").toLowerCase();
  // A redirect (the login ran out) is not basic: keep nothing rather than the login page.
  return response.ok && response.type === "basic" && !/\bno-store\b/.test(control);
}

/** Keep one page: "kept", "skipped" (not for this user's role) or "failed". */
async function cachePage(cache, url) {
  try {
    const response = await fetch(new Request(url, { cache: "reload", redirect: "manual" }));
    if (keepable(url, response)) {
      await cache.put(url, response);
      return "kept";
    }
    if (response.status === 403) return "skipped";
  } catch {
    // Offline: the next warm-up tries again.
  }
  return "failed";
}

// Forms of kinds the user's role does not fill (asked once per worker start).
const notForThisRole = new Set();

/** Keep the offline pages that are missing (they need the login, so may fail). */
async function warm() {
  const cache = await caches.open(PAGE_CACHE);
  let ready = 0;
  for (const url of PAGES) {
    if (notForThisRole.has(url) || (await cache.match(url, { ignoreVary: true }))) {
      ready += 1;
      continue;
    }
    const outcome = await cachePage(cache, url);
    if (outcome === "skipped") notForThisRole.add(url);
    if (outcome !== "failed") ready += 1;
  }
  return { version: VERSION, ready, total: PAGES.length };
}

// Pages kept on request for later (the edit pages of records returned to the worker).
const KEPT_ON_REQUEST = /^\/records\/[0-9a-f-]{36}\/edit$/;

/** Keep `urls` (fetching `refresh` again) and drop kept ones no longer asked for. */
async function keep(urls, refresh) {
  const cache = await caches.open(PAGE_CACHE);
  const wanted = new Set(urls.filter((url) => KEPT_ON_REQUEST.test(url)));
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (KEPT_ON_REQUEST.test(path) && !wanted.has(path)) await cache.delete(request);
  }
  let kept = 0;
  for (const url of wanted) {
    const fresh = !refresh.includes(url) && (await cache.match(url, MATCH));
    if (fresh || (await cachePage(cache, url)) === "kept") kept += 1;
  }
  return { kept, total: wanted.size };
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(STATIC_CACHE);
      await cache.addAll(ASSETS.map((url) => new Request(url, { cache: "reload" })));
      await warm();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([STATIC_CACHE, PAGE_CACHE]);
      for (const name of await caches.keys()) {
        if (name.startsWith("fieldapp-") && !keep.has(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: STATIC_CACHE, ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    (await caches.open(STATIC_CACHE)).put(request, response.clone());
  }
  return response;
}

// Responses vary on Accept-Encoding and Cookie; a kept page is good for any of them.
const MATCH = { ignoreVary: true };

/** The kept copy of this page, else of the same page without its query, else the shell. */
async function kept(request, orShell = true) {
  const cache = await caches.open(PAGE_CACHE);
  const url = new URL(request.url);
  return (
    (await cache.match(request, MATCH)) ||
    (await cache.match(url.origin + url.pathname, MATCH)) ||
    (orShell && (await cache.match(SHELL, MATCH))) ||
    null
  );
}

// Pages the shell or a kept form can stand in for when the server does not know
// them yet (a household typed offline and not sent yet answers 404).
const STANDS_IN = /^\/(households\/[0-9a-f-]{36}|surveys\/[a-z_]+\/new)$/;

async function navigate(event) {
  const request = event.request;
  const url = new URL(request.url);
  const network = fetch(request).then(async (response) => {
    if (keepable(request.url, response)) {
      await (await caches.open(PAGE_CACHE)).put(request, response.clone());
    }
    return response;
  });
  event.waitUntil(network.catch(() => null));
  const slow = new Promise((resolve) => setTimeout(() => resolve(null), NAVIGATION_TIMEOUT_MS));
  try {
    const response = await Promise.race([network, slow]);
    if (response === null) return (await kept(request, false)) ?? (await network);
    if (response.status === 404 && STANDS_IN.test(url.pathname)) return (await kept(request)) ?? response;
    if (response.status >= 500) return (await (await caches.open(PAGE_CACHE)).match(request, MATCH)) ?? response;
    return response;
  } catch {
    return (await kept(request)) ?? Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") event.respondWith(navigate(event));
  else if (url.pathname.startsWith("/static/") || url.pathname === "/manifest.webmanifest") {
    event.respondWith(cacheFirst(request));
  }
});

self.addEventListener("message", (event) => {
  const type = event.data?.type;
  if (type === "SKIP_WAITING") self.skipWaiting();
  else if (type === "warm") event.waitUntil(warm().then((result) => event.ports[0]?.postMessage(result)));
  else if (type === "drain") event.waitUntil(drain());
  else if (type === "keep") {
    const { urls = [], refresh = [] } = event.data;
    event.waitUntil(keep(urls, refresh).then((result) => event.ports[0]?.postMessage(result)));
  }
});

// Chromium only: the browser wakes the worker when the phone is back online, even
// with every tab closed, and the worker drains the same IndexedDB outbox.
self.addEventListener("sync", (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(drain());
});
