// Values the global setup (Node) hands to the tests (workerd) through vitest's provide/inject.
declare module "vitest" {
	export interface ProvidedContext {
		/** Base URL of the fake OpenAI-compatible server (test/support/fakes/llm-server.ts). */
		llmUrl: string;
		/**
		 * Base URL of the fake Stripe API (test/support/fakes/stripe-server.ts), e.g. "http://127.0.0.1:1234":
		 * the `apiBase` of `stripeProvider`. Test control: `POST /__control/complete/:id`,
		 * `POST /__control/expire/:id`, `GET /__control/requests`.
		 */
		stripeApiBase: string;
		/**
		 * The fake PortOne V2 API (test/support/fakes/portone-server.ts) and the one store it knows:
		 * the settings of `portoneProvider` (`apiBase` is its URL). Control:
		 * `POST /__control/payments/:id/pay|fail|cancel` (answers the signed webhook), `GET /__control/requests`.
		 */
		portone: { apiBase: string; apiSecret: string; storeId: string; channelKey: string; webhookSecret: string };
		/**
		 * Base URL of the fake CoolSMS API (test/support/fakes/coolsms-server.ts), the `apiBase` of
		 * `coolSmsProvider`. Control: `POST /__control/fail`, `GET /__sent?to=`, `GET /__attempts?to=`.
		 */
		coolsmsApiBase: string;
		/** Base URL of the fake Resend API (test/support/fakes/mail-server.ts): MAIL_API_URL; `GET /__sent` lists mails. */
		mailApiUrl: string;
		/**
		 * Base URL of the fake gpu-gateway (test/support/fakes/gpu-gateway-server.ts), the Worker's
		 * GPU_GATEWAY_URL. Control: `PUT /__control/jobs/:id` (a GpuJobView), `PUT /__control/down/:id`.
		 */
		gpuGatewayUrl: string;
		/** The development OIDC issuer (scripts/dev-oidc/issuer.ts): the Worker's OIDC_ISSUER. */
		oidcIssuerUrl: string;
		/** A second development issuer whose ID tokens carry a nonce of its own (`tamper: "nonce"`). */
		oidcTamperedIssuerUrl: string;
		/** Base URL of the fake Google OAuth + YouTube Data API (test/support/fakes/youtube-server.ts; control under `/__control/`). */
		youtubeApiBase: string;
		/** The fake Cafe24 API (test/support/fakes/cafe24-server.ts) with `{mall_id}` in it; control under `<origin>/__control/`. */
		cafe24ApiBase: string;
	}
}

export {};
