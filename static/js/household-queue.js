// A household page's unsent records and drafts (#household-pending), online or not.
import { onChange } from "./db.js";
import { listDrafts } from "./drafts.js";
import { listItems } from "./outbox.js";
import { t } from "./messages.js";
import { renderItems } from "./outbox-list.js";

async function refresh(box) {
  const uuid = box.dataset.household;
  const items = (await listItems()).filter((i) => i.household_uuid === uuid);
  const drafts = (await listDrafts()).filter((d) => d.household_uuid === uuid || d.uuid === uuid);
  box.hidden = !items.length && !drafts.length;
  renderItems(box.querySelector("ul"), items, drafts, document.getElementById("outbox-status")?.dataset.user);
}

export async function setupHouseholdQueue(box) {
  const heading = document.createElement("h2");
  heading.textContent = t("pending_here");
  const list = document.createElement("ul");
  list.className = "outbox-items";
  box.replaceChildren(heading, list);
  onChange(() => refresh(box));
  await refresh(box);
}
