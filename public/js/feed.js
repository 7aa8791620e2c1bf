// The feed (/feed), progressively enhanced. Without JavaScript it is a page of cards linking to
// /feed/:id and a plain "More" link. With it:
// - infinite scroll: when the "More" link scrolls into view, the next page is fetched as an HTML
//   fragment (`?partial=1`, the same markup the server renders), its cards appended and the link
//   replaced by the fragment's own (none on the last page);
// - a card opens its detail in a <dialog> (fetched from /feed/:id?partial=1) with /feed/:id in the
//   address bar; Escape, the close button or Back close it, Forward opens it again.
// Like, follow and comment forms in added markup work at once: community.js listens on the document.
(() => {
	const feed = document.querySelector("[data-feed]");
	const dialog = document.querySelector("[data-feed-dialog]");
	const dialogBody = dialog?.querySelector("[data-feed-dialog-body]");
	const status = feed?.querySelector("[data-feed-status]");

	/** Fetches a fragment of ours as a parsed document (same origin, cookies sent for liked_by_me). */
	async function fragment(url) {
		const target = new URL(url, location.href);
		target.searchParams.set("partial", "1");
		const res = await fetch(target, { headers: { Accept: "text/html" }, credentials: "same-origin" });
		if (!res.ok) throw new Error(`HTTP ${res.status}`);
		return new DOMParser().parseFromString(await res.text(), "text/html");
	}

	// --- Infinite scroll over the cursor -------------------------------------------------------
	let loading = false;
	const observer =
		feed && "IntersectionObserver" in window
			? new IntersectionObserver(
					(entries) => {
						if (entries.some((entry) => entry.isIntersecting)) loadMore();
					},
					{ rootMargin: "600px 0px" },
				)
			: null;

	function watchMore() {
		const more = feed?.querySelector("[data-feed-more]");
		if (more && observer) observer.observe(more);
		if (!more && status) status.textContent = feed.dataset.endLabel ?? "";
	}

	async function loadMore() {
		const more = feed?.querySelector("[data-feed-more]");
		const list = feed?.querySelector("[data-feed-list]");
		if (loading || !more || !list) return;
		loading = true;
		observer?.unobserve(more);
		if (status) status.textContent = feed.dataset.loadingLabel ?? "";
		try {
			const doc = await fragment(more.getAttribute("href"));
			const seen = new Set([...list.querySelectorAll("[data-feed-item]")].map((item) => item.dataset.feedItem));
			for (const item of doc.querySelectorAll("[data-feed-item]")) {
				// A cursor page never repeats an item; this guards against a double fetch all the same.
				if (seen.has(item.dataset.feedItem)) continue;
				list.append(document.importNode(item, true));
			}
			const next = doc.querySelector("[data-feed-more]");
			const row = more.closest(".feed-more-row") ?? more;
			if (next) more.setAttribute("href", next.getAttribute("href"));
			else row.remove();
			if (status) status.textContent = "";
		} catch {
			// Leave the plain link in place: a click still loads the next page.
			if (status) status.textContent = "";
		} finally {
			loading = false;
			watchMore();
		}
	}

	if (feed) watchMore();

	// --- The detail modal with history ---------------------------------------------------------
	if (!dialog || !dialogBody || typeof dialog.showModal !== "function") return;
	let openedByUs = false;

	async function openDetail(id, push) {
		try {
			const doc = await fragment(`/feed/${encodeURIComponent(id)}`);
			const detail = doc.querySelector("[data-feed-detail]");
			if (!detail) throw new Error("no detail");
			dialogBody.replaceChildren(document.importNode(detail, true));
		} catch {
			// The page itself always works: go there.
			location.assign(`/feed/${encodeURIComponent(id)}`);
			return;
		}
		if (push) history.pushState({ feedDetail: id }, "", `/feed/${encodeURIComponent(id)}`);
		openedByUs = true;
		if (!dialog.open) dialog.showModal();
	}

	document.addEventListener("click", (event) => {
		const link = event.target instanceof Element ? event.target.closest("[data-feed-open]") : null;
		// Modified clicks (new tab, new window) keep the browser's own behaviour.
		if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
		if (dialog.contains(link)) return;
		event.preventDefault();
		openDetail(link.dataset.feedOpen, true);
	});

	// Escape and the close button end in "close": step back to the feed's own address.
	dialog.addEventListener("close", () => {
		dialogBody.replaceChildren();
		if (openedByUs && history.state?.feedDetail) history.back();
		openedByUs = false;
	});

	// A click on the backdrop (outside the dialog's box) closes it too.
	dialog.addEventListener("click", (event) => {
		if (event.target === dialog) dialog.close();
	});

	window.addEventListener("popstate", (event) => {
		const id = event.state?.feedDetail;
		if (id) {
			openDetail(id, false);
		} else if (dialog.open) {
			openedByUs = false;
			dialog.close();
		}
	});
})();
