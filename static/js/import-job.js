// Import-job page: poll the progress JSON, move the bar, reload once the job ends
// (the result, its changes and its problems are rendered by the server).
(function () {
  const root = document.getElementById("import-job");
  if (!root) return;
  const bar = document.getElementById("job-progress");
  const phase = root.querySelector('[data-field="phase"]');
  const status = root.querySelector('[data-field="status"]');
  const stalled = root.querySelector('[data-show="stalled"]');
  const finished = ["done", "failed", "cancelled"];

  function render(p) {
    if (p.total) {
      bar.max = p.total;
      bar.value = p.done;
    } else {
      bar.removeAttribute("value");
    }
    phase.textContent = p.phase;
    status.textContent = p.status_text;
    stalled.hidden = !p.stalled;
  }

  async function poll() {
    try {
      const response = await fetch(root.dataset.progressUrl, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const progress = await response.json();
        if (finished.includes(progress.status)) {
          window.location.reload();
          return;
        }
        render(progress);
      }
    } catch (error) {
      // Offline for a moment: try again on the next tick.
    }
    setTimeout(poll, 1000);
  }
  poll();
})();
