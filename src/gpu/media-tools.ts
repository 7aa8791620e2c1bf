import { z } from "zod";

/** Whether the gateway can speak and compose videos, and what an operator installs when it cannot. */
export type MediaToolsStatus = { ready: boolean; missing: string[]; install: string };

/** The `media` part of the gateway's `GET /healthz` (gpu-gateway/src/app.ts). */
const HealthBody = z.object({
	media: z.object({ ready: z.boolean(), missing: z.array(z.string().max(64)).max(20), install: z.string().max(200) }),
});

/** What the pages show when the gateway does not answer: it is started by `npm start`. */
export const GATEWAY_UNREACHABLE: MediaToolsStatus = { ready: false, missing: ["gpu-gateway"], install: "npm start starts it" };

/** A page waits this long at most; a gateway on the same machine answers in milliseconds. */
const TIMEOUT_MS = 1_500;

/**
 * Asks the gateway whether ffmpeg, espeak-ng and the CJK font are installed, so the video pages can
 * say "install ffmpeg espeak-ng fonts-noto-cjk" before a run fails on it. Never throws: a gateway
 * that is down, slow, or too old to report its tools reads as not ready.
 */
export async function mediaToolsStatus(gateway: { url: string }, options: { fetch?: typeof fetch; timeoutMs?: number } = {}): Promise<MediaToolsStatus> {
	const doFetch = options.fetch ?? fetch;
	try {
		const res = await doFetch(`${gateway.url.replace(/\/+$/, "")}/healthz`, { signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS) });
		if (!res.ok) return GATEWAY_UNREACHABLE;
		const parsed = HealthBody.safeParse(await res.json());
		return parsed.success ? parsed.data.media : GATEWAY_UNREACHABLE;
	} catch {
		return GATEWAY_UNREACHABLE;
	}
}
