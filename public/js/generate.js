// The generate form of a style page (/styles/:slug), as progressive enhancement: without
// JavaScript the form posts to /styles/:slug/generate and the browser lands on the
// generation's page. With it, the form is sent to the JSON API (POST
// /api/styles/:id/generations with the session's CSRF token), each queued generation is listed
// under the form with a progress bar that job-progress.js keeps moving (elements with
// data-job-id inside the [data-progress-token] section), and the finished image (or the reason
// it failed and the refund) replaces the bar. Markup contract:
//
//   <form data-generate-api="/api/styles/<id>/generations" data-csrf="…" data-msg-…="…">
//     <p data-generate-error hidden></p> … prompt, aspect, submit …
//   </form>
//   <section data-progress-token="…"><ul data-generate-results></ul></section>
//
// The words it shows come from the form's data-msg-* attributes, translated by the page
// (a script cannot read the catalogues); "{name}" in them is filled in here.
(() => {
	const form = document.querySelector("form[data-generate-api]");
	const results = document.querySelector("[data-generate-results]");
	if (!form || !results) return;
	const errorBox = form.querySelector("[data-generate-error]");
	const button = form.querySelector('button[type="submit"]');
	const TERMINAL = new Set(["succeeded", "failed", "canceled", "expired"]);
	// Settlement lands right after the job's terminal status; look a few times before giving up.
	const SETTLE_TRIES = 6;
	const SETTLE_DELAY_MS = 700;

	/** The page's message `data-msg-<name>`, with its {placeholders} filled in. */
	function message(name, values = {}) {
		const key = `msg${name.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase())}`;
		const text = form.dataset[key] || "";
		return text.replace(/\{(\w+)\}/g, (whole, field) => (field in values ? String(values[field]) : whole));
	}

	function showError(message) {
		if (!errorBox) return;
		errorBox.textContent = message;
		errorBox.hidden = !message;
	}

	function element(tag, className, text) {
		const el = document.createElement(tag);
		if (className) el.className = className;
		if (text !== undefined) el.textContent = text;
		return el;
	}

	function generationLink(generation, text) {
		const link = element("a", "", text);
		link.href = `/generations/${encodeURIComponent(generation.id)}`;
		return link;
	}

	function addResult(generation) {
		const item = element("li", "generate-item");
		item.dataset.generationId = generation.id;
		item.append(generationLink(generation, generation.prompt));
		if (generation.gpu_job_id) {
			const job = element("div", "generate-job");
			job.dataset.jobId = generation.gpu_job_id;
			const bar = element("progress");
			bar.max = 100;
			bar.value = 0;
			bar.setAttribute("aria-label", message("progress"));
			const status = element("span", "small muted", message("queued"));
			status.setAttribute("data-job-status", "");
			job.append(bar, status);
			item.append(job);
		} else {
			// The gateway did not take the job yet; the server resubmits it, and its page follows it.
			item.append(element("p", "small muted", message("queued-later")));
		}
		results.prepend(item);
	}

	async function readGeneration(id) {
		const res = await fetch(`/api/generations/${encodeURIComponent(id)}`, { headers: { Accept: "application/json" }, credentials: "same-origin" });
		if (!res.ok) return null;
		return (await res.json()).generation || null;
	}

	async function showOutcome(item) {
		const id = item.dataset.generationId;
		for (let i = 0; i < SETTLE_TRIES; i++) {
			const generation = await readGeneration(id).catch(() => null);
			if (generation && generation.status === "completed" && generation.image_url) {
				const img = element("img", "generate-image");
				img.src = generation.image_url;
				img.alt = generation.prompt;
				img.width = generation.width;
				img.height = generation.height;
				const link = generationLink(generation, "");
				link.append(img);
				item.querySelector(".generate-job")?.replaceWith(link);
				return;
			}
			if (generation && generation.status === "failed") {
				const reason = generation.error ? generation.error.message : message("failed");
				item
					.querySelector(".generate-job")
					?.replaceWith(element("p", "small alert alert-error", `${reason} ${message("refunded", { credits: generation.cost_credits })}`));
				return;
			}
			await new Promise((resolve) => setTimeout(resolve, SETTLE_DELAY_MS));
		}
	}

	results.addEventListener("job-progress", (event) => {
		const update = event.detail;
		if (!update || !TERMINAL.has(update.status)) return;
		const item = event.target instanceof Element ? event.target.closest("[data-generation-id]") : null;
		if (!item || item.dataset.settled) return;
		item.dataset.settled = "1";
		showOutcome(item);
	});

	form.addEventListener("submit", async (event) => {
		event.preventDefault();
		const data = new FormData(form);
		showError("");
		if (button) button.disabled = true;
		try {
			const res = await fetch(form.dataset.generateApi, {
				method: "POST",
				credentials: "same-origin",
				headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": form.dataset.csrf || "" },
				body: JSON.stringify({ prompt: String(data.get("prompt") || ""), aspect: String(data.get("aspect") || "1:1") }),
			});
			const body = await res.json().catch(() => ({}));
			if (res.status !== 202 || !body.generation) {
				showError(body.error?.message || message("not-queued", { status: res.status }));
				return;
			}
			addResult(body.generation);
		} catch {
			showError(message("network"));
		} finally {
			if (button) button.disabled = false;
		}
	});
})();
