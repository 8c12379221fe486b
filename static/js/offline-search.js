// The start page's search without signal. The page itself is the server's first
// page of the worker's households (kept by the service worker), so offline a
// household further down could not be reached; the phone keeps every household
// of the worker's towns (masked), and this searches those as the server searches:
// part of a member's name, the village or the address, or exactly the last four
// characters of a member's ID number (the part a mask shows); the town if chosen.
import { allHouseholds, headOf } from "./households.js";
import { maskId } from "./masks.js";
import { t } from "./messages.js";

const ID_TAIL = /^[0-9]{3}[0-9X]$/i;
export const SHOWN = 50;

/** Whether a kept household answers the search `q` (trimmed) within `town`. */
export function matches(household, q, town = "") {
  if (town && household.town_code !== town) return false;
  if (!q) return true;
  const members = household.members ?? [];
  if (members.some((m) => (m.name ?? "").includes(q))) return true;
  if ((household.village ?? "").includes(q) || (household.address ?? "").includes(q)) return true;
  const tail = q.toUpperCase();
  return ID_TAIL.test(q) && members.some((m) => maskId(m.id_number).endsWith(tail));
}

/** The server's order: town, village, then the oldest first. */
function byListOrder(a, b) {
  const key = (h) => [h.town_code ?? "", h.village ?? "", h.created_at ?? "", h.uuid];
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

/** One row as the server renders it (templates/households/index.html). */
function row(household) {
  const head = headOf(household);
  const link = document.createElement("a");
  link.className = "row";
  link.href = `/households/${household.uuid}`;
  link.dataset.uuid = household.uuid;
  const name = document.createElement("strong");
  name.textContent = head?.name ?? "—";
  const where = document.createElement("span");
  where.textContent = [household.town_name, household.village].filter(Boolean).join(" · ");
  const facts = document.createElement("span");
  facts.className = "muted";
  facts.textContent = `${head ? maskId(head.id_number) : ""} · ${t("people", { n: household.members?.length ?? 0 })}`;
  link.append(name, where, facts);
  const li = document.createElement("li");
  li.append(link);
  return li;
}

async function show(form, q, town) {
  const found = (await allHouseholds()).filter((h) => matches(h, q, town)).sort(byListOrder);
  const list = document.getElementById("household-list");
  list.replaceChildren(...found.slice(0, SHOWN).map(row));
  const total = document.querySelector("[data-household-total]");
  if (total) {
    total.textContent = found.length
      ? t("search_offline_found", { n: found.length }) +
        (found.length > SHOWN ? ` ${t("search_offline_more", { shown: SHOWN })}` : "")
      : t("search_offline_none");
  }
  for (const pager of document.querySelectorAll("nav.pager")) pager.hidden = true;
  form.dataset.searchedOffline = "1";
}

function asked(form) {
  return { q: form.elements.q.value.trim(), town: form.elements.town?.value ?? "" };
}

export function setupOfflineSearch(form) {
  const bar = document.getElementById("outbox-status");
  if (bar?.dataset.keepsHouseholds !== "1") return;
  form.addEventListener("submit", (event) => {
    if (navigator.onLine) return; // the server searches
    event.preventDefault();
    const { q, town } = asked(form);
    history.replaceState(null, "", `${location.pathname}?${new URLSearchParams({ q, town })}`);
    show(form, q, town);
  });
  // A kept start page standing in for a search the server did not answer (no
  // signal, or too slow): the page was rendered for another search than the
  // address asks for.
  const params = new URLSearchParams(location.search);
  const q = (params.get("q") ?? "").trim();
  const town = params.get("town") ?? "";
  const select = form.elements.town;
  const renderedTown = select ? ([...select.options].find((o) => o.defaultSelected)?.value ?? "") : "";
  if (q !== form.elements.q.defaultValue.trim() || (select && town !== renderedTown)) {
    form.elements.q.value = q;
    if (select) select.value = town;
    show(form, q, town);
  }
}
