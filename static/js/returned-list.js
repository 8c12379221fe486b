// The start page's 退回待修改 (#returned): records a supervisor sent back, with the
// comment, from the phone's copy (offline too); each opens its form to correct.
import { getMeta, onChange } from "./db.js";
import { getHousehold } from "./households.js";
import { listItems } from "./outbox.js";
import { t } from "./messages.js";
import { editUrl, listReturned } from "./returned.js";
import { shortTime } from "./time.js";

function el(tag, text = "", className = "") {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function whoFor(record, household) {
  const members = household?.members ?? [];
  const person = members.find((m) => m.uuid === record.person_uuid);
  const head = members.find((m) => m.relation === "head") ?? members[0];
  return [head?.name, person && person !== head ? person.name : null].filter(Boolean).join(" · ");
}

function row(record, household, kinds, edit) {
  const li = el("li");
  const link = el("a", "", "row");
  link.href = editUrl(record.uuid);
  link.dataset.uuid = record.uuid;
  const title = [kinds[record.kind] ?? record.kind, whoFor(record, household)].filter(Boolean).join(" · ");
  link.append(el("strong", title));
  link.append(el("span", t(record.decision === "reopen" ? "returned_reopened" : "returned_comment", { comment: record.comment })));
  const when = record.at ? shortTime(Date.parse(record.at)) : "";
  link.append(el("span", t("returned_by", { by: record.by, time: when, v: record.version }), "muted"));
  if (edit) link.append(el("span", t(edit === "conflict" ? "returned_conflict" : "returned_sending"), "badge"));
  li.append(link);
  return li;
}

async function render(section, kinds) {
  const records = await listReturned();
  const edits = new Map(
    (await listItems()).filter((i) => i.type === "record" && i.method === "PUT").map((i) => [i.body?.uuid, i.state]),
  );
  const rows = [];
  for (const record of records) {
    rows.push(row(record, await getHousehold(record.household_uuid), kinds, edits.get(record.uuid)));
  }
  section.querySelector("[data-returned-list]").replaceChildren(...rows);
  section.querySelector("[data-returned-count]").textContent = String(records.length);
  section.dataset.count = String(records.length);
  section.dataset.kept = String((await getMeta("returned_kept")) ?? 0);
  section.hidden = !records.length;
}

/** Fill the section now and whenever the list, the outbox or the households change. */
export async function setupReturnedList(section) {
  const kinds = Object.fromEntries(
    [...section.querySelectorAll("[data-kind-labels] [data-kind]")].map((li) => [li.dataset.kind, li.textContent.trim()]),
  );
  onChange(() => render(section, kinds));
  await render(section, kinds);
}
