// Print-job page: poll the progress JSON and update the bar until the job ends.
(function () {
  const root = document.getElementById("print-job");
  if (!root) return;
  const url = root.dataset.progressUrl;
  const bar = document.getElementById("job-progress");
  const finished = ["done", "failed", "cancelled"];
  const field = (name) => root.querySelector(`[data-field="${name}"]`);
  const show = (name, on) => {
    const el = root.querySelector(`[data-show="${name}"]`);
    if (el) el.hidden = !on;
  };

  function render(p) {
    bar.max = p.total || 1;
    bar.value = p.total ? p.done : 1;
    bar.textContent = `${p.percent}%`;
    field("done").textContent = p.done;
    field("total").textContent = p.total;
    field("failed").textContent = p.failed;
    field("status").textContent = p.status_text;
    field("status").dataset.status = p.status;
    field("error").textContent = p.error || "";
    const list = field("failures");
    list.replaceChildren(...p.failures.map((f) => {
      const li = document.createElement("li");
      li.textContent = `${f.household}: ${f.message}`;
      return li;
    }));
    show("failures", p.failures.length > 0);
    show("stalled", p.stalled);
    show("error", Boolean(p.error));
    show("ready", p.ready);
    show("empty", p.status === "done" && !p.ready);
    show("running", !finished.includes(p.status));
  }

  async function poll() {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const progress = await response.json();
        render(progress);
        if (finished.includes(progress.status)) return;
      }
    } catch (error) {
      // Offline for a moment: try again on the next tick.
    }
    setTimeout(poll, 1000);
  }
  poll();
})();
