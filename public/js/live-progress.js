// Live progress of a long job on its page, as progressive enhancement: without JavaScript the
// page shows the stored progress and a refresh link. Used by the portrait job page
// (/portraits/:id, src/views/portraits/job-page.tsx) and the short-video project page
// (/video/projects/:id, src/views/video/projects/project-page.tsx). With a progress token (minted
// server-side for the page's owner of GPU jobs), it opens the job progress socket
// (GET /api/progress/ws); every update there is a cue to read the page's own status URL, which is
// the truth the page shows: percent and step. Without the socket (no token, refused, dropped) it
// polls that status every 2 s and tries the socket again with backoff; with it, a slow poll still
// runs in case an update was missed. When the status leaves the live ones, the page reloads to
// show what there is now. Markup contract:
//
//   <div data-live-progress data-status-url data-reload-url data-live-statuses="pending,processing"
//        data-progress-token? data-job-key? data-step-labels='{"script":"…"}'>
//     <progress max="100"></progress> <span data-progress-text></span>
//   </div>
//
// The status URL answers either a portrait job (`{job: {status, progress: {percent, step}}}`) or
// a pipeline run (`{status, progress, current_step}`); `data-job-key` goes along as X-Job-Key.
// The root gets data-progress-connection = "live" or "polling", and data-status = the status.
(() => {
	const root = document.querySelector("[data-live-progress]");
	if (!root) return;
	const bar = root.querySelector("progress");
	const text = root.querySelector("[data-progress-text]");
	const token = root.dataset.progressToken || "";
	const liveStatuses = (root.dataset.liveStatuses || "processing").split(",");
	let labels = {};
	try {
		labels = JSON.parse(root.dataset.stepLabels || "{}");
	} catch {
		// Without labels the step's code is shown.
	}
	const POLL_MS = 2000;
	const LIVE_POLL_MS = 15_000;
	const PING_MS = 30_000;
	const RETRY_MIN_MS = 2000;
	const RETRY_MAX_MS = 60_000;

	let socket = null;
	let pollTimer = 0;
	let pingTimer = 0;
	let retryTimer = 0;
	let retryDelay = RETRY_MIN_MS;
	let done = false;
	let inFlight = false;

	/** The answer as `{status, percent, step}`, whichever of the two shapes it has. */
	function stateOf(body) {
		if (body?.job) return { status: body.job.status, percent: body.job.progress?.percent, step: body.job.progress?.step };
		return { status: body?.status, percent: body?.progress, step: body?.current_step };
	}

	function show(state) {
		root.dataset.status = state.status;
		const percent = Math.max(0, Math.min(100, Number(state.percent) || 0));
		if (bar) bar.value = state.status === "completed" ? 100 : percent;
		const step = state.step ? labels[state.step] || state.step : "";
		if (text) text.textContent = step ? `${step} · ${Math.round(percent)}%` : `${Math.round(percent)}%`;
	}

	function finish() {
		done = true;
		clearInterval(pollTimer);
		clearInterval(pingTimer);
		clearTimeout(retryTimer);
		if (socket) socket.close(1000, "done");
		window.location.assign(root.dataset.reloadUrl);
	}

	async function readStatus() {
		if (done || inFlight) return;
		inFlight = true;
		try {
			const headers = { Accept: "application/json" };
			if (root.dataset.jobKey) headers["X-Job-Key"] = root.dataset.jobKey;
			const res = await fetch(root.dataset.statusUrl, { headers, credentials: "same-origin", cache: "no-store" });
			// Gone (deleted, or its data erased): the page itself says what there is now.
			if (res.status === 404 || res.status === 410) return finish();
			if (!res.ok) return;
			const state = stateOf(await res.json());
			if (typeof state.status !== "string") return;
			show(state);
			if (!liveStatuses.includes(state.status)) finish();
		} catch {
			// Offline for a moment: the next tick tries again.
		} finally {
			inFlight = false;
		}
	}

	function poll(every) {
		clearInterval(pollTimer);
		root.setAttribute("data-progress-connection", every === POLL_MS ? "polling" : "live");
		pollTimer = setInterval(readStatus, every);
	}

	function retryLater() {
		if (done || !token) return;
		clearTimeout(retryTimer);
		retryTimer = setTimeout(connect, retryDelay);
		retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
	}

	function connect() {
		if (done || !token || !("WebSocket" in window)) return;
		const url = new URL(`/api/progress/ws?token=${encodeURIComponent(token)}`, window.location.href);
		url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
		let ws;
		try {
			ws = new WebSocket(url);
		} catch {
			return retryLater();
		}
		ws.addEventListener("open", () => {
			socket = ws;
			retryDelay = RETRY_MIN_MS;
			poll(LIVE_POLL_MS);
			pingTimer = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send("ping"), PING_MS);
		});
		ws.addEventListener("message", (event) => {
			if (event.data !== "pong") readStatus();
		});
		ws.addEventListener("close", () => {
			clearInterval(pingTimer);
			socket = null;
			if (done) return;
			poll(POLL_MS);
			retryLater();
		});
	}

	window.addEventListener("pagehide", () => {
		if (socket) socket.close(1000, "page closed");
	});
	poll(POLL_MS);
	readStatus();
	connect();
})();
