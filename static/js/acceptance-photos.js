// On a form whose kind needs before/after photos on acceptance (the registry's
// evidence_stages), choosing such a stage shows the after-photo input first and
// the before-photo input after it; each photo taken there carries its tag.
const form = document.getElementById("survey-form");
const block = form?.querySelector("[data-acceptance-photos]");
const stage = form?.elements.namedItem("data-stage");

function update() {
  const stages = (block.dataset.stages || "").split(" ");
  const accepting = stages.includes(stage.value);
  block.hidden = !accepting;
  form.dataset.accepting = accepting ? "1" : "0";
}

if (block && stage) {
  stage.addEventListener("change", update);
  update();
}
