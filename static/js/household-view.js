// The offline household page: the worker's service worker serves /offline for a
// household it has not kept, and this fills it from the phone's cache.
import { getHousehold } from "./households.js";
import { maskId } from "./masks.js";
import { t } from "./messages.js";

const HOUSEHOLD_PATH = /^\/households\/([0-9a-f-]{36})$/;

function text(tag, value, className = "") {
  const el = document.createElement(tag);
  el.textContent = value ?? "";
  if (className) el.className = className;
  return el;
}

function surveyLink(kind, household, person) {
  const url = new URL(`/surveys/${kind.kind}/new`, location.origin);
  url.searchParams.set("household", household.uuid);
  if (person) url.searchParams.set("person", person.uuid);
  const li = document.createElement("li");
  const link = text("a", person ? `${kind.label} · ${person.name}` : kind.label, "row");
  link.href = url.pathname + url.search;
  li.append(link);
  return li;
}

function memberRow(member, labels) {
  const li = document.createElement("li");
  li.className = "row";
  const facts = [labels.sex[member.sex], member.age != null ? t("age", { n: member.age }) : null];
  li.append(
    text("strong", member.name),
    text("span", labels.relation[member.relation] ?? member.relation, "muted"),
    text("span", facts.filter(Boolean).join(" · ")),
    text("span", maskId(member.id_number), "mono"),
    member.disability_category
      ? text("span", `${labels.category[member.disability_category]} · ${labels.level[member.disability_level]}`)
      : text("span", t("no_card"), "muted"),
  );
  return li;
}

function render(view, household, labels) {
  const head = household.members?.find((m) => m.relation === "head") ?? household.members?.[0];
  view.querySelector("[data-offline-title]").textContent = head?.name ?? "";
  document.title = `${head?.name ?? ""} · ${document.title}`;
  view.querySelector("[data-offline-message]").hidden = true;
  const facts = { ...household, poverty_status: labels.poverty_status[household.poverty_status] };
  for (const dd of view.querySelectorAll("[data-fact]")) dd.textContent = facts[dd.dataset.fact] || "—";
  const surveys = [];
  for (const kind of labels.kinds) {
    if (!kind.person) surveys.push(surveyLink(kind, household, null));
    // People who died or moved out keep their history but get no new survey.
    else for (const member of (household.members ?? []).filter((m) => (m.status ?? "active") === "active")) {
      surveys.push(surveyLink(kind, household, member));
    }
  }
  view.querySelector("[data-offline-surveys]").replaceChildren(...surveys);
  view.querySelector("[data-offline-members]").replaceChildren(
    ...(household.members ?? []).map((m) => memberRow(m, labels)),
  );
  view.querySelector("[data-offline-household]").hidden = false;
  view.querySelector("#household-pending").dataset.household = household.uuid;
}

export async function setupHouseholdView(view) {
  const labels = JSON.parse(document.getElementById("offline-labels").textContent);
  const match = location.pathname.match(HOUSEHOLD_PATH);
  const message = view.querySelector("[data-offline-message]");
  if (!match) {
    message.textContent = t("page_offline");
    return;
  }
  const household = await getHousehold(match[1]);
  if (!household) {
    message.textContent = t("household_missing");
    return;
  }
  render(view, household, labels);
  const { setupHouseholdQueue } = await import("./household-queue.js");
  await setupHouseholdQueue(view.querySelector("#household-pending"));
}
