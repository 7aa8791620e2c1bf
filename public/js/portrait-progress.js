// Live progress on a portrait job's page while it is `processing` (/portraits/:id?key=), as
// progressive enhancement: without JavaScript the page has a refresh link. With a progress
// token (minted server-side for this job's GPU jobs), it opens the job progress socket
// (GET /api/progress/ws); every update there is a cue to read the job's own status
// (GET /api/portraits/:id/status, the key in X-Job-Key), which is the truth the page shows:
// percent and step across both GPU steps (portraits, then the report). Without the socket (no
// token, refused, dropped) it polls that status every 2 s, and tries the socket again with
// backoff; with it, a slow poll still runs in case an update was missed. When the job leaves
// `processing` (completed or failed) the page reloads to show the new step. Markup contract
// (src/views/portraits/job-page.tsx):
//
//   <div data-portrait-progress data-status-url data-job-key data-reload-url data-portrait-token?
//        data-step-labels='{"report":"…"}'>
//     <progress max="100"></progress> <span data-progress-text></span>
//   </div>
//
// The root gets data-progress-connection = "live" or "polling", and data-status = the job's status.
(() => {
	const root = document.querySelector("[data-portrait-progress]");
	if (!root) return;
	const bar = root.querySelector("progress");
	const text = root.querySelector("[data-progress-text]");
	const token = root.dataset.portraitToken || "";
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

	function show(job) {
		root.dataset.status = job.status;
		const percent = Math.max(0, Math.min(100, Number(job.progress?.percent) || 0));
		if (bar) bar.value = job.status === "completed" ? 100 : percent;
		const step = job.progress?.step ? labels[job.progress.step] || job.progress.step : "";
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
			const res = await fetch(root.dataset.statusUrl, {
				headers: { Accept: "application/json", "X-Job-Key": root.dataset.jobKey || "" },
				credentials: "same-origin",
				cache: "no-store",
			});
			// Deleted or unknown: the page itself says why.
			if (res.status === 404 || res.status === 410) return finish();
			if (!res.ok) return;
			const { job } = await res.json();
			if (!job) return;
			show(job);
			if (job.status !== "processing") finish();
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
