// Live progress of GPU jobs for a page that shows one owner's jobs (an order, a style, a
// portrait), as progressive enhancement: without JavaScript the page shows what the server
// rendered. Opens the owner's WebSocket (GET /api/progress/ws); if that cannot open or drops,
// polls GET /api/progress every 2 s and keeps trying the socket again with backoff.
//
// Markup contract:
//
//   <section data-progress-token="…"                 required: a token minted server-side by
//            data-status-labels='{"running":"…"}'>    mintProgressToken() for the signed-in owner;
//                                                     optional labels by status (JSON)
//     <article data-job-id="job_…">                  one element per job (any element)
//       <progress max="100"></progress>              optional: value = percent
//       <span data-job-status></span>                optional: text = label, step, error code
//     </article>
//     <progress data-job-id="job_…" max="100"></progress>   the element may be the bar itself
//   </section>
//
// Each job element gets data-status="<status>" and data-updated-at, and receives a bubbling
// `job-progress` CustomEvent whose `detail` is the update
// {job_id, kind, status, progress: {percent, step}, error_code, updated_at}, so a page can react
// (say, reload when a job succeeded). The root gets data-progress-connection = "live" (socket
// open), "polling", or "expired" (the token ran out: reloading the page mints a fresh one).
(() => {
	const root = document.querySelector("[data-progress-token]");
	if (!root) return;

	const token = root.getAttribute("data-progress-token") || "";
	const POLL_MS = 2000;
	// Keeps proxies from closing an idle socket; the server answers without waking up.
	const PING_MS = 30_000;
	const RETRY_MIN_MS = 2000;
	const RETRY_MAX_MS = 60_000;
	const TERMINAL = new Set(["succeeded", "failed", "canceled", "expired"]);

	const readJson = (text, fallback) => {
		try {
			return JSON.parse(text || "");
		} catch {
			return fallback;
		}
	};
	const labels = readJson(root.getAttribute("data-status-labels"), {});
	const query = `token=${encodeURIComponent(token)}`;

	let socket = null;
	let pollTimer = 0;
	let pingTimer = 0;
	let retryTimer = 0;
	let retryDelay = RETRY_MIN_MS;
	let stopped = false;

	const jobElements = () => Array.from(root.querySelectorAll("[data-job-id]"));
	const allFinished = () => {
		const elements = jobElements();
		return elements.length > 0 && elements.every((el) => TERMINAL.has(el.dataset.status));
	};

	function setConnection(state) {
		root.setAttribute("data-progress-connection", state);
	}

	/** Writes one update into every element of its job; an update older than the one shown is ignored. */
	function apply(update) {
		if (!update || typeof update.job_id !== "string") return;
		for (const el of jobElements()) {
			if (el.dataset.jobId !== update.job_id) continue;
			if (el.dataset.updatedAt && el.dataset.updatedAt > update.updated_at) continue;
			el.dataset.status = update.status;
			el.dataset.updatedAt = update.updated_at;
			const percent = update.status === "succeeded" ? 100 : Math.max(0, Math.min(100, Number(update.progress?.percent) || 0));
			const bar = el.matches("progress") ? el : el.querySelector("progress");
			if (bar) bar.value = percent;
			const text = el.querySelector("[data-job-status]");
			if (text) {
				const label = labels[update.status] || update.status;
				const step = !TERMINAL.has(update.status) && update.progress?.step ? ` · ${update.progress.step} ${Math.round(percent)}%` : "";
				text.textContent = `${label}${step}${update.error_code ? ` (${update.error_code})` : ""}`;
			}
			el.dispatchEvent(new CustomEvent("job-progress", { bubbles: true, detail: update }));
		}
	}

	function stop(state) {
		stopped = true;
		setConnection(state);
		clearInterval(pollTimer);
		clearInterval(pingTimer);
		clearTimeout(retryTimer);
		if (socket) socket.close(1000, "done");
	}

	async function pollOnce() {
		if (allFinished()) return;
		try {
			const res = await fetch(`/api/progress?${query}`, { headers: { Accept: "application/json" }, credentials: "same-origin" });
			if (res.status === 401) return stop("expired");
			if (!res.ok) return;
			const body = await res.json();
			for (const update of body.jobs || []) apply(update);
		} catch {
			// Offline for a moment: the next tick tries again.
		}
	}

	function startPolling() {
		if (stopped || pollTimer) return;
		setConnection("polling");
		pollOnce();
		pollTimer = setInterval(pollOnce, POLL_MS);
	}

	function stopPolling() {
		clearInterval(pollTimer);
		pollTimer = 0;
	}

	function retryLater() {
		if (stopped) return;
		clearTimeout(retryTimer);
		retryTimer = setTimeout(connect, retryDelay);
		retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
	}

	function connect() {
		if (stopped) return;
		if (!("WebSocket" in window)) return startPolling();
		const url = new URL(`/api/progress/ws?${query}`, window.location.href);
		url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
		let ws;
		try {
			ws = new WebSocket(url);
		} catch {
			startPolling();
			return retryLater();
		}
		ws.addEventListener("open", () => {
			socket = ws;
			retryDelay = RETRY_MIN_MS;
			stopPolling();
			setConnection("live");
			pingTimer = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send("ping"), PING_MS);
		});
		ws.addEventListener("message", (event) => {
			if (event.data === "pong") return;
			apply(readJson(event.data, null));
		});
		// A refused upgrade (an expired token, say) also ends here; polling then finds out why.
		ws.addEventListener("close", () => {
			clearInterval(pingTimer);
			socket = null;
			if (stopped) return;
			startPolling();
			retryLater();
		});
	}

	window.addEventListener("pagehide", () => {
		if (socket) socket.close(1000, "page closed");
	});
	connect();
})();
