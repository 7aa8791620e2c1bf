// Progressive enhancement of the community forms (src/views/community/): follow, like and the
// comment forms post to the JSON API with the session's X-CSRF-Token (the form's own `_csrf`)
// instead of leaving the page. Follows and likes update their button and count in place;
// comment changes reload the thread from the server, which renders it (and escapes it) as the
// page does. Without this script every form still works as a plain post.
(() => {
	if (window.__communityForms) return;
	window.__communityForms = true;

	const numberFormat = new Intl.NumberFormat(document.documentElement.lang || undefined);

	/** Rewrites a count element from its one/other templates (rendered by the server in the page's language). */
	function setCount(el, count) {
		if (!el) return;
		el.dataset[el.dataset.likeCount !== undefined ? "likeCount" : "followerCount"] = String(count);
		const template = count === 1 ? el.dataset.one : el.dataset.other;
		if (!template) return;
		el.textContent = template.replace(count === 1 ? "1" : "2", numberFormat.format(count));
	}

	function showError(form, message) {
		let note = form.querySelector(".community-error");
		if (!note) {
			note = document.createElement("p");
			note.className = "community-error small";
			note.setAttribute("role", "alert");
			form.append(note);
		}
		note.textContent = message;
	}

	async function call(form, method, url, body) {
		const headers = { "X-CSRF-Token": form.querySelector("input[name=_csrf]")?.value ?? "", Accept: "application/json" };
		if (body !== undefined) headers["Content-Type"] = "application/json";
		const res = await fetch(url, { method, headers, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body) });
		let data = null;
		try {
			data = await res.json();
		} catch {
			data = null;
		}
		return { res, data };
	}

	function failed(form, data) {
		showError(form, data?.error?.message ?? "Something went wrong. Please try again.");
	}

	async function onFollow(form) {
		const following = form.dataset.following === "true";
		const { res, data } = await call(form, following ? "DELETE" : "POST", `/api/users/${form.dataset.userId}/follow`);
		// Already so (409 on follow, 404 on unfollow) is the state asked for; the count stays as shown.
		const settled = res.ok || (following ? res.status === 404 && data?.error?.code === "NOT_FOUND" : data?.error?.code === "DUPLICATE_FOLLOW");
		if (!settled) return failed(form, data);
		const now = !following;
		// Every follow control of this person on the page (a feed shows one per card) changes together.
		const userId = CSS.escape(form.dataset.userId ?? "");
		for (const each of document.querySelectorAll(`form[data-community="follow"][data-user-id="${userId}"]`)) {
			each.dataset.following = String(now);
			each.action = `/community/users/${each.dataset.userId}/${now ? "unfollow" : "follow"}`;
			const button = each.querySelector("button[type=submit]");
			if (button) {
				button.textContent = now ? each.dataset.labelUnfollow : each.dataset.labelFollow;
				button.setAttribute("aria-pressed", String(now));
				button.classList.toggle("button-secondary", now);
			}
			if (res.ok && typeof data?.follower_count === "number") setCount(each.querySelector("[data-follower-count]"), data.follower_count);
		}
	}

	async function onLike(form) {
		const liked = form.dataset.liked === "true";
		const { res, data } = await call(form, liked ? "DELETE" : "POST", `/api/generations/${form.dataset.generationId}/like`);
		const settled = res.ok || (liked ? res.status === 404 : data?.error?.code === "DUPLICATE_LIKE");
		if (!settled) return failed(form, data);
		const now = !liked;
		form.dataset.liked = String(now);
		const intent = form.querySelector("input[name=intent]");
		if (intent) intent.value = now ? "unlike" : "like";
		const button = form.querySelector("button[type=submit]");
		if (button) {
			button.setAttribute("aria-pressed", String(now));
			const icon = button.querySelector("[aria-hidden]");
			if (icon) icon.textContent = now ? "♥" : "♡";
			const label = button.querySelector(".like-label");
			if (label) label.textContent = now ? form.dataset.labelUnlike : form.dataset.labelLike;
		}
		if (res.ok && typeof data?.like_count === "number") setCount(form.querySelector("[data-like-count]"), data.like_count);
	}

	/** Comment forms: the same change through the API, then the thread as the server renders it now. */
	async function onComment(form, kind) {
		const action = new URL(form.action, window.location.href).pathname;
		let request;
		if (kind === "comment-create") {
			const generation = action.split("/")[3];
			const parent = form.querySelector("input[name=parent_id]")?.value;
			request = [
				"POST",
				`/api/generations/${generation}/comments`,
				{ body: form.querySelector("textarea[name=body]")?.value ?? "", ...(parent ? { parent_id: parent } : {}) },
			];
		} else {
			const [, , , id, verb] = action.split("/");
			if (verb === "edit") request = ["PATCH", `/api/comments/${id}`, { body: form.querySelector("textarea[name=body]")?.value ?? "" }];
			else if (verb === "delete") request = ["DELETE", `/api/comments/${id}`];
			else request = ["POST", `/api/comments/${id}/${verb}`];
		}
		const { res, data } = await call(form, ...request);
		if (!res.ok) return failed(form, data);
		const id = data?.comment?.id;
		if (id) window.location.hash = `comment-${id}`;
		window.location.reload();
	}

	document.addEventListener("submit", (event) => {
		const form = event.target;
		if (!(form instanceof HTMLFormElement) || !form.dataset.community) return;
		const kind = form.dataset.community;
		if (kind === "comment-delete" && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
			event.preventDefault();
			return;
		}
		event.preventDefault();
		const button = form.querySelector("button[type=submit]");
		if (button) button.disabled = true;
		const work = kind === "follow" ? onFollow(form) : kind === "like" ? onLike(form) : onComment(form, kind);
		work
			.catch(() => {
				// The network failed: the plain form post still works.
				form.submit();
			})
			.finally(() => {
				if (button) button.disabled = false;
			});
	});
})();
