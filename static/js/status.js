// The outbox status bar (#outbox-status) on every page: pending count, last
// success, last error, 立即发送, the list of unsent items, the download button.
import { getMeta, onChange } from "./db.js";
import { listDrafts } from "./drafts.js";
import { isDraining, listItems } from "./outbox.js";
import { t } from "./messages.js";
import { renderItems } from "./outbox-list.js";
import { listReturned, showBadge } from "./returned.js";
import { shortTime } from "./time.js";
import { sendNow } from "./autosync.js";

const ATTENTION = new Set(["needs_fix", "conflict", "failed"]);

// Answers without a message of the app's own, in words instead of a number.
const STATUS_TEXT = { 401: "err_401", 403: "err_403", 404: "err_404", 413: "err_413", 429: "err_busy", 503: "err_busy" };

export function errorText(error) {
  if (error.code === "network") return t("err_network");
  if (error.message) return error.message;
  const key = STATUS_TEXT[error.status] ?? (error.status >= 500 ? "err_server" : null);
  return key ? t(key) : t("err_status", { status: error.status });
}

function alertFor(bar, meta, pending) {
  const alert = bar.querySelector("[data-outbox-alert]");
  alert.replaceChildren();
  if (meta.authNeeded) {
    const link = document.createElement("a");
    link.href = `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
    link.textContent = t("login_link");
    alert.append(t("login_again"), " ", link);
  } else if (pending && meta.lastError && meta.lastError.at > (meta.lastSuccess ?? 0)) {
    alert.textContent = t("last_error", { time: shortTime(meta.lastError.at), message: errorText(meta.lastError) });
  }
  alert.hidden = !alert.childNodes.length;
}

async function render(bar, state) {
  const [items, drafts] = [await listItems(), await listDrafts()];
  const meta = {
    authNeeded: await getMeta("auth_needed"),
    lastError: await getMeta("last_error"),
    lastSuccess: await getMeta("last_success"),
  };
  const pending = items.filter((i) => i.state === "pending").length;
  const attention = items.filter((i) => ATTENTION.has(i.state)).length;
  const returned = (await listReturned()).length;
  const parts = [isDraining() || state.sending ? t("sending") : pending ? t("pending", { n: pending }) : t("nothing_pending")];
  if (attention) parts.push(t("attention", { n: attention }));
  if (returned) parts.push(t("returned_n", { n: returned }));
  if (meta.lastSuccess) parts.push(t("last_success", { time: shortTime(meta.lastSuccess) }));
  if (state.offlineReady) parts.push(t("offline_ready"));
  bar.querySelector("[data-outbox-summary]").textContent = parts.join(" · ");
  bar.dataset.pending = String(pending);
  bar.dataset.attention = String(attention);
  bar.dataset.unsent = String(items.length);
  bar.dataset.returned = String(returned);
  showBadge(returned);
  alertFor(bar, meta, pending + attention);
  // "Saved, sending" is no longer true once the server has refused something.
  if (attention) document.querySelector("[data-flash-saved]")?.remove();
  renderItems(bar.querySelector("[data-outbox-items]"), items, drafts, bar.dataset.user);
  bar.querySelector(".outbox-details").hidden = !items.length && !drafts.length;
}

async function showStorage(bar) {
  const note = bar.querySelector("[data-outbox-storage]");
  const kept = await navigator.storage?.persist?.().catch(() => false);
  const estimate = await navigator.storage?.estimate?.().catch(() => null);
  const parts = [kept ? t("storage_kept") : t("storage_not_kept")];
  if (estimate?.usage != null) parts.push(t("storage_used", { mb: (estimate.usage / 1e6).toFixed(1) }));
  note.textContent = parts.join(" ");
}

function showFlash() {
  const message = sessionStorage.getItem("fieldapp:flash");
  if (!message) return;
  sessionStorage.removeItem("fieldapp:flash");
  const flash = document.createElement("p");
  flash.className = "flash flash-success";
  flash.dataset.flashSaved = "1";
  flash.setAttribute("role", "status");
  flash.textContent = message;
  document.getElementById("main")?.prepend(flash);
}

/** Start the bar; returns hooks for the version prompt and offline readiness. */
export function startStatus(bar) {
  const state = { sending: false, offlineReady: false };
  let queued = null;
  const refresh = () => {
    queued ??= Promise.resolve().then(() => {
      queued = null;
      return render(bar, state);
    });
    return queued;
  };
  onChange((what) => {
    if (what === "sending" || what === "sent") state.sending = what === "sending";
    refresh();
  });
  bar.querySelector("[data-outbox-send]").addEventListener("click", () => sendNow());
  bar.querySelector("[data-outbox-download]").addEventListener("click", async () => {
    const { downloadUnsent } = await import("./export.js");
    downloadUnsent(bar.dataset.user);
  });
  bar.hidden = false;
  showFlash();
  showStorage(bar);
  refresh();
  return {
    offlineReady(ready) {
      state.offlineReady = ready;
      bar.dataset.offlineReady = ready ? "1" : "0";
      refresh();
    },
    showUpdate(apply) {
      const box = bar.querySelector("[data-update]");
      box.hidden = false;
      box.querySelector("[data-update-apply]").onclick = apply;
    },
  };
}
