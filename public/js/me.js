// Generations in the works (my page, a generation's own page): when job-progress.js reports
// that a generation's GPU job has finished, reload once, so the server renders the image (or
// the failure and its refund) as it now stands. Without JavaScript the page has a Refresh link.
(() => {
	const root = document.querySelector("[data-progress-token]");
	if (!root) return;
	const TERMINAL = new Set(["succeeded", "failed", "canceled", "expired"]);
	// The settlement runs right after the job's status lands; give it a moment before reloading.
	const SETTLE_DELAY_MS = 800;
	let reloading = false;

	root.addEventListener("job-progress", (event) => {
		const update = event.detail;
		if (reloading || !update || !TERMINAL.has(update.status)) return;
		// Once per job: if the server still shows it in the works, do not reload in a loop.
		const seenKey = `generation-reloaded:${update.job_id}`;
		try {
			if (sessionStorage.getItem(seenKey)) return;
			sessionStorage.setItem(seenKey, "1");
		} catch {
			// Storage refused (private mode): reloading once per page view is still bounded by the flag above.
		}
		reloading = true;
		setTimeout(() => window.location.reload(), SETTLE_DELAY_MS);
	});
})();
