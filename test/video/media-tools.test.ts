import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { GATEWAY_UNREACHABLE, mediaToolsStatus } from "../../src/gpu/media-tools";

const INSTALL = "apt-get install -y ffmpeg espeak-ng fonts-noto-cjk";

/** A gateway answering `body` on /healthz (the fake is shared, so other answers are played here). */
function answering(body: unknown, status = 200): typeof fetch {
	return async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

describe("mediaToolsStatus", () => {
	it("reads the gateway's /healthz", async () => {
		expect(await mediaToolsStatus({ url: env.GPU_GATEWAY_URL })).toEqual({ ready: true, missing: [], install: INSTALL });
	});

	it("passes on what the gateway lacks, and reads a gateway that is down, failing or too old as not ready", async () => {
		const missing = { ready: false, missing: ["ffmpeg", "espeak-ng"], install: INSTALL };
		expect(await mediaToolsStatus({ url: "http://gw.test" }, { fetch: answering({ ok: true, media: missing }) })).toEqual(missing);
		expect(await mediaToolsStatus({ url: "http://127.0.0.1:9" })).toEqual(GATEWAY_UNREACHABLE);
		expect(await mediaToolsStatus({ url: "http://gw.test" }, { fetch: answering({ ok: true }) })).toEqual(GATEWAY_UNREACHABLE);
		expect(await mediaToolsStatus({ url: "http://gw.test" }, { fetch: answering({ error: "x" }, 500) })).toEqual(GATEWAY_UNREACHABLE);
		expect(GATEWAY_UNREACHABLE).toEqual({ ready: false, missing: ["gpu-gateway"], install: "npm start starts it" });
	});
});
