// When the page drains the outbox: on load, when the phone comes online, when the
// page is shown again, on the backoff timer, and from the 立即发送 button.
import { announce } from "./db.js";
import { drain, nextWake, retryNow } from "./outbox.js";

let timer = null;

async function schedule() {
  clearTimeout(timer);
  const at = await nextWake();
  if (at !== null) timer = setTimeout(run, Math.max(0, at - Date.now()));
}

/** Drain now, then set the timer for the next due item. */
export async function run() {
  clearTimeout(timer);
  const draining = drain();
  announce("sending");
  try {
    await draining;
  } finally {
    announce("sent");
    await schedule();
  }
}

/** The person asked: forget every backoff and send. */
export async function sendNow() {
  await retryNow();
  return run();
}

export function startAutosync() {
  addEventListener("online", sendNow);
  document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && run());
  return run();
}
