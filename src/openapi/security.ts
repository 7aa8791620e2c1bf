import type { Access } from "./operations";

/** How callers prove who they are (src/admin/admin-auth.ts, src/accounts/guards.ts, src/routes/webhooks-api.ts, src/routes/gpu-internal-api.ts). */
export const SECURITY_SCHEMES = {
	adminKey: { type: "http", scheme: "bearer", description: "`Authorization: Bearer <ADMIN_API_KEY>`" },
	userSession: {
		type: "apiKey",
		in: "cookie",
		name: "session",
		description:
			"The signed-in user's session cookie. Requests that change state must also send the session's CSRF token as `X-CSRF-Token` (or form field `_csrf`) and come from this site's origin.",
	},
	csrfToken: {
		type: "apiKey",
		in: "header",
		name: "X-CSRF-Token",
		description: "The session's CSRF token, required with the cookie on POST/PUT/PATCH/DELETE.",
	},
	orderKey: { type: "apiKey", in: "query", name: "key", description: "The buyer's order key from the checkout result." },
	stripeSignature: { type: "apiKey", in: "header", name: "Stripe-Signature", description: "Stripe's webhook signature over the raw body." },
	gpuWebhookSignature: {
		type: "apiKey",
		in: "header",
		name: "webhook-signature",
		description: "Standard Webhooks signature from the GPU gateway, with the `webhook-id` and `webhook-timestamp` headers.",
	},
	portoneWebhookSignature: {
		type: "apiKey",
		in: "header",
		name: "webhook-signature",
		description: "PortOne's Standard Webhooks signature (PORTONE_WEBHOOK_SECRET), with the `webhook-id` and `webhook-timestamp` headers.",
	},
	gpuGatewayToken: { type: "http", scheme: "bearer", description: "The GPU gateway's shared secret as a bearer token." },
	progressToken: { type: "apiKey", in: "query", name: "token", description: "A short-lived progress token." },
	portraitSession: {
		type: "apiKey",
		in: "cookie",
		name: "rizz_{id}",
		description: "The result session of one portrait job (`rizz_` and the job id), set by `POST /api/portraits/:id/verify` for one hour.",
	},
	fileToken: { type: "http", scheme: "bearer", description: "Not a header: the signed token is the last path segment of the download link." },
} as const;

export const SECURITY_FOR_ACCESS: Record<Access, Record<string, string[]>[]> = {
	public: [],
	admin: [{ adminKey: [] }],
	user: [{ userSession: [], csrfToken: [] }],
	userOrPublic: [{}, { userSession: [] }],
	buyer: [{ orderKey: [] }],
	adminOrBuyer: [{ adminKey: [] }, { orderKey: [] }],
	stripe: [{ stripeSignature: [] }],
	portone: [{ portoneWebhookSignature: [] }],
	gpuWebhook: [{ gpuWebhookSignature: [] }],
	gpuBearer: [{ gpuGatewayToken: [] }],
	progressToken: [{ progressToken: [] }],
	portraitSession: [{ portraitSession: [] }],
	fileToken: [],
};
