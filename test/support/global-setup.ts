import type { TestProject } from "vitest/node";
import { startDevIssuer } from "../../scripts/dev-oidc/issuer.ts";
import { startFakeCafe24 } from "./fakes/cafe24-server.ts";
import { startFakeCoolSms } from "./fakes/coolsms-server.ts";
import { startFakeGpuGateway } from "./fakes/gpu-gateway-server.ts";
import { startFakeLlm } from "./fakes/llm-server.ts";
import { startFakeMail } from "./fakes/mail-server.ts";
import { startFakePortOne } from "./fakes/portone-server.ts";
import { startFakeStripe } from "./fakes/stripe-server.ts";
import { startFakeYoutube } from "./fakes/youtube-server.ts";

/** Starts the local fakes of outside services once for the whole run. */
export default async function setup(project: TestProject) {
	// vitest.config.ts picked the gateway's port and secret, since the Worker's bindings name them.
	const gpuSecret = process.env.TEST_GPU_GATEWAY_SECRET ?? "";
	// The real development issuer, on the port the Worker's OIDC_ISSUER names; a second one signs
	// every ID token with a nonce of its own, for the end-to-end refusal test.
	const oidcClient = { clientId: process.env.TEST_OIDC_CLIENT_ID ?? "", clientSecret: process.env.TEST_OIDC_CLIENT_SECRET ?? "" };
	const [llm, stripe, mail, gpu, oidc, oidcTampered] = await Promise.all([
		startFakeLlm(),
		startFakeStripe(),
		startFakeMail(),
		startFakeGpuGateway(gpuSecret, Number(process.env.TEST_GPU_GATEWAY_PORT ?? "0")),
		startDevIssuer({ ...oidcClient, port: Number(process.env.TEST_OIDC_ISSUER_PORT ?? "0") }),
		startDevIssuer({ ...oidcClient, tamper: "nonce" }),
	]);
	// Started apart from the others, so an edit of one list never touches the other.
	const coolsms = await startFakeCoolSms();
	project.provide("coolsmsApiBase", coolsms.url);
	// PortOne's fake knows one store; the tests build their PortOne configuration from `portone`.
	const portoneSettings = {
		apiSecret: "test-portone-api-secret-0123456789",
		storeId: "store-00000000-0000-0000-0000-000000000000",
		channelKey: "channel-key-00000000-0000-0000-0000-000000000000",
		webhookSecret: `whsec_${Buffer.from("test-portone-webhook-secret-0123456789").toString("base64")}`,
	};
	const portone = await startFakePortOne(portoneSettings);
	project.provide("portone", { ...portoneSettings, apiBase: portone.url });
	project.provide("llmUrl", llm.url);
	project.provide("gpuGatewayUrl", gpu.url);
	project.provide("stripeApiBase", stripe.url);
	project.provide("mailApiUrl", mail.url);
	project.provide("oidcIssuerUrl", oidc.issuer);
	project.provide("oidcTamperedIssuerUrl", oidcTampered.issuer);
	// Cafe24's fake: one server, every mall under its own path (the adapter's `apiBase` has `{mall_id}`).
	const cafe24 = await startFakeCafe24();
	project.provide("cafe24ApiBase", cafe24.apiBase);
	// Google OAuth and the YouTube Data API, on one base (YOUTUBE_API_BASE keeps Google's paths).
	const youtube = await startFakeYoutube();
	project.provide("youtubeApiBase", youtube.url);
	return async () => {
		await youtube.close();
		await cafe24.close();
		await portone.close();
		await coolsms.close();
		await Promise.all([llm.close(), stripe.close(), mail.close(), gpu.close(), oidc.close(), oidcTampered.close()]);
	};
}
