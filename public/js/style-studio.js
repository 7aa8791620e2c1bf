// The style editor in the studio (/studio/styles/:id), as progressive enhancement; every form
// works without JavaScript.
// - Training images: the multi-file form is sent to POST /api/styles/:id/images with the
//   session's CSRF token, in batches small enough for one request each, with a progress bar
//   over all bytes; each batch is stored all or nothing, and the first refused batch stops the
//   upload with the server's reason (it names the file). Markup: <form data-upload-api data-csrf>
//   with <progress data-upload-progress> and <p data-upload-status>. The words it shows come from
//   the form's data-msg-* attributes, translated by the page; "{name}" in them is filled in here.
// - Training: job-progress.js moves the bar; when the job ends the page reloads once, so the
//   server shows the trained style or the failure reason.
(() => {
	// A Worker request body is limited; stay well under it (and under its memory) per batch.
	const BATCH_BYTES = 40 * 1024 * 1024;
	const BATCH_FILES = 25;
	const TERMINAL = new Set(["succeeded", "failed", "canceled", "expired"]);

	const form = document.querySelector("form[data-upload-api]");
	if (form && "FormData" in window && "XMLHttpRequest" in window) {
		const input = form.querySelector('input[type="file"]');
		const bar = form.querySelector("[data-upload-progress]");
		const status = form.querySelector("[data-upload-status]");
		const button = form.querySelector('button[type="submit"]');

		/** The page's message `data-msg-<name>`, with its {placeholders} filled in. */
		const message = (name, values = {}) => {
			const key = `msg${name.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase())}`;
			const text = form.dataset[key] || "";
			return text.replace(/\{(\w+)\}/g, (whole, field) => (field in values ? String(values[field]) : whole));
		};

		const batchesOf = (files) => {
			const batches = [];
			let current = [];
			let bytes = 0;
			for (const file of files) {
				if (current.length > 0 && (bytes + file.size > BATCH_BYTES || current.length >= BATCH_FILES)) {
					batches.push(current);
					current = [];
					bytes = 0;
				}
				current.push(file);
				bytes += file.size;
			}
			if (current.length > 0) batches.push(current);
			return batches;
		};

		const send = (batch, onProgress) =>
			new Promise((resolve) => {
				const body = new FormData();
				for (const file of batch) body.append("images", file, file.name);
				const xhr = new XMLHttpRequest();
				xhr.open("POST", form.dataset.uploadApi);
				xhr.setRequestHeader("X-CSRF-Token", form.dataset.csrf || "");
				xhr.setRequestHeader("Accept", "application/json");
				xhr.upload.addEventListener("progress", (event) => onProgress(event.loaded));
				xhr.addEventListener("load", () => {
					let json = {};
					try {
						json = JSON.parse(xhr.responseText);
					} catch {
						// Not JSON: the status says enough.
					}
					resolve({ ok: xhr.status === 201, message: json.error?.message || message("upload-failed", { status: xhr.status }) });
				});
				xhr.addEventListener("error", () => resolve({ ok: false, message: message("network") }));
				xhr.send(body);
			});

		form.addEventListener("submit", async (event) => {
			const files = Array.from(input?.files || []);
			if (files.length === 0) return;
			event.preventDefault();
			const total = files.reduce((sum, file) => sum + file.size, 0) || 1;
			let done = 0;
			if (button) button.disabled = true;
			if (bar) {
				bar.hidden = false;
				bar.value = 0;
			}
			const batches = batchesOf(files);
			for (const [i, batch] of batches.entries()) {
				if (status)
					status.textContent =
						batches.length > 1 ? message("uploading-part", { part: i + 1, total: batches.length }) : message("uploading", { n: files.length });
				const result = await send(batch, (loaded) => {
					if (bar) bar.value = Math.min(100, Math.round(((done + loaded) / total) * 100));
				});
				if (!result.ok) {
					if (status) status.textContent = i > 0 ? message("earlier-stored", { message: result.message }) : result.message;
					if (button) button.disabled = false;
					if (bar) bar.hidden = true;
					return;
				}
				done += batch.reduce((sum, file) => sum + file.size, 0);
			}
			if (bar) bar.value = 100;
			window.location.assign(`${window.location.pathname}?done=images`);
		});
	}

	const training = document.querySelector("[data-progress-token] [data-training-job]");
	if (training) {
		training.addEventListener("job-progress", (event) => {
			const update = event.detail;
			if (!update || !TERMINAL.has(update.status)) return;
			const key = `training-reloaded:${update.job_id}`;
			try {
				if (sessionStorage.getItem(key)) return;
				sessionStorage.setItem(key, "1");
			} catch {
				// Storage refused: this page reloads at most once anyway.
			}
			// The style is settled before the job's status is published; a short pause covers polling.
			setTimeout(() => window.location.assign(window.location.pathname), 800);
		});
	}
})();
