// The start page's day plan (#visits): households of the worker's towns from the
// phone's cache, nearest first, and a nearest-neighbour visiting order. Offline too.
import { onChange } from "./db.js";
import { allHouseholds, headOf } from "./households.js";
import { t } from "./messages.js";
import { distanceM, nearestNeighbourRoute } from "./route.js";

// A day's round: routing every household of a town would be slow and useless.
export const ROUTE_STOPS = 10;
const NEAREST_SHOWN = 30;


function row(household, km) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.className = "row";
  link.href = `/households/${household.uuid}`;
  link.dataset.uuid = household.uuid;
  const name = document.createElement("strong");
  name.textContent = headOf(household)?.name ?? "—";
  const where = document.createElement("span");
  where.textContent = [household.town_name, household.village].filter(Boolean).join(" · ");
  const distance = document.createElement("span");
  distance.className = "muted";
  distance.dataset.km = km.toFixed(1);
  distance.textContent = t("visits_km", { km: km.toFixed(1) });
  link.append(name, where, distance);
  li.append(link);
  return li;
}

/** Households with a position, nearest first, with their distance in km. */
export function byDistance(households, here) {
  return households
    .filter((h) => h.location && Number.isFinite(h.location.lat) && Number.isFinite(h.location.lon))
    .map((h) => ({ household: h, km: distanceM(here[0], here[1], h.location.lat, h.location.lon) / 1000 }))
    .sort((a, b) => a.km - b.km || (a.household.uuid < b.household.uuid ? -1 : 1));
}

function show(section, here, households) {
  const nearest = byDistance(households, here);
  const stops = nearest.slice(0, ROUTE_STOPS);
  const points = Object.fromEntries(stops.map(({ household: h }) => [h.uuid, [h.location.lat, h.location.lon]]));
  const byUuid = new Map(stops.map((s) => [s.household.uuid, s]));
  const route = nearestNeighbourRoute(here, points).map((uuid) => byUuid.get(uuid));
  section.querySelector("[data-visits-route]").replaceChildren(...route.map((s) => row(s.household, s.km)));
  section.querySelector("[data-visits-nearest]").replaceChildren(
    ...nearest.slice(0, NEAREST_SHOWN).map((s) => row(s.household, s.km)),
  );
  section.querySelector("[data-visits-status]").textContent = "";
  section.dataset.visitsState = "shown";
}

let here = null;

async function refresh(section) {
  const households = await allHouseholds();
  if (!households.length) {
    section.querySelector("[data-visits-status]").textContent = t("visits_empty");
    return;
  }
  show(section, here, households);
}

function locate(section) {
  const status = section.querySelector("[data-visits-status]");
  status.textContent = t("visits_locating");
  navigator.geolocation.getCurrentPosition(
    (position) => {
      here = [position.coords.latitude, position.coords.longitude];
      refresh(section);
    },
    () => {
      status.textContent = t("visits_no_position");
    },
    { enableHighAccuracy: true, timeout: 30_000, maximumAge: 5 * 60_000 },
  );
}

export async function setupVisits(section) {
  const keeps = document.getElementById("outbox-status")?.dataset.keepsHouseholds === "1";
  if (!keeps || !("geolocation" in navigator)) return;
  section.hidden = false;
  section.querySelector("[data-visits-locate]").addEventListener("click", () => locate(section));
  onChange((what) => what === "households" && here && refresh(section));
  const permission = await navigator.permissions?.query({ name: "geolocation" }).catch(() => null);
  if (permission?.state === "granted") locate(section);
}
