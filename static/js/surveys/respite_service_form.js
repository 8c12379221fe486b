// Respite service page: the assessment list shows only the chosen person's
// assessments, filled from the phone's copy of the household when the page
// came from the cache (offline) and had none. Without this script every
// assessment of the household stays listed and the server still checks the link.
import { getHousehold } from "../households.js";

const form = document.getElementById("survey-form");
const select = form?.querySelector("[data-assessment-select]");

function label(item) {
  const verdict = item.eligible ? select.dataset.eligibleWord : select.dataset.notEligibleWord;
  return `${item.captured_on} · ${item.person_name || ""} · ${verdict}`;
}

// Options from the household kept on the phone (members' `respite_assessments`).
async function fillFromCache() {
  const uuid = form.dataset.household || new URLSearchParams(location.search).get("household");
  if (!uuid || select.querySelectorAll("option[data-person]").length) return;
  let household;
  try {
    household = await getHousehold(uuid);
  } catch {
    return;
  }
  for (const member of household?.members || []) {
    for (const item of member.respite_assessments || []) {
      const option = document.createElement("option");
      option.value = item.uuid;
      option.dataset.person = member.uuid;
      option.dataset.eligible = item.eligible ? "true" : "false";
      option.dataset.careLevel = item.care_level ?? "";
      option.dataset.dependency = item.dependency ?? "";
      option.textContent = label({ ...item, person_name: member.name });
      select.append(option);
    }
  }
}

function showPersons() {
  const person = form.querySelector("[data-person-select]")?.value;
  let shown = 0;
  for (const option of select.querySelectorAll("option[data-person]")) {
    const mine = !person || option.dataset.person === person;
    option.hidden = !mine;
    option.disabled = !mine;
    if (mine) shown += 1;
    if (!mine && option.selected) select.value = "";
  }
  const hint = form.querySelector("[data-no-assessment]");
  if (hint) hint.hidden = !person || shown > 0;
  // The only eligible assessment of the person is the one a service rests on.
  const mine = [...select.querySelectorAll("option[data-person]:not([disabled])")];
  const eligible = mine.filter((o) => o.dataset.eligible === "true");
  if (!select.value && eligible.length === 1) select.value = eligible[0].value;
  form.dispatchEvent(new Event("change"));
}

async function start() {
  if (!select) return;
  await fillFromCache();
  showPersons();
  form.querySelector("[data-person-select]")?.addEventListener("change", showPersons);
}

start();
