import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { inject } from "vitest";
import { app } from "../../src/app";
import type { CommerceDeps } from "../../src/commerce/deps";
import { type PortOneSettings, portoneApi } from "../../src/commerce/payments/portone-api";
import { paymentRouting } from "../../src/commerce/payments/select";
import { getDb } from "../../src/db/client";
import { products } from "../../src/db/schema";
import { testCommerce } from "./commerce-helpers";

/** The settings of the fake PortOne's one store (test/support/global-setup.ts). */
export function portoneSettings(overrides: Partial<PortOneSettings> = {}): PortOneSettings {
	const fake = inject("portone");
	return {
		apiSecret: fake.apiSecret,
		storeId: fake.storeId,
		channelKey: fake.channelKey,
		webhookSecret: fake.webhookSecret,
		apiBase: fake.apiBase,
		...overrides,
	};
}

/** The PORTONE_* bindings of the fake's store, for an app of its own (vitest.config.ts leaves them unset). */
export function portoneBindings(): Record<string, string> {
	const settings = portoneSettings();
	return {
		PORTONE_API_SECRET: settings.apiSecret,
		PORTONE_STORE_ID: settings.storeId,
		PORTONE_CHANNEL_KEY: settings.channelKey,
		PORTONE_WEBHOOK_SECRET: settings.webhookSecret,
		PORTONE_API_BASE: settings.apiBase ?? "",
	};
}

/** A request to the app with PortOne configured (its own parsed configuration). */
export async function portoneApp(path: string, init: RequestInit = {}): Promise<Response> {
	const ctx = createExecutionContext();
	const res = await app.fetch(new Request(`http://localhost:8787${path}`, { redirect: "manual", ...init }), { ...env, ...portoneBindings() }, ctx);
	await waitOnExecutionContext(ctx);
	return res;
}

/** Commerce with PortOne configured next to the test's provider (`local` unless overridden). */
export async function portoneCommerce(overrides: Partial<CommerceDeps> = {}, settings: PortOneSettings = portoneSettings()): Promise<CommerceDeps> {
	const base = await testCommerce(overrides);
	return { ...base, ...paymentRouting(base.payments, { api: portoneApi(settings), baseUrl: base.config.baseUrl }) };
}

/** Makes a published product a KRW one (₩9,900): what a Korean buyer pays for. */
export async function makeKrw(productId: string, price = 9900): Promise<void> {
	await getDb(env.DB).update(products).set({ currency: "krw", priceCents: price }).where(eq(products.id, productId));
}

/** A signed webhook delivery the fake answered with. */
export type Delivery = { headers: Record<string, string>; body: string };

/** Drives the fake as the buyer or PortOne's console would; returns the payment and its signed webhook. */
export async function portoneControl(paymentId: string, action: "pay" | "fail" | "cancel", params: Record<string, unknown> = {}) {
	const res = await fetch(`${portoneSettings().apiBase}/__control/payments/${encodeURIComponent(paymentId)}/${action}`, {
		method: "POST",
		headers: { "Content-Type": "application/json" },
		body: JSON.stringify(params),
	});
	if (res.status !== 200) throw new Error(`fake PortOne ${action} ${paymentId}: ${res.status} ${await res.text()}`);
	return (await res.json()) as { payment: Record<string, unknown> & { status: string }; webhook: Delivery };
}

/** The API requests the fake received for one payment. */
export async function portoneRequests(paymentId: string) {
	const res = await fetch(`${portoneSettings().apiBase}/__control/requests`);
	const all = (await res.json()) as { method: string; path: string; authorized: boolean; body: unknown; status: number }[];
	return all.filter((request) => request.path.startsWith(`/payments/${encodeURIComponent(paymentId)}`));
}

/** Posts a delivery to `POST /webhooks/portone` of an app with PortOne configured. */
export function postPortoneWebhook(delivery: Delivery): Promise<Response> {
	return portoneApp("/webhooks/portone", { method: "POST", headers: { "Content-Type": "application/json", ...delivery.headers }, body: delivery.body });
}
