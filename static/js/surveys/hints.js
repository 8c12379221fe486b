// Catalogue hints and highlights on a survey form, from the page's config:
// - a <select data-catalogue="accessibility|devices"> fills, in its [data-row] (or
//   the form), the placeholder of each [data-hint=<key>] input and the text of each
//   [data-hint-text=<key>] element with that catalogue entry's value;
// - a preview output [data-alert=<value>] is marked when its value equals it
//   (over the cap, ramp not compliant, follow-up overdue).

const form = document.getElementById("survey-form");
const config = JSON.parse(document.getElementById("survey-config")?.textContent || "{}");

function hintValue(el, entry) {
  const value = entry ? entry[el.dataset.hint || el.dataset.hintText] : undefined;
  if (value === undefined || value === null) return "";
  const vocab = el.dataset.vocab && config.labels?.[el.dataset.vocab];
  return vocab && vocab[value] !== undefined ? vocab[value] : String(value);
}

function fillHints(select) {
  const catalogue = config[select.dataset.catalogue]?.items || {};
  const entry = catalogue[select.value];
  const scope = select.closest("[data-row]") || form;
  for (const el of scope.querySelectorAll("[data-hint]")) el.placeholder = hintValue(el, entry);
  for (const el of scope.querySelectorAll("[data-hint-text]")) el.textContent = hintValue(el, entry) || "—";
}

if (form) {
  form.addEventListener("change", (event) => {
    if (event.target.matches?.("select[data-catalogue]")) fillHints(event.target);
  });
  for (const select of form.querySelectorAll("select[data-catalogue]")) fillHints(select);
  form.addEventListener("preview", (event) => {
    for (const el of form.querySelectorAll("[data-alert]")) {
      const value = event.detail[el.dataset.out];
      el.classList.toggle("error", value !== undefined && String(value) === el.dataset.alert);
    }
  });
}
