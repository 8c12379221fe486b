// Requests to the sync API with the session cookie and the CSRF header.

export class Offline extends Error {}

const JSON_TIMEOUT_MS = 30_000;
const PHOTO_TIMEOUT_MS = 120_000;

async function call(url, options, timeoutMs) {
  let response;
  try {
    response = await fetch(url, {
      credentials: "same-origin",
      cache: "no-store",
      signal: AbortSignal.timeout(timeoutMs),
      ...options,
    });
  } catch (error) {
    throw new Offline(String(error));
  }
  let body = null;
  if ((response.headers.get("Content-Type") || "").includes("json")) {
    body = await response.json().catch(() => null);
  }
  return { status: response.status, body };
}

/**
 * Who is logged in, and a fresh CSRF token. A real request, as Enketo does:
 * `navigator.onLine` says nothing about whether the server can be reached.
 */
export async function session() {
  const answer = await call("/api/v1/session", { headers: { Accept: "application/json" } }, JSON_TIMEOUT_MS);
  return {
    status: answer.status,
    user: answer.body?.user?.username ?? null,
    csrf: answer.body?.csrf_token ?? null,
  };
}

/** Send one outbox item; its key doubles as the Idempotency-Key. */
export function send(item, csrf) {
  const headers = { "X-CSRFToken": csrf, "Idempotency-Key": item.uuid, Accept: "application/json" };
  if (item.type === "photo") {
    const form = new FormData();
    form.append("file", item.blob, `${item.uuid}.jpg`);
    for (const [key, value] of Object.entries(item.fields || {})) {
      if (value !== null && value !== undefined && value !== "") form.append(key, String(value));
    }
    return call(item.url, { method: "POST", headers, body: form }, PHOTO_TIMEOUT_MS);
  }
  headers["Content-Type"] = "application/json";
  return call(item.url, { method: item.method, headers, body: JSON.stringify(item.body) }, JSON_TIMEOUT_MS);
}
