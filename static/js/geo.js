// The position widget ([data-geo]): watch GPS, show the live accuracy, accept at
// ≤ 10 m by itself or by hand, with a warning above the accuracy the server
// flags as 定位精度差 (GPS_INACCURATE_M, given as data-inaccurate-m). Needs no
// network.
import { t } from "./messages.js";
import { isoLocal, shortTime } from "./time.js";

const AUTO_ACCEPT_M = 10;
const CEILING_MS = 60_000;
// GeolocationPositionError codes.
const DENIED = 1;
const TIMEOUT = 3;

function field(form, name) {
  return form.elements.namedItem(`location-${name}`);
}

function element(tag, attrs = {}, text = "") {
  const el = document.createElement(tag);
  Object.assign(el, attrs);
  if (text) el.textContent = text;
  return el;
}

/** Write a position into the form's location-* fields and tell autosave. */
function store(form, position) {
  const { latitude, longitude, accuracy } = position.coords;
  const values = {
    lat: latitude.toFixed(7),
    lon: longitude.toFixed(7),
    accuracy_m: accuracy.toFixed(1),
    captured_at: isoLocal(position.timestamp),
  };
  for (const [name, value] of Object.entries(values)) {
    const input = field(form, name);
    if (input) input.value = value;
  }
  form.dispatchEvent(new Event("change", { bubbles: true }));
}

export function setupGeo(form) {
  const box = form.querySelector("[data-geo]");
  const warnM = Number(box.dataset.inaccurateM);
  let status = box.querySelector("[data-geo-status]");
  if (!status) {
    status = element("p", { className: "geo-status" });
    status.setAttribute("aria-live", "polite");
    box.prepend(status);
  }
  const warning = element("p", { className: "error", hidden: true }, t("geo_poor", { m: warnM }));
  const start = element("button", { type: "button", className: "secondary" });
  const accept = element("button", { type: "button", className: "primary", hidden: true });
  const buttons = element("div", { className: "geo-buttons" });
  buttons.append(start, accept);
  status.after(warning, buttons);

  let watch = null;
  let ceiling = null;
  let best = null;

  const stop = () => {
    if (watch !== null) navigator.geolocation.clearWatch(watch);
    clearTimeout(ceiling);
    watch = null;
  };
  const showStored = () => {
    const accuracy = field(form, "accuracy_m")?.value;
    const at = Date.parse(field(form, "captured_at")?.value ?? "");
    const m = Math.round(Number(accuracy));
    // A position kept without its time (an older record) shows no empty brackets.
    status.textContent = !accuracy
      ? ""
      : Number.isNaN(at)
        ? t("geo_saved_untimed", { m })
        : t("geo_saved", { m, time: shortTime(at) });
    start.textContent = accuracy ? t("geo_retry") : t("geo_start");
  };
  const take = (position) => {
    stop();
    store(form, position);
    accept.hidden = true;
    warning.hidden = true;
    showStored();
    box.dataset.geoState = "accepted";
  };
  const reading = (position) => {
    if (!best || position.coords.accuracy <= best.coords.accuracy) best = position;
    const m = Math.round(best.coords.accuracy);
    if (best.coords.accuracy <= AUTO_ACCEPT_M) return take(best);
    status.textContent = t("geo_accuracy", { m });
    const poor = best.coords.accuracy > warnM;
    warning.hidden = !poor;
    accept.textContent = poor ? t("geo_accept_poor", { m }) : t("geo_accept");
    accept.hidden = false;
    box.dataset.geoState = "reading";
  };
  const failed = (error) => {
    if (error.code === TIMEOUT && best) return;
    stop();
    status.textContent =
      error.code === DENIED ? t("geo_denied") : error.code === TIMEOUT ? t("geo_timeout") : t("geo_unavailable");
    start.textContent = t("geo_retry");
    box.dataset.geoState = "failed";
  };
  const begin = () => {
    if (!("geolocation" in navigator)) return failed({ code: 2 });
    stop();
    best = null;
    status.textContent = t("geo_waiting");
    watch = navigator.geolocation.watchPosition(reading, failed, {
      enableHighAccuracy: true,
      timeout: CEILING_MS,
      maximumAge: 0,
    });
    ceiling = setTimeout(() => {
      stop();
      if (!best) failed({ code: TIMEOUT });
    }, CEILING_MS);
  };

  start.addEventListener("click", begin);
  accept.addEventListener("click", () => best && take(best));
  showStored();
  if (!field(form, "lat")?.value) begin();
}
