// Progressive enhancement only: every page works without this file.
// Job pages: poll the JSON twin and update the progress bar until the job ends.
(function () {
  "use strict";
  const box = document.getElementById("job");
  if (!box || ["done", "failed"].includes(box.dataset.status)) return;
  const url = "/jobs/" + encodeURIComponent(box.dataset.job) + ".json";
  async function poll() {
    try {
      const res = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!res.ok) return;
      const job = (await res.json()).job;
      box.querySelector("progress").value = job.percent;
      for (const el of box.querySelectorAll("[data-field]")) el.textContent = job[el.dataset.field] ?? "";
      if (job.status === "done" || job.status === "failed") { window.location.reload(); return; }
    } catch (e) { /* offline for a moment: try again */ }
    setTimeout(poll, 700);
  }
  setTimeout(poll, 500);
})();
