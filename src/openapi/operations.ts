import type { ErrorCode } from "../lib/errors";

/** Who may call an operation: names of the document's security schemes (see security.ts). */
export type Access =
	| "public"
	| "buyer"
	| "admin"
	| "user"
	| "userOrPublic"
	| "adminOrBuyer"
	| "stripe"
	| "portone"
	| "gpuWebhook"
	| "gpuBearer"
	| "progressToken"
	| "portraitSession"
	| "fileToken";

/** What a route adds to its validated input in the document. `errors` are the codes beyond those its access and validation imply. */
export type Operation = {
	tag: string;
	summary: string;
	access: Access;
	errors?: readonly ErrorCode[];
	/** A response that is not JSON (a download, an event stream, a WebSocket upgrade). */
	body?: "binary" | "zip" | "websocket";
	/** 201 instead of 200 on success. */
	created?: boolean;
};

/**
 * Every JSON route the Worker mounts, keyed `METHOD path` exactly as Hono lists it in `app.routes`.
 * test/openapi/coverage.test.ts fails when a mounted JSON route is missing here or an entry here
 * is not mounted, so adding a route means adding its line (docs/api.md).
 */
export const OPERATIONS: Record<string, Operation> = {
	"GET /healthz": { tag: "health", summary: "Liveness: the Worker answers", access: "public" },
	"POST /webhooks/stripe": { tag: "webhooks", summary: "Stripe event (checkout completed, refunds)", access: "stripe", errors: ["WEBHOOK_SIGNATURE_INVALID"] },
	"POST /webhooks/portone": {
		tag: "webhooks",
		summary: "PortOne event (payment paid, failed, cancelled): the payment is re-read from PortOne",
		access: "portone",
		errors: ["WEBHOOK_SIGNATURE_INVALID", "VALIDATION_FAILED", "NOT_FOUND"],
	},
	"POST /internal/gpu/events": {
		tag: "gpu-callbacks",
		summary: "GPU gateway job event (Standard Webhooks signed)",
		access: "gpuWebhook",
		errors: ["WEBHOOK_SIGNATURE_INVALID"],
	},
	"PUT /internal/gpu/artifacts/:jobId/:name": {
		tag: "gpu-callbacks",
		summary: "GPU gateway uploads one job artifact",
		access: "gpuBearer",
		errors: ["PAYLOAD_TOO_LARGE"],
	},
	"GET /internal/gpu/inputs/:key{.+}": { tag: "gpu-callbacks", summary: "GPU gateway reads one job input object", access: "gpuBearer", body: "binary" },

	"GET /api/products": { tag: "products", summary: "List products", access: "admin" },
	"POST /api/products": {
		tag: "products",
		summary: "Create a product (starts its pipeline)",
		access: "admin",
		created: true,
		errors: ["CONFLICT", "RATE_LIMITED"],
	},
	"POST /api/products/batch": { tag: "products", summary: "Create several products", access: "admin", created: true, errors: ["CONFLICT", "RATE_LIMITED"] },
	"GET /api/products/:id": { tag: "products", summary: "Product detail with pipeline state", access: "admin" },
	"GET /api/portrait-jobs": { tag: "portraits-admin", summary: "Portrait jobs, newest first (numbers masked)", access: "admin" },
	"GET /api/portrait-jobs/:id": { tag: "portraits-admin", summary: "One portrait job with its SMS attempts (numbers masked)", access: "admin" },
	"GET /api/payouts": { tag: "earnings-admin", summary: "Artists' payout requests with their nickname, newest first (?status=)", access: "admin" },
	"POST /api/payouts/:id/paid": {
		tag: "earnings-admin",
		summary: "Mark a payout request paid (paid outside the system)",
		access: "admin",
		errors: ["NOT_FOUND", "CONFLICT"],
	},
	"POST /api/payouts/:id/reject": {
		tag: "earnings-admin",
		summary: "Reject a payout request, returning its credits",
		access: "admin",
		errors: ["NOT_FOUND", "CONFLICT"],
	},
	"POST /api/generations/:id/refund": {
		tag: "earnings-admin",
		summary: "Refund a completed generation: credits back to the buyer, the artist's share taken back, out of the feed",
		access: "admin",
		errors: ["NOT_FOUND", "CONFLICT", "INVALID_STATE"],
	},
	"GET /api/products/:id/package": { tag: "products", summary: "Download the product's package ZIP", access: "admin", body: "zip", errors: ["CONFLICT"] },
	"POST /api/products/:id/retry": { tag: "products", summary: "Retry a failed pipeline", access: "admin", errors: ["CONFLICT"] },
	"POST /api/products/:id/unpublish": { tag: "products", summary: "Take a product off sale", access: "admin", errors: ["CONFLICT"] },
	"POST /api/products/:id/publish": { tag: "products", summary: "Put a product on sale", access: "admin", errors: ["CONFLICT"] },
	"POST /api/projects/:id/publish-product": {
		tag: "products",
		summary: "Sell a ready video project of the shop's own as a short_video product (starts its pipeline)",
		access: "admin",
		created: true,
		errors: ["NOT_FOUND", "FORBIDDEN", "CONFLICT"],
	},

	"GET /api/orders": { tag: "orders", summary: "List orders", access: "admin" },
	"GET /api/orders/:id": { tag: "orders", summary: "Order detail (admin key, or the buyer's order key)", access: "adminOrBuyer", errors: ["TOKEN_INVALID"] },
	"POST /api/orders/:id/links": {
		tag: "downloads",
		summary: "Buyer: fresh download links for a paid order",
		access: "adminOrBuyer",
		errors: ["TOKEN_INVALID", "ORDER_NOT_PAID", "ACCESS_REVOKED", "RATE_LIMITED"],
	},
	"POST /api/orders/:id/refund": {
		tag: "orders",
		summary: "Refund an order (Idempotency-Key header)",
		access: "admin",
		errors: ["CONFLICT", "ORDER_NOT_PAID", "PAYMENT_PROVIDER_UNAVAILABLE"],
	},
	"POST /api/orders/:id/reissue": { tag: "grants", summary: "Reissue the order's download grant", access: "admin", errors: ["CONFLICT", "ORDER_NOT_PAID"] },
	"GET /api/downloads": { tag: "downloads", summary: "Download log", access: "admin" },
	"POST /api/grants/:id/revoke": { tag: "grants", summary: "Revoke a download grant", access: "admin", errors: ["CONFLICT"] },
	"GET /api/overview": { tag: "admin", summary: "Dashboard figures", access: "admin" },
	"GET /api/gpu/jobs": { tag: "gpu-jobs", summary: "List GPU jobs", access: "admin" },
	"POST /api/gpu/jobs": { tag: "gpu-jobs", summary: "Submit a GPU job", access: "admin", created: true, errors: ["GPU_GATEWAY_UNAVAILABLE"] },
	"GET /api/gpu/jobs/:id": { tag: "gpu-jobs", summary: "GPU job detail", access: "admin" },
	"GET /api/gpu/jobs/:id/artifacts/:name": { tag: "gpu-jobs", summary: "Download one artifact of a GPU job", access: "admin", body: "binary" },
	"POST /api/gpu/jobs/:id/cancel": { tag: "gpu-jobs", summary: "Cancel a GPU job", access: "admin", errors: ["CONFLICT", "GPU_GATEWAY_UNAVAILABLE"] },
	"DELETE /api/gpu/jobs/:id/data": {
		tag: "gpu-jobs",
		summary: "Delete a GPU job's stored data",
		access: "admin",
		errors: ["CONFLICT", "GPU_GATEWAY_UNAVAILABLE"],
	},
	"GET /api/artist-applications": { tag: "artist-applications", summary: "List artist applications", access: "admin" },
	"POST /api/artist-applications/:id/approve": { tag: "artist-applications", summary: "Approve an application", access: "admin", errors: ["CONFLICT"] },
	"POST /api/artist-applications/:id/reject": { tag: "artist-applications", summary: "Reject an application", access: "admin", errors: ["CONFLICT"] },

	"GET /api/catalog": { tag: "products", summary: "Public catalogue of products on sale", access: "public" },
	"POST /api/checkout": {
		tag: "checkout",
		summary: "Start a checkout session",
		access: "public",
		created: true,
		errors: ["NOT_PUBLISHED", "RATE_LIMITED", "PAYMENT_PROVIDER_UNAVAILABLE"],
	},
	"GET /files/:token": {
		tag: "downloads",
		summary: "Download a file with a signed link (Range supported)",
		access: "fileToken",
		body: "binary",
		errors: ["TOKEN_INVALID", "TOKEN_EXPIRED", "DOWNLOAD_LIMIT_REACHED", "ACCESS_REVOKED", "RANGE_NOT_SATISFIABLE"],
	},
	"HEAD /files/:token": {
		tag: "downloads",
		summary: "Headers of a signed download",
		access: "fileToken",
		body: "binary",
		errors: ["TOKEN_INVALID", "TOKEN_EXPIRED", "DOWNLOAD_LIMIT_REACHED", "ACCESS_REVOKED"],
	},

	"GET /api/me": { tag: "me", summary: "The signed-in user", access: "user" },
	"POST /api/me/deactivate": {
		tag: "me",
		summary: "Deactivate my account: every session ends, styles stay usable, nothing new is trained; signing in again reactivates",
		access: "user",
	},
	"DELETE /api/me": {
		tag: "me",
		summary: "Delete my account and its data (the anonymised ledger, purchases and payouts are kept); not for an artist whose style others used",
		access: "user",
		errors: ["ACCOUNT_NOT_DELETABLE"],
	},
	"PATCH /api/me/profile": { tag: "profiles", summary: "Change my nickname and/or bio", access: "user", errors: ["CONFLICT"] },
	"PUT /api/me/avatar": {
		tag: "profiles",
		summary: "Set my profile picture (multipart `avatar`; resized to 256×256, metadata stripped)",
		access: "user",
		errors: ["INVALID_IMAGE_FORMAT", "IMAGE_SIZE_EXCEEDED"],
	},
	"DELETE /api/me/avatar": { tag: "profiles", summary: "Remove my profile picture", access: "user" },
	"GET /api/users/:id": {
		tag: "profiles",
		summary: "A person's public profile (nickname, role, bio, avatar, counts; never e-mail or name)",
		access: "public",
		errors: ["NOT_FOUND"],
	},
	"GET /api/me/earnings": {
		tag: "earnings",
		summary: "My earnings: balance, last 30 days by day and style, payout terms and requests",
		access: "user",
		errors: ["ARTIST_ONLY"],
	},
	"GET /api/me/payouts": { tag: "earnings", summary: "My payout requests, newest first", access: "user", errors: ["ARTIST_ONLY"] },
	"POST /api/me/payouts": {
		tag: "earnings",
		summary: "Request a payout of earned credits",
		access: "user",
		created: true,
		errors: ["ARTIST_ONLY", "INSUFFICIENT_TOKENS"],
	},
	"GET /api/me/artist-application": { tag: "artist-applications", summary: "My artist application", access: "user" },
	"POST /api/me/artist-application": { tag: "artist-applications", summary: "Apply to become an artist", access: "user", created: true, errors: ["CONFLICT"] },
	"POST /api/portraits": {
		tag: "portraits",
		summary: "Start a portrait job: its key (shown once) and the checkout",
		access: "public",
		created: true,
		errors: ["RATE_LIMITED", "PAYMENT_PROVIDER_UNAVAILABLE"],
	},
	"GET /api/portraits/:id/status": {
		tag: "portraits",
		summary: "A portrait job's status and progress (job key)",
		access: "public",
		errors: ["NOT_FOUND", "GONE"],
	},
	"POST /api/portraits/:id/verify": {
		tag: "portraits",
		summary: "Check the phone number on the result page: a session cookie for this job (1 hour)",
		access: "public",
		errors: ["NOT_FOUND", "GONE", "INVALID_STATE", "INVALID_PHONE", "PHONE_MISMATCH", "TOO_MANY_ATTEMPTS"],
	},
	"GET /api/portraits/:id/result": {
		tag: "portraits",
		summary: "The three portraits (image links valid 1 hour), the report and the recommendations (result session)",
		access: "portraitSession",
		errors: ["NOT_FOUND", "GONE", "INVALID_STATE"],
	},
	"POST /api/portraits/:id/survey": {
		tag: "portraits",
		summary: "Answer the survey once: rating 1 to 5 and an optional comment (result session)",
		access: "portraitSession",
		created: true,
		errors: ["NOT_FOUND", "GONE", "INVALID_STATE", "ALREADY_SUBMITTED"],
	},
	"POST /api/portraits/:id/phone": {
		tag: "portraits",
		summary: "Leave the phone number for the SMS (job key; after payment)",
		access: "public",
		errors: ["NOT_FOUND", "GONE", "INVALID_PHONE", "INVALID_STATE"],
	},
	"POST /api/portraits/:id/photo": {
		tag: "portraits",
		summary: "Upload the 3:4 photo (multipart `file`; job key; after the phone)",
		access: "public",
		errors: [
			"NOT_FOUND",
			"GONE",
			"INVALID_STATE",
			"INVALID_IMAGE_FORMAT",
			"IMAGE_SIZE_EXCEEDED",
			"IMAGE_TOO_SMALL",
			"INVALID_ASPECT_RATIO",
			"PAYLOAD_TOO_LARGE",
		],
	},
	"GET /api/credits": { tag: "credits", summary: "My credit balance and ledger", access: "user" },
	"POST /api/credits/purchases": {
		tag: "credits",
		summary: "Buy a credit pack",
		access: "user",
		created: true,
		errors: ["PAYMENT_PROVIDER_UNAVAILABLE", "RATE_LIMITED"],
	},
	"GET /api/credits/purchases/:id": {
		tag: "credits",
		summary: "One credit purchase (402 PAYMENT_FAILED once its payment failed)",
		access: "user",
		errors: ["PAYMENT_FAILED"],
	},
	"GET /api/usage": { tag: "video-usage", summary: "My short-video plan and its usage this period (null limits are unlimited)", access: "user" },
	"GET /api/usage/breakdown": { tag: "video-usage", summary: "My usage per resource this period and cost per month", access: "user" },
	"GET /api/plans": { tag: "video-usage", summary: "The short-video plans, their limits and prices", access: "public" },
	"POST /api/plans/checkout": {
		tag: "video-usage",
		summary: "Buy a plan (a 30-day pass, or a monthly Stripe subscription)",
		access: "user",
		created: true,
		errors: ["PAYMENT_PROVIDER_UNAVAILABLE", "RATE_LIMITED"],
	},
	"GET /api/plans/purchases/:id": { tag: "video-usage", summary: "One of my plan purchases and my usage", access: "user", errors: ["NOT_FOUND"] },
	"GET /api/admin/users/:id/plan": { tag: "video-usage", summary: "A user's plan and usage", access: "admin" },
	"PUT /api/admin/users/:id/plan": { tag: "video-usage", summary: "Set a user's plan (free removes it)", access: "admin", errors: ["NOT_FOUND"] },
	"GET /api/brand-profiles": { tag: "video-library", summary: "My brand profiles", access: "user" },
	"POST /api/brand-profiles": { tag: "video-library", summary: "Create a brand profile (tone, colours, font, voice, audience)", access: "user", created: true },
	"GET /api/brand-profiles/:id": { tag: "video-library", summary: "One of my brand profiles", access: "user" },
	"PATCH /api/brand-profiles/:id": { tag: "video-library", summary: "Change one of my brand profiles", access: "user" },
	"DELETE /api/brand-profiles/:id": { tag: "video-library", summary: "Delete one of my brand profiles (its projects keep going without it)", access: "user" },
	"GET /api/templates": { tag: "video-library", summary: "The built-in templates and mine", access: "user" },
	"POST /api/templates": { tag: "video-library", summary: "Create a template (2–12 scenes lasting 15–60 s in all)", access: "user", created: true },
	"GET /api/templates/:id": { tag: "video-library", summary: "One template: a built-in or mine", access: "user" },
	"PATCH /api/templates/:id": { tag: "video-library", summary: "Change my template (built-ins are read-only: 403)", access: "user" },
	"DELETE /api/templates/:id": { tag: "video-library", summary: "Delete my template (built-ins are read-only: 403)", access: "user" },
	"POST /api/templates/:id/duplicate": { tag: "video-library", summary: "Copy a built-in or my template into a new one", access: "user", created: true },
	"POST /api/templates/:id/use": { tag: "video-library", summary: "Start a draft project with the template", access: "user", created: true },
	"GET /api/assets": { tag: "video-library", summary: "My asset library, filtered by folder, tag, name and type, paged", access: "user" },
	"POST /api/assets": {
		tag: "video-library",
		summary: "Upload files to my library (multipart `files`, `folder`, `tags`; PNG, JPEG, WebP, WAV, MP3, MP4 by their bytes; 20 MB each)",
		access: "user",
		created: true,
		errors: ["VALIDATION_FAILED", "PAYLOAD_TOO_LARGE", "PLAN_LIMIT_REACHED"],
	},
	"POST /api/assets/generate": {
		tag: "video-library",
		summary: "Generate an image into my library (202 with the job; the image lands when it succeeds)",
		access: "user",
		errors: ["PLAN_LIMIT_REACHED", "GPU_GATEWAY_UNAVAILABLE"],
	},
	"GET /api/assets/:id": { tag: "video-library", summary: "One of my assets", access: "user" },
	"PATCH /api/assets/:id": { tag: "video-library", summary: "Rename, move or tag one of my assets", access: "user" },
	"DELETE /api/assets/:id": { tag: "video-library", summary: "Delete one of my assets and its file", access: "user" },
	"GET /api/assets/:id/file": {
		tag: "video-library",
		summary: "The file of one of my assets (Range supported)",
		access: "user",
		body: "binary",
		errors: ["RANGE_NOT_SATISFIABLE"],
	},
	"HEAD /api/assets/:id/file": { tag: "video-library", summary: "Headers of one of my assets' file", access: "user", body: "binary" },
	"GET /api/notifications": { tag: "notifications", summary: "My notifications", access: "user" },
	"POST /api/notifications/:id/read": { tag: "notifications", summary: "Mark one notification read", access: "user" },
	"POST /api/notifications/read": { tag: "notifications", summary: "Mark all notifications read", access: "user" },
	"GET /api/progress": {
		tag: "progress",
		summary: "Progress events as Server-Sent Events",
		access: "progressToken",
		errors: ["TOKEN_INVALID", "TOKEN_EXPIRED"],
	},
	"GET /api/progress/ws": {
		tag: "progress",
		summary: "Progress events over a WebSocket",
		access: "progressToken",
		body: "websocket",
		errors: ["TOKEN_INVALID", "TOKEN_EXPIRED", "UPGRADE_REQUIRED"],
	},
	"GET /api/feed": {
		tag: "community",
		summary: "The public feed: images newest first, with likes and comments (liked_by_me signed in)",
		access: "userOrPublic",
	},
	"GET /api/search": {
		tag: "community",
		summary: "Search styles (title, tag), artists (nickname) and public images; recent or popular",
		access: "userOrPublic",
	},
	"POST /api/projects/:id/generate-all": {
		tag: "video-pipeline",
		summary: "Make the project's video: script, images, voice, composition, QA (a failed run resumes at its failed step)",
		access: "user",
		errors: ["NOT_FOUND", "CONFLICT", "RATE_LIMITED", "PLAN_LIMIT_REACHED"],
	},
	"POST /api/projects/:id/generate-script": {
		tag: "video-pipeline",
		summary: "Write the project's script alone (clears the scenes, voice and video made from the old one)",
		access: "user",
		errors: ["NOT_FOUND", "CONFLICT", "RATE_LIMITED", "PLAN_LIMIT_REACHED"],
	},
	"POST /api/projects/:id/generate-images": {
		tag: "video-pipeline",
		summary: "Make the scenes' images alone (needs the script)",
		access: "user",
		errors: ["NOT_FOUND", "CONFLICT", "RATE_LIMITED", "PLAN_LIMIT_REACHED"],
	},
	"POST /api/projects/:id/generate-voice": {
		tag: "video-pipeline",
		summary: "Make the voice-over and subtitles alone (needs the scenes)",
		access: "user",
		errors: ["NOT_FOUND", "CONFLICT", "RATE_LIMITED", "PLAN_LIMIT_REACHED"],
	},
	"POST /api/projects/:id/compose-video": {
		tag: "video-pipeline",
		summary: "Compose the video and run its QA (needs the images and the voice)",
		access: "user",
		errors: ["NOT_FOUND", "CONFLICT", "RATE_LIMITED", "PLAN_LIMIT_REACHED"],
	},
	"POST /api/projects/:id/scenes/:position/regenerate": {
		tag: "video-pipeline",
		summary: "Make one scene's image again with a fresh seed (clears the video)",
		access: "user",
		errors: ["NOT_FOUND", "CONFLICT", "RATE_LIMITED", "PLAN_LIMIT_REACHED"],
	},
	"GET /api/projects/:id/generation-status/:jobId": {
		tag: "video-pipeline",
		summary: "A run's status, progress (0-100) and current step; the project once completed",
		access: "user",
		errors: ["NOT_FOUND"],
	},
	"GET /api/projects/:id/runs": { tag: "video-pipeline", summary: "The project's runs, newest first", access: "user", errors: ["NOT_FOUND"] },
	"GET /api/generations": {
		tag: "generations",
		summary: "My generations (a failed one's error.code is GENERATION_FAILED, error.reason the detail)",
		access: "user",
	},
	"GET /api/generations/:id": {
		tag: "generations",
		summary: "One generation (public ones to anyone; a failed one's error.code is GENERATION_FAILED)",
		access: "userOrPublic",
	},
	"POST /api/generations/:id/visibility": { tag: "generations", summary: "Share or hide a generation", access: "user" },
	"POST /api/generations/:id/like": {
		tag: "community",
		summary: "Like a public image",
		access: "user",
		created: true,
		errors: ["DUPLICATE_LIKE", "NOT_FOUND"],
	},
	"DELETE /api/generations/:id/like": { tag: "community", summary: "Take a like back", access: "user", errors: ["NOT_FOUND"] },
	"GET /api/generations/:id/comments": {
		tag: "community",
		summary: "A public image's comments (newest first, replies oldest first)",
		access: "userOrPublic",
		errors: ["NOT_FOUND"],
	},
	"POST /api/generations/:id/comments": {
		tag: "community",
		summary: "Comment on a public image, or reply to a comment",
		access: "user",
		created: true,
		errors: ["REPLY_DEPTH_EXCEEDED", "NOT_FOUND", "RATE_LIMITED"],
	},
	"PATCH /api/comments/:id": { tag: "community", summary: "Edit my comment", access: "user", errors: ["NOT_FOUND"] },
	"DELETE /api/comments/:id": { tag: "community", summary: "Delete my comment (its place stays, the body is erased)", access: "user", errors: ["NOT_FOUND"] },
	"POST /api/comments/:id/hide": {
		tag: "community",
		summary: "Hide a comment (the image's artist or owner; admins with their key or session)",
		access: "user",
		errors: ["NOT_FOUND"],
	},
	"POST /api/comments/:id/unhide": { tag: "community", summary: "Show a hidden comment again", access: "user", errors: ["NOT_FOUND"] },
	"POST /api/users/:id/follow": {
		tag: "community",
		summary: "Follow a user",
		access: "user",
		created: true,
		errors: ["SELF_FOLLOW_NOT_ALLOWED", "DUPLICATE_FOLLOW", "NOT_FOUND"],
	},
	"DELETE /api/users/:id/follow": { tag: "community", summary: "Stop following a user", access: "user", errors: ["NOT_FOUND"] },
	"GET /api/users/:id/followers": { tag: "community", summary: "A user's followers, newest first", access: "public", errors: ["NOT_FOUND"] },
	"GET /api/users/:id/following": { tag: "community", summary: "Whom a user follows, newest first", access: "public", errors: ["NOT_FOUND"] },
	"POST /api/styles/:id/generations": {
		tag: "generations",
		summary: "Generate images with a style (spends credits)",
		access: "user",
		created: true,
		errors: ["INSUFFICIENT_TOKENS", "STYLE_NOT_READY", "RATE_LIMITED", "GPU_GATEWAY_UNAVAILABLE"],
	},
	"GET /api/styles": { tag: "styles", summary: "Style marketplace", access: "public" },
	"POST /api/styles": {
		tag: "styles",
		summary: "Create a style",
		access: "user",
		created: true,
		errors: ["ARTIST_ONLY", "STYLE_LIMIT_REACHED", "ACCOUNT_DEACTIVATED"],
	},
	"GET /api/styles/:id": { tag: "styles", summary: "One style", access: "userOrPublic" },
	"PATCH /api/styles/:id": { tag: "styles", summary: "Edit my style", access: "user", errors: ["ARTIST_ONLY", "CONFLICT"] },
	"DELETE /api/styles/:id": { tag: "styles", summary: "Delete my style", access: "user", errors: ["ARTIST_ONLY", "STYLE_NOT_DELETABLE"] },
	"PUT /api/styles/:id/signature": {
		tag: "styles",
		summary: "Set my style's signature image",
		access: "user",
		errors: ["ARTIST_ONLY", "INVALID_IMAGE_FORMAT", "IMAGE_SIZE_EXCEEDED"],
	},
	"GET /api/styles/:id/images": { tag: "styles", summary: "Training images of my style", access: "user", errors: ["ARTIST_ONLY"] },
	"POST /api/styles/:id/images": {
		tag: "styles",
		summary: "Upload training images (multipart)",
		access: "user",
		created: true,
		errors: ["ARTIST_ONLY", "INVALID_IMAGE_FORMAT", "IMAGE_SIZE_EXCEEDED", "CONFLICT"],
	},
	"GET /api/styles/:id/images/:imageId": { tag: "styles", summary: "One style image", access: "userOrPublic", body: "binary" },
	"DELETE /api/styles/:id/images/:imageId": { tag: "styles", summary: "Delete a training image", access: "user", errors: ["ARTIST_ONLY", "CONFLICT"] },
	"POST /api/styles/:id/train": {
		tag: "styles",
		summary: "Train my style",
		access: "user",
		errors: ["ARTIST_ONLY", "CONFLICT", "TRAINING_FAILED", "GPU_GATEWAY_UNAVAILABLE", "ACCOUNT_DEACTIVATED"],
	},
	"GET /api/styles/:id/packs": { tag: "styles", summary: "Style packs made from my style", access: "user", errors: ["ARTIST_ONLY"] },
	"POST /api/styles/:id/packs": {
		tag: "styles",
		summary: "Make a template pack from a style",
		access: "admin",
		created: true,
		errors: ["STYLE_NOT_READY", "CONFLICT"],
	},

	"GET /openapi.json": { tag: "docs", summary: "This OpenAPI document", access: "public" },
};