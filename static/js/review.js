// The review page (#review-form): common comments one tap away, and keyboard
// shortcuts on a desk: A approve, R return, N next, 1–9 a common comment.
const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);

function addComment(textarea, text) {
  const now = textarea.value.trim();
  if (now.includes(text)) return;
  textarea.value = now ? `${now}\n${text}` : text;
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
}

function press(form, key) {
  const textarea = form.elements.namedItem("comment");
  if (key === "a") form.querySelector("[data-decision=approve]")?.click();
  else if (key === "r") {
    if (textarea.value.trim()) form.querySelector("[data-decision=return]")?.click();
    else textarea.focus();
  } else if (key === "n") form.querySelector("[data-next]")?.click();
  else if (/^[1-9]$/.test(key)) form.querySelectorAll("[data-comment]")[Number(key) - 1]?.click();
  else return false;
  return true;
}

/** Wire the chips and the shortcuts of one review form. */
export function setupReview(form) {
  const textarea = form.elements.namedItem("comment");
  const chips = form.querySelector("[data-common-comments]");
  if (chips) chips.hidden = false;
  for (const chip of form.querySelectorAll("[data-comment]")) {
    chip.addEventListener("click", () => {
      addComment(textarea, chip.dataset.comment);
      textarea.focus();
    });
  }
  let sent = false;
  form.addEventListener("submit", (event) => {
    if (sent) event.preventDefault(); // one decision per page, even on a double tap
    sent = true;
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (TYPING.has(document.activeElement?.tagName)) {
      if (event.key === "Escape") document.activeElement.blur();
      return;
    }
    if (press(form, event.key.toLowerCase())) event.preventDefault();
  });
  form.dataset.reviewReady = "1";
}
