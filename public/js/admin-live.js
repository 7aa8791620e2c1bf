// Live pipeline progress for the admin dashboard, as progressive enhancement: while a product
// on the page is still moving through the pipeline, poll the admin API every 2 s (the session
// cookie authorises GETs) and update its badge, status text, score and data-status in place,
// announcing each change politely. Without JavaScript the pages work as they are and offer a
// Refresh link.
(() => {
	const root = document.querySelector("[data-live-products]");
	if (!root) return;

	const POLL_MS = 2000;
	// Products missing from the newest 100 are fetched one by one, but only every few ticks and
	// a few at a time, to stay well inside the admin API's per-session rate limit.
	const MISSING_EVERY = 3;
	const MISSING_MAX = 3;
	const MAX_FAILURES = 5;

	const readJson = (text, fallback) => {
		try {
			return JSON.parse(text || "");
		} catch {
			return fallback;
		}
	};
	const labels = readJson(root.getAttribute("data-status-labels"), {});
	// Words in the reader's language, rendered by the page (LiveRoot); English if a page lacks them.
	const words = {
		justNow: root.getAttribute("data-just-now") || "just now",
		stoppedAt: root.getAttribute("data-stopped-at") || "stopped at {stage}",
		signedOut: root.getAttribute("data-signed-out") || "Live updates stopped: the session has ended. Sign in again to continue.",
		paused: root.getAttribute("data-paused") || "Live updates paused after repeated errors. Use Refresh to see the latest state.",
	};
	const terminal = new Set(readJson(root.getAttribute("data-terminal"), []));
	const detail = root.getAttribute("data-live-products") === "detail";
	const announcer = document.getElementById("live-announcer");
	const stale = root.querySelector('[data-live="stale"]');
	let timer = 0;
	let ticks = 0;
	let failures = 0;

	const items = () => Array.from(root.querySelectorAll("[data-product-id]"));
	const inProgress = (el) => !terminal.has(el.dataset.status) && !el.dataset.failed;
	const statusClass = (status) => `status-${status.toLowerCase().replaceAll("_", "-")}`;

	function announce(message) {
		if (announcer) announcer.textContent = message;
	}

	/** Writes a product's new state into its row; returns a sentence when the status changed. */
	function apply(el, product) {
		const failed = product.failed_stage || "";
		const changed = product.status !== el.dataset.status || failed !== el.dataset.failed;
		const label = labels[product.status] || product.status;
		el.dataset.status = product.status;
		el.dataset.failed = failed;
		const badge = el.querySelector('[data-live="badge"]');
		if (badge) badge.className = `badge ${statusClass(product.status)}`;
		const text = el.querySelector('[data-live="status-text"]');
		if (text) text.textContent = label;
		const score = el.querySelector('[data-live="score"]');
		if (score) score.textContent = product.quality_score ?? "—";
		if (!changed) return null;
		const updated = el.querySelector('[data-live="updated"]');
		if (updated) {
			updated.setAttribute("datetime", product.updated_at);
			updated.textContent = words.justNow;
		}
		return `${el.dataset.title}: ${label}${failed ? `, ${words.stoppedAt.replace("{stage}", failed)}` : ""}`;
	}

	async function getJson(url) {
		const res = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
		if (res.status === 401) throw new Error("signed-out");
		if (!res.ok) throw new Error(`HTTP ${res.status}`);
		return res.json();
	}

	/** The current state of the products with these ids, by id. */
	async function latest(ids) {
		const found = new Map();
		if (!detail) {
			const body = await getJson("/api/products?limit=100");
			for (const product of body.products) found.set(product.id, product);
		}
		let missing = ids.filter((id) => !found.has(id));
		if (!detail) missing = ticks % MISSING_EVERY === 0 ? missing.slice(0, MISSING_MAX) : [];
		const bodies = await Promise.all(missing.map((id) => getJson(`/api/products/${encodeURIComponent(id)}`)));
		for (const body of bodies) if (body?.product) found.set(body.product.id, body.product);
		return found;
	}

	async function tick() {
		timer = 0;
		const pending = items().filter(inProgress);
		// Nothing left to watch, or nobody watching: stop (visibilitychange starts it again).
		if (pending.length === 0 || document.hidden) return;
		ticks += 1;
		try {
			const found = await latest(pending.map((el) => el.dataset.productId));
			const changes = [];
			for (const el of pending) {
				const product = found.get(el.dataset.productId);
				const change = product ? apply(el, product) : null;
				if (change) changes.push(change);
			}
			if (changes.length > 0) {
				announce(`${changes.join(". ")}.`);
				if (stale) stale.hidden = false;
			}
			failures = 0;
		} catch (err) {
			if (err instanceof Error && err.message === "signed-out") {
				announce(words.signedOut);
				return;
			}
			failures += 1;
			if (failures >= MAX_FAILURES) {
				announce(words.paused);
				return;
			}
		}
		schedule();
	}

	function schedule() {
		if (!timer) timer = setTimeout(tick, POLL_MS);
	}

	document.addEventListener("visibilitychange", () => {
		if (!document.hidden) schedule();
	});
	schedule();
})();
