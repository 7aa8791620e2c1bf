import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { jobProgressStub, ownerJobProgress } from "../gpu/progress";
import { verifyProgressToken } from "../gpu/progress-token";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";

/** The owner's progress token, minted by the page that shows the jobs. */
const TokenQuery = z.object({ token: z.string().min(1).max(2048) });

/**
 * `/api/progress`: live GPU job progress for browsers, authorised by a short-lived progress
 * token scoped to one owner (src/gpu/progress-token.ts), so a page can show its owner's jobs
 * and nobody else's. Responses are never cached: they change every second.
 */
export const progressApi = new Hono<AppEnv>()
	.get("/ws", validate("query", TokenQuery), async (c) => {
		// 426 (with the protocol to switch to) before any crypto: a plain GET here is a client bug.
		if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
			throw new AppError(426, "UPGRADE_REQUIRED", "This endpoint speaks WebSocket only; poll GET /api/progress instead.", { Upgrade: "websocket" });
		}
		const { keys, gpu, now } = c.var.deps;
		const owner = await verifyProgressToken(keys.progress, c.req.valid("query").token, now());
		// A fresh request: the token (in the URL) and the browser's cookies stay at the edge.
		return jobProgressStub(gpu.progress, owner).fetch("https://job-progress.internal/ws", {
			headers: { Upgrade: "websocket", "X-Request-Id": c.var.requestId },
		});
	})
	.get("/", validate("query", TokenQuery), async (c) => {
		const { keys, db, now } = c.var.deps;
		const owner = await verifyProgressToken(keys.progress, c.req.valid("query").token, now());
		const jobs = await ownerJobProgress(db, owner);
		return c.json({ jobs }, 200, { "Cache-Control": "no-store" });
	});
