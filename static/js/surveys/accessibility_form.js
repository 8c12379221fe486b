// Accessibility form: the ramp helper. From the rise typed in and the chosen
// standard it says the horizontal run needed and when landings are needed, with
// the rule port's rampPlan (the server's standards, from the page's config).
// Without this script the form and its preview still work.
import { rampPlan } from "./accessibility_assessment.js";

const form = document.getElementById("survey-form");
const config = JSON.parse(document.getElementById("survey-config")?.textContent || "{}");

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_m, key) => String(values[key]));

function refresh() {
  const box = form.querySelector("[data-ramp-plan]");
  const riseInput = form.elements["data-ramp-rise_m"];
  const standard = form.elements["data-ramp-standard"]?.value;
  const rise = riseInput && riseInput.value !== "" ? Number(riseInput.value) : null;
  let plan = null;
  try {
    plan = rise === null ? null : rampPlan(rise, standard, config.accessibility);
  } catch {
    plan = null;
  }
  box.hidden = !plan;
  if (!plan) {
    box.textContent = "";
    return;
  }
  const template = plan.flights > 1 ? box.dataset.textMany : box.dataset.textOne;
  box.textContent = fill(template, {
    rise: String(rise),
    run: plan.run_m.toFixed(2),
    ratio: plan.slope_ratio,
    flights: plan.flights,
    landings: plan.landings,
    landing: plan.landing_length_m.toFixed(2),
  });
}

if (form && form.querySelector("[data-ramp-plan]")) {
  const watched = new Set(["data-ramp-rise_m", "data-ramp-standard"]);
  const onChange = (event) => {
    if (watched.has(event.target.name)) refresh();
  };
  form.addEventListener("input", onChange);
  form.addEventListener("change", onChange);
  refresh();
}
