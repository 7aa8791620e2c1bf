import type { TestProject } from "vitest/node";
import { startFakeLlm } from "./fakes/llm-server.ts";
import { startFakeMail } from "./fakes/mail-server.ts";
import { startFakeStripe } from "./fakes/stripe-server.ts";

/** Starts the local fakes of outside services once for the whole run. */
export default async function setup(project: TestProject) {
	const [llm, stripe, mail] = await Promise.all([startFakeLlm(), startFakeStripe(), startFakeMail()]);
	project.provide("llmUrl", llm.url);
	project.provide("stripeApiBase", stripe.url);
	project.provide("mailApiUrl", mail.url);
	return async () => {
		await Promise.all([llm.close(), stripe.close(), mail.close()]);
	};
}
