import type { TestProject } from "vitest/node";
import { startFakeGpuGateway } from "./fakes/gpu-gateway-server.ts";
import { startFakeLlm } from "./fakes/llm-server.ts";
import { startFakeMail } from "./fakes/mail-server.ts";
import { startFakeStripe } from "./fakes/stripe-server.ts";

/** Starts the local fakes of outside services once for the whole run. */
export default async function setup(project: TestProject) {
	// vitest.config.ts picked the gateway's port and secret, since the Worker's bindings name them.
	const gpuSecret = process.env.TEST_GPU_GATEWAY_SECRET ?? "";
	const [llm, stripe, mail, gpu] = await Promise.all([
		startFakeLlm(),
		startFakeStripe(),
		startFakeMail(),
		startFakeGpuGateway(gpuSecret, Number(process.env.TEST_GPU_GATEWAY_PORT ?? "0")),
	]);
	project.provide("llmUrl", llm.url);
	project.provide("gpuGatewayUrl", gpu.url);
	project.provide("stripeApiBase", stripe.url);
	project.provide("mailApiUrl", mail.url);
	return async () => {
		await Promise.all([llm.close(), stripe.close(), mail.close(), gpu.close()]);
	};
}
