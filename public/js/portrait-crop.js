// The portrait photo crop (/portraits/:id/upload): canvas code of our own rather than a cropper
// package, because the pages run under a strict policy (scripts and styles from this origin only,
// images from this origin or data: URLs, no blob:) and this needs little: a frame locked to 3:4,
// drag to move, a slider (or the wheel) to zoom, arrow keys for keyboards. The photo is decoded
// in the browser (createImageBitmap, which applies the EXIF orientation) and never leaves it
// except as the crop: a JPEG at 3:4, at least 768×1024 when the photo has that many pixels in the
// frame (at most 1536×2048), posted multipart as `file` to POST /api/portraits/:id/photo with the
// job key in X-Job-Key. Markup contract (src/views/portraits/upload-page.tsx):
//
//   <div data-portrait-upload data-upload-url data-job-key data-done-url
//        data-messages='{"uploading":…}' data-error-messages='{"IMAGE_TOO_SMALL":…}'>
//     <input type="file" data-crop-file> <canvas data-crop-canvas width="480" height="640">
//     <input type="range" data-crop-zoom> <button data-crop-submit> <p data-upload-message>
//   </div>
//
// Refusals are shown in the reader's language from the error code the API answers.
(() => {
	const root = document.querySelector("[data-portrait-upload]");
	if (!root) return;
	const fileInput = root.querySelector("[data-crop-file]");
	const canvas = root.querySelector("[data-crop-canvas]");
	const zoomInput = root.querySelector("[data-crop-zoom]");
	const submit = root.querySelector("[data-crop-submit]");
	const messageBox = root.querySelector("[data-upload-message]");
	if (!fileInput || !canvas || !zoomInput || !submit || !messageBox) return;
	const context = canvas.getContext("2d");
	if (!context) return;

	const readJson = (text) => {
		try {
			return JSON.parse(text || "{}");
		} catch {
			return {};
		}
	};
	const messages = readJson(root.dataset.messages);
	const errorMessages = readJson(root.dataset.errorMessages);
	// The server refuses less than 512 px across; the export aims at 768×1024 and stops at 1536×2048.
	const MIN_WIDTH = 512;
	const MAX_WIDTH = 1536;
	const JPEG_QUALITY = 0.9;

	/** The photo and where it sits in the frame: drawn at `scale`, its top-left corner at (x, y). */
	const state = { image: null, base: 1, zoom: 1, x: 0, y: 0 };
	const W = canvas.width;
	const H = canvas.height;

	function say(text, isError) {
		messageBox.textContent = text || "";
		messageBox.classList.toggle("alert", Boolean(isError && text));
		messageBox.classList.toggle("alert-error", Boolean(isError && text));
	}

	const scale = () => state.base * state.zoom;

	/** Keeps the photo over the whole frame: no empty edge can end up in the crop. */
	function clamp() {
		if (!state.image) return;
		const s = scale();
		state.x = Math.min(0, Math.max(W - state.image.width * s, state.x));
		state.y = Math.min(0, Math.max(H - state.image.height * s, state.y));
	}

	function draw() {
		context.fillStyle = "#1b1d22";
		context.fillRect(0, 0, W, H);
		if (!state.image) return;
		const s = scale();
		context.drawImage(state.image, state.x, state.y, state.image.width * s, state.image.height * s);
		// Rule-of-thirds guides, so a face can be placed.
		context.strokeStyle = "rgba(255,255,255,0.35)";
		context.lineWidth = 1;
		for (let i = 1; i < 3; i++) {
			context.beginPath();
			context.moveTo((W * i) / 3, 0);
			context.lineTo((W * i) / 3, H);
			context.moveTo(0, (H * i) / 3);
			context.lineTo(W, (H * i) / 3);
			context.stroke();
		}
	}

	/** Zooms about a point of the frame (its centre by default), which stays where it is. */
	function setZoom(zoom, cx = W / 2, cy = H / 2) {
		if (!state.image) return;
		const before = scale();
		state.zoom = Math.max(1, Math.min(Number(zoomInput.max) || 4, zoom));
		const after = scale();
		state.x = cx - ((cx - state.x) * after) / before;
		state.y = cy - ((cy - state.y) * after) / before;
		zoomInput.value = String(state.zoom);
		clamp();
		draw();
	}

	/** The frame's part of the photo, in the photo's own pixels. */
	function cropRect() {
		const s = scale();
		return { sx: -state.x / s, sy: -state.y / s, sw: W / s, sh: H / s };
	}

	async function decode(file) {
		if ("createImageBitmap" in window) {
			try {
				return await createImageBitmap(file);
			} catch {
				// Fall through to an <img> from a data: URL (allowed by the page's policy; blob: is not).
			}
		}
		const url = await new Promise((resolve, reject) => {
			const reader = new FileReader();
			reader.onload = () => resolve(String(reader.result));
			reader.onerror = () => reject(reader.error);
			reader.readAsDataURL(file);
		});
		const img = new Image();
		img.src = url;
		await img.decode();
		return img;
	}

	fileInput.addEventListener("change", async () => {
		const file = fileInput.files?.[0];
		say("");
		submit.disabled = true;
		if (!file) return;
		try {
			state.image = await decode(file);
		} catch {
			state.image = null;
			draw();
			say(messages.unreadable, true);
			return;
		}
		// Cover the frame at zoom 1, centred.
		state.base = Math.max(W / state.image.width, H / state.image.height);
		state.zoom = 1;
		state.x = (W - state.image.width * state.base) / 2;
		state.y = (H - state.image.height * state.base) / 2;
		zoomInput.value = "1";
		zoomInput.disabled = false;
		submit.disabled = false;
		clamp();
		draw();
	});

	zoomInput.addEventListener("input", () => setZoom(Number(zoomInput.value)));

	let drag = null;
	canvas.addEventListener("pointerdown", (event) => {
		if (!state.image) return;
		canvas.setPointerCapture(event.pointerId);
		drag = { id: event.pointerId, x: event.clientX, y: event.clientY };
	});
	canvas.addEventListener("pointermove", (event) => {
		if (!drag || drag.id !== event.pointerId) return;
		// The canvas may be shown smaller than its pixels: move by what the pointer moved on screen.
		const ratio = W / canvas.getBoundingClientRect().width;
		state.x += (event.clientX - drag.x) * ratio;
		state.y += (event.clientY - drag.y) * ratio;
		drag.x = event.clientX;
		drag.y = event.clientY;
		clamp();
		draw();
	});
	const endDrag = () => {
		drag = null;
	};
	canvas.addEventListener("pointerup", endDrag);
	canvas.addEventListener("pointercancel", endDrag);
	canvas.addEventListener(
		"wheel",
		(event) => {
			if (!state.image) return;
			event.preventDefault();
			const box = canvas.getBoundingClientRect();
			const ratio = W / box.width;
			setZoom(state.zoom * (event.deltaY < 0 ? 1.1 : 1 / 1.1), (event.clientX - box.left) * ratio, (event.clientY - box.top) * ratio);
		},
		{ passive: false },
	);
	canvas.addEventListener("keydown", (event) => {
		if (!state.image) return;
		const step = event.shiftKey ? 40 : 10;
		const moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
		const move = moves[event.key];
		if (event.key === "+" || event.key === "=") setZoom(state.zoom * 1.1);
		else if (event.key === "-") setZoom(state.zoom / 1.1);
		else if (!move) return;
		else {
			state.x += move[0];
			state.y += move[1];
			clamp();
			draw();
		}
		event.preventDefault();
	});

	/** The crop as a JPEG of exactly 3:4 (width a multiple of 3), or null when the frame holds too few pixels. */
	async function exportCrop() {
		const { sx, sy, sw, sh } = cropRect();
		let width = Math.min(Math.floor(sw), MAX_WIDTH);
		width -= width % 3;
		if (width < MIN_WIDTH) return null;
		const height = (width / 3) * 4;
		const out = document.createElement("canvas");
		out.width = width;
		out.height = height;
		const outContext = out.getContext("2d");
		if (!outContext) return null;
		outContext.imageSmoothingQuality = "high";
		outContext.drawImage(state.image, sx, sy, sw, sh, 0, 0, width, height);
		return new Promise((resolve) => out.toBlob(resolve, "image/jpeg", JPEG_QUALITY));
	}

	submit.addEventListener("click", async () => {
		if (!state.image) return;
		submit.disabled = true;
		const blob = await exportCrop();
		if (!blob) {
			say(messages.sourceTooSmall, true);
			submit.disabled = false;
			return;
		}
		say(messages.uploading);
		const body = new FormData();
		body.append("file", blob, "photo.jpg");
		try {
			const res = await fetch(root.dataset.uploadUrl, {
				method: "POST",
				body,
				// The key in a header, not the URL: it stays out of logs and histories.
				headers: { "X-Job-Key": root.dataset.jobKey || "", Accept: "application/json" },
				credentials: "same-origin",
			});
			if (res.ok) {
				say(messages.uploaded);
				window.location.assign(root.dataset.doneUrl);
				return;
			}
			const answer = await res.json().catch(() => ({}));
			const code = answer?.error?.code;
			say(errorMessages[code] || messages.failed, true);
		} catch {
			say(messages.failed, true);
		}
		submit.disabled = false;
	});

	draw();
})();
