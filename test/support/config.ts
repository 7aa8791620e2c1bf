import { type AppConfig, parseConfig } from "../../src/config/settings";

/** The smallest valid set of variables: loopback URLs, the local provider, secrets of 32+ characters. */
export const VALID_VARS: Record<string, string> = {
	PUBLIC_BASE_URL: "http://127.0.0.1:8787",
	ADMIN_API_KEY: "admin-key-0123456789abcdefghijklmnopqrstuv",
	DOWNLOAD_TOKEN_SECRET: "download-secret-0123456789abcdefghijklmnop",
	STRIPE_WEBHOOK_SECRET: "whsec_0123456789abcdefghijklmnopqrstuvwxyz",
	PAYMENT_PROVIDER: "local",
	GPU_GATEWAY_URL: "http://127.0.0.1:8788",
	GPU_GATEWAY_SECRET: "gateway-secret-0123456789abcdefghijklmnopq",
};

/** The parsed configuration of the valid variables with `changes` on top; throws when it does not parse. */
export function configWith(changes: Record<string, string | undefined>): AppConfig {
	const result = parseConfig({ ...VALID_VARS, ...changes });
	if (!result.ok) throw new Error(`unexpected config problems: ${JSON.stringify(result.problems)}`);
	return result.config;
}

/** The variables named by the problems of the valid variables with `changes` on top ([] when it parses). */
export function problemsWith(changes: Record<string, string | undefined>): { variable: string; problem: string }[] {
	const result = parseConfig({ ...VALID_VARS, ...changes });
	return result.ok ? [] : result.problems;
}
