// A survey form served from the phone's cache was rendered without a household:
// its summary, members and the preview's facts come from the cached household.
import { getHousehold } from "./households.js";
import { t } from "./messages.js";

function labels() {
  const config = document.getElementById("survey-config");
  return config ? JSON.parse(config.textContent).labels ?? {} : {};
}

function summary(household) {
  const head = household.members?.find((m) => m.relation === "head") ?? household.members?.[0];
  const p = document.createElement("p");
  const name = document.createElement("strong");
  name.textContent = head?.name ?? "";
  const link = document.createElement("a");
  link.href = `/households/${household.uuid}`;
  link.textContent = t("household_details");
  p.append(name, ` · ${[household.town_name, household.village].filter(Boolean).join(" ")} · `, link);
  return p;
}

function personOption(member, vocab) {
  const option = document.createElement("option");
  option.value = member.uuid;
  option.dataset.category = member.disability_category ?? "";
  option.dataset.level = member.disability_level ?? "";
  option.dataset.age = member.age ?? "";
  const category = vocab.category?.[member.disability_category];
  const level = vocab.level?.[member.disability_level];
  option.textContent = [member.name, vocab.relation?.[member.relation], category && `${category}${level ?? ""}`]
    .filter(Boolean)
    .join(" · ");
  return option;
}

/** Fill the form's household context from the cache when the server could not. */
export async function fillSubject(form) {
  const uuid = new URLSearchParams(location.search).get("household");
  if (!uuid || form.dataset.household) return;
  const household = await getHousehold(uuid);
  if (!household) return;
  form.dataset.household = uuid;
  form.dataset.householdSize = String(household.members?.length ?? "");
  form.dataset.povertyStatus = household.poverty_status ?? "";
  form.querySelector("[data-household-summary]")?.replaceChildren(summary(household));
  const select = form.querySelector("[data-person-select]");
  if (select) {
    const vocab = labels();
    // A new record is never about someone who died or moved out (their history stays).
    const here = (household.members ?? []).filter((m) => (m.status ?? "active") === "active");
    select.append(...here.map((m) => personOption(m, vocab)));
  }
}
