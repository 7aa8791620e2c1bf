// Live progress on a short-video project's page (/video/projects/:id) while a run works on it,
// as progressive enhancement: without JavaScript the page shows the stored progress and a
// refresh link. With the progress token (minted by the page for the project's owner
// `video_project:<id>`, src/video/pipeline/progress.ts), it opens the job progress socket
// (GET /api/progress/ws); every update there (the run's own `video.run` updates and its GPU
// jobs') is a cue to read the run's status (GET /api/projects/:id/generation-status/:jobId,
// the truth the page shows: percent and current step). Without the socket (no token, refused,
// dropped) it polls that status every 2 s and tries the socket again with backoff; with it, a
// slow poll still runs in case an update was missed. When the run ends (completed or failed)
// the page reloads to show the new video, scenes, voice, QA and history. Markup contract
// (src/views/video/projects/project-page.tsx):
//
//   <div data-video-progress data-status-url data-reload-url data-progress-token?
//        data-step-labels='{"script":"…"}'>
//     <progress max="100"></progress> <span data-progress-text></span>
//   </div>
//
// The root gets data-progress-connection = "live" or "polling", and data-status = the run's status.
(() => {
	const root = document.querySelector("[data-video-progress]");
	if (!root) return;
	const bar = root.querySelector("progress");
	const text = root.querySelector("[data-progress-text]");
	const token = root.dataset.progressToken || "";
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

	function show(run) {
		root.dataset.status = run.status;
		const percent = Math.max(0, Math.min(100, Number(run.progress) || 0));
		if (bar) bar.value = run.status === "completed" ? 100 : percent;
		const step = run.current_step ? labels[run.current_step] || run.current_step : "";
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
				headers: { Accept: "application/json" },
				credentials: "same-origin",
				cache: "no-store",
			});
			// The project or run is gone: the page itself says what there is now.
			if (res.status === 404) return finish();
			if (!res.ok) return;
			const run = await res.json();
			if (!run || typeof run.status !== "string") return;
			show(run);
			if (run.status === "completed" || run.status === "failed") finish();
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
