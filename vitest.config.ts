import { createServer } from "node:net";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/** Shared by the Worker's bindings and the fake gateway of test/support/global-setup.ts. */
const GPU_GATEWAY_TEST_SECRET = "test-gpu-gateway-secret-0123456789abcdef";

/**
 * A free port for the fake gpu-gateway, chosen here because the Worker reads GPU_GATEWAY_URL
 * from its bindings, which are fixed before the global setup starts the fake.
 */
async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once("error", reject);
		probe.listen(0, "127.0.0.1", () => {
			const address = probe.address();
			const port = typeof address === "object" && address !== null ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

const gpuGatewayPort = await freePort();
process.env.TEST_GPU_GATEWAY_PORT = String(gpuGatewayPort);
process.env.TEST_GPU_GATEWAY_SECRET = GPU_GATEWAY_TEST_SECRET;

/** The development OIDC issuer (scripts/dev-oidc) the tests sign in with: its URL is the Worker's OIDC_ISSUER. */
const oidcIssuerPort = await freePort();
process.env.TEST_OIDC_ISSUER_PORT = String(oidcIssuerPort);
const OIDC_TEST_CLIENT = { id: "edge-factory-test", secret: "test-oidc-client-secret-0123456789" };
process.env.TEST_OIDC_CLIENT_ID = OIDC_TEST_CLIENT.id;
process.env.TEST_OIDC_CLIENT_SECRET = OIDC_TEST_CLIENT.secret;

/**
 * Workers-pool tests: the Worker runs in workerd with the bindings of wrangler.toml, D1
 * migrated from the very files `wrangler d1 migrations apply` uses. Outside services are local
 * fake servers started by test/support/global-setup.ts; their URLs reach the tests through `inject`.
 */
export default defineConfig({
	plugins: [
		cloudflareTest(async () => ({
			wrangler: { configPath: "./wrangler.toml" },
			miniflare: {
				bindings: {
					TEST_MIGRATIONS: await readD1Migrations("./migrations"),
					ADMIN_API_KEY: "test-admin-key-0123456789abcdefghijkl",
					DOWNLOAD_TOKEN_SECRET: "test-download-token-secret-0123456789",
					STRIPE_WEBHOOK_SECRET: "whsec_test_secret_0123456789abcdefghijkl",
					PAYMENT_PROVIDER: "local",
					PUBLIC_BASE_URL: "http://localhost:8787",
					ADMIN_EMAILS: "admin@example.com",
					// Tests poll the admin API and check out often from one address; the download limit
					// stays low so its 429 is reachable.
					ADMIN_RATE_LIMIT_PER_MINUTE: "100000",
					CHECKOUT_RATE_LIMIT_PER_MINUTE: "100000",
					DOWNLOAD_RATE_LIMIT_PER_MINUTE: "20",
					// Retries without waiting, so retry paths run in milliseconds.
					STAGE_RETRY_BASE_SECONDS: "0",
					// A message missing in one language must show, not quietly borrow the other's.
					I18N_FALLBACK: "off",
					GPU_GATEWAY_URL: `http://127.0.0.1:${gpuGatewayPort}`,
					GPU_GATEWAY_SECRET: GPU_GATEWAY_TEST_SECRET,
					OIDC_ISSUER: `http://127.0.0.1:${oidcIssuerPort}`,
					OIDC_CLIENT_ID: OIDC_TEST_CLIENT.id,
					OIDC_CLIENT_SECRET: OIDC_TEST_CLIENT.secret,
					// Two keys, the current first, so tokens sealed under the previous one show the lazy rotation.
					CHANNEL_TOKEN_KEYS: "k2:test-channel-token-key-two-0123456789abcdef,k1:test-channel-token-key-one-0123456789abcdef",
				},
			},
		})),
	],
	test: {
		include: ["test/**/*.test.ts"],
		exclude: ["test/node/**", "test/e2e/**"],
		globalSetup: ["./test/support/global-setup.ts"],
		setupFiles: ["./test/support/apply-migrations.ts", "./test/support/settle-queues.ts"],
		// Request and pipeline logs only for tests that fail.
		silent: "passed-only",
		testTimeout: 30_000,
		hookTimeout: 30_000,
	},
});
