import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { clientInfo } from "../commerce/client";
import {
	authorizeRedeem,
	type GrantAccess,
	inspectDownloadLink,
	newDownloadTrace,
	recordDownloadAttempt,
	redeemDownloadLink,
	refusal,
} from "../commerce/downloads";
import { enforceRateLimit } from "../lib/rate-limit";
import { validate } from "../lib/validate";
import { DownloadLandingPage } from "../views/download";
import { renderPage } from "./render-page";

const TokenParams = z.object({ token: z.string().min(10).max(2048) });

/**
 * `/download/:token`, the link in the buyer's mail (API.md "Downloads"). Both are rate-limited
 * per client network; every attempt whose token verifies is a row of the download log with its
 * grant and order, allowed or denied; other refusals are counted in aggregate
 * (`recordDownloadAttempt`).
 * - `GET`: a landing page; spends nothing (mail scanners pre-fetch links).
 * - `POST`: spends one use (or reuses the client's open session) → 303 to `/files/:session`.
 */
export const downloadPages = new Hono<AppEnv>()
	.get("/:token", validate("param", TokenParams), async (c) => {
		const deps = c.var.deps.commerce;
		const client = await clientInfo(c, deps.clientHashKey);
		const { token } = c.req.valid("param");
		const trace = newDownloadTrace();
		let access: GrantAccess;
		try {
			await enforceRateLimit(deps.limiter, `ip:${client.ipHash}`, deps.config.landingLimit, deps.now().getTime());
			access = await inspectDownloadLink(deps, token, trace);
		} catch (err) {
			await recordDownloadAttempt(deps, { action: "landing", client, access: trace.access, ...refusal(err) });
			throw err;
		}
		await recordDownloadAttempt(deps, { action: "landing", client, status: 200, reason: "landing_page", access });
		const { grant } = access;
		c.header("Cache-Control", "no-store");
		return renderPage(
			c,
			<DownloadLandingPage
				fileName={grant.fileName}
				size={grant.packageSize}
				usesLeft={Math.max(0, grant.maxDownloads - grant.downloadsUsed)}
				maxDownloads={grant.maxDownloads}
				expiresAt={grant.expiresAt}
				token={token}
			/>,
		);
	})
	.post("/:token", validate("param", TokenParams), async (c) => {
		const deps = c.var.deps.commerce;
		const client = await clientInfo(c, deps.clientHashKey);
		const trace = newDownloadTrace();
		try {
			await enforceRateLimit(deps.limiter, `ip:${client.ipHash}`, deps.config.downloadLimit, deps.now().getTime());
			const access = await authorizeRedeem(deps, c.req.valid("param").token, trace);
			const session = await redeemDownloadLink(deps, c.req.valid("param").token, client, access);
			await recordDownloadAttempt(deps, {
				action: "redeem",
				client,
				status: 303,
				reason: session.reused ? "reused_session" : "new_session",
				access,
				sessionId: session.sessionId,
			});
			c.header("Cache-Control", "no-store");
			return c.redirect(`/files/${session.fileToken}`, 303);
		} catch (err) {
			await recordDownloadAttempt(deps, { action: "redeem", client, access: trace.access, ...refusal(err) });
			throw err;
		}
	});
