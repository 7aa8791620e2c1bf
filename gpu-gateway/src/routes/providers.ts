import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { ReplicateBackend } from "../backends/replicate.ts";
import { AppError } from "../errors.ts";
import { verifyWebhook } from "../webhooks.ts";

/** Replicate posts the whole task (input, output, logs); anything past this is not a real delivery. */
const MAX_WEBHOOK_BYTES = 2 * 1024 * 1024;

/** The part of a Replicate webhook body that is read: which task it is about. */
const ReplicateWebhookBody = z.object({ id: z.string().min(1).max(128) });

/**
 * `/v1/providers`: callbacks from GPU providers. No bearer token here (providers cannot mint
 * one); each delivery is verified as a Standard Webhook instead, and only wakes the attempt
 * waiting on that task, which then re-reads the task from the provider's API.
 */
export const providersRoutes = new Hono<AppEnv>().post(
	"/replicate/webhook",
	bodyLimit({
		maxSize: MAX_WEBHOOK_BYTES,
		onError: () => {
			throw new AppError(400, "PAYLOAD_TOO_LARGE", "webhook body too large");
		},
	}),
	async (c) => {
		const backend = c.var.deps.backends.find((b) => b instanceof ReplicateBackend);
		const secret = backend?.webhookSecret;
		if (!backend || !secret) throw new AppError(404, "NOT_FOUND", "replicate webhooks are not configured");
		const body = await c.req.text();
		const headers = {
			id: c.req.header("webhook-id") ?? "",
			timestamp: c.req.header("webhook-timestamp") ?? "",
			signature: c.req.header("webhook-signature") ?? "",
		};
		// ±5 min, as the Standard Webhooks spec advises: a captured delivery cannot be replayed later.
		if (!headers.id || !verifyWebhook(secret, headers, body, Math.floor(c.var.deps.now() / 1000)))
			throw new AppError(400, "INVALID_SIGNATURE", "webhook signature or timestamp invalid");
		let json: unknown;
		try {
			json = JSON.parse(body);
		} catch {
			json = undefined;
		}
		const parsed = ReplicateWebhookBody.safeParse(json);
		if (!parsed.success) throw new AppError(400, "VALIDATION_FAILED", "webhook body is not a Replicate task");
		// 200 even when nobody waits (a late or repeated delivery): Replicate would only retry it.
		return c.json({ ok: true, woke: backend.wake(parsed.data.id) });
	},
);
