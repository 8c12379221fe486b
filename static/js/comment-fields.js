// A returned record's form ([data-review-comment] above it): the fields the
// supervisor's comment names are marked, and listed as buttons that go to them.
import { t } from "./messages.js";

// Shorter labels ("层") would match words that are not about them.
const MIN_LENGTH = 2;

function labelText(node) {
  // "单价(元)" is named as 单价; a required mark or colon is not part of the name.
  return node.textContent.replace(/[((].*$/su, "").replace(/[\s*::]+$/u, "").trim();
}

/** Every labelled field of the form: its label text, box and first control. */
function labelledFields(form) {
  const found = new Map();
  for (const node of form.querySelectorAll("label:not(.choice), legend")) {
    const text = labelText(node);
    const box = node.closest(".field, fieldset");
    if (text.length < MIN_LENGTH || !box || found.has(box)) continue;
    const control = (node.tagName === "LABEL" && node.control) || box.querySelector("input:not([type=hidden]), select, textarea");
    found.set(box, { text, box, control });
  }
  return [...found.values()];
}

function goTo({ box, control }) {
  box.scrollIntoView({ block: "center" });
  control?.focus({ preventScroll: true });
}

/** Mark the fields the comment names and list them in the banner. */
export function setupCommentFields(banner) {
  const form = document.querySelector("form[data-outbox]");
  const comment = banner.querySelector("[data-review-comment-text]")?.textContent ?? "";
  if (!form || !comment.trim()) return;
  const said = comment.toLowerCase();
  const named = labelledFields(form).filter((field) => said.includes(field.text.toLowerCase()));
  banner.dataset.named = String(named.length);
  if (!named.length) return;
  const list = banner.querySelector("[data-named-fields]");
  list.replaceChildren(t("named_fields"));
  for (const field of named) {
    field.box.classList.add("named-in-comment");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "chip";
    button.textContent = field.text;
    button.addEventListener("click", () => goTo(field));
    list.append(" ", button);
  }
  list.hidden = false;
}
