// The server's field errors (keyed by flattened names) shown on the fields, as the
// server-rendered pages show them.

function fieldsNamed(form, name) {
  return [...form.elements].filter((el) => el.name === name);
}

function boxOf(input) {
  return input.closest(".field") ?? input.closest("fieldset") ?? input.parentElement;
}

function labelIn(box) {
  return box?.querySelector(":scope > legend, :scope > label")?.textContent.trim() ?? "";
}

/** The words a field is shown with (its box's legend or label), or "". */
export function fieldLabel(form, name) {
  const [input] = fieldsNamed(form, name);
  return input && input.type !== "hidden" ? labelIn(boxOf(input)) : "";
}

function mark(form, name, messages) {
  const inputs = fieldsNamed(form, name);
  if (!inputs.length || inputs[0].type === "hidden") return null;
  const box = boxOf(inputs[0]);
  const note = document.createElement("p");
  note.className = "error js-error";
  note.id = `${name}-error`;
  note.textContent = messages.join(" ");
  box.classList.add("has-error", "js-has-error");
  box.append(note);
  for (const el of inputs) {
    el.setAttribute("aria-invalid", "true");
    el.setAttribute("aria-describedby", note.id);
  }
  return box;
}

/** Show `errors` ({name: [message]}) on their fields, the rest in a summary on top. */
export function showErrors(form, errors, intro) {
  form.querySelectorAll(".js-error, .js-error-summary").forEach((el) => el.remove());
  form.querySelectorAll(".js-has-error").forEach((el) => el.classList.remove("has-error", "js-has-error"));
  const summary = document.createElement("div");
  summary.className = "flash flash-error js-error-summary";
  summary.setAttribute("role", "alert");
  summary.tabIndex = -1;
  const heading = document.createElement("p");
  heading.textContent = intro;
  const list = document.createElement("ul");
  summary.append(heading, list);
  for (const [name, messages] of Object.entries(errors)) {
    const item = document.createElement("li");
    const box = mark(form, name, messages);
    item.textContent = `${labelIn(box) || name}: ${messages.join(" ")}`;
    list.append(item);
  }
  form.prepend(summary);
  summary.focus();
}
