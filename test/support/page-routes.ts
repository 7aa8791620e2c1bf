import { expect } from "vitest";
import { app } from "../../src/app";
import { buyerOrder, checkout, paidOrder, pathOf, publishedProduct, redeem } from "./commerce-helpers";
import { generate, seedStyle } from "./generation-helpers";
import { ADMIN_KEY, api, testAppDeps } from "./helpers";
import { storeCompletedJob } from "./portrait-result-helpers";
import { bytesUpload, connectSandboxChannel } from "./sandbox-helpers";
import { createStyleVia } from "./style-helpers";
import { createTestUser } from "./user-helpers";

/** Machine routes: JSON, callbacks, uploads to the gateway; every other GET route is a page. */
const NOT_PAGES = /^\/(api|internal|webhooks|healthz|__bench)(\/|$)/;

/** Everything a page needs to render for real rather than as an error: a product, an order, a link, a style, sessions. */
export async function pageFixtures() {
	const { product } = await publishedProduct("security headers topic");
	const bought = await paidOrder(product.id);
	const view = await buyerOrder(bought.orderId, bought.key);
	const link = pathOf(view.items[0]?.download_url ?? "");
	const session = (await redeem(link, "198.51.100.40")).headers.get("Location") ?? "";
	const unpaid = await checkout(product.id);
	const artist = await createTestUser({ role: "artist", credits: 100 });
	const style = await createStyleVia(artist);
	// A trained style (its public page and generate form) and one generation of it.
	const trained = await seedStyle();
	const queued = await generate(artist, trained.id, { prompt: "a fox in the snow" });
	expect(queued.status).toBe(202);
	const generation = ((await queued.json()) as { generation: { id: string } }).generation;
	const login = await api("/admin/login", {
		method: "POST",
		auth: null,
		headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:8787", "CF-Connecting-IP": "198.51.100.41" },
		body: new URLSearchParams({ key: ADMIN_KEY }).toString(),
	});
	const admin = /ef_admin=([^;]+)/.exec(login.headers.get("Set-Cookie") ?? "")?.[1] ?? "";
	expect(admin).not.toBe("");
	// A portrait job (its pages need the key the creation shows once).
	const portrait = await api("/api/portraits", { method: "POST", auth: null, json: {}, headers: { "CF-Connecting-IP": "198.51.100.42" } });
	expect(portrait.status).toBe(201);
	const started = (await portrait.json()) as { job: { id: string }; job_key: string };
	const portraitQuery = `?key=${encodeURIComponent(started.job_key)}`;
	// A completed portrait job: its result page asks for the phone number.
	const completedPortrait = await storeCompletedJob();
	// A sandbox shop holding the product and a sandbox channel holding a video: their pages.
	const channels = (await testAppDeps()).channels;
	const shop = await connectSandboxChannel(channels, { kind: "shop" });
	const sandboxSession = (sandbox: typeof shop) => ({ channelId: sandbox.channel.id, externalId: sandbox.account, accessToken: sandbox.tokens.accessToken });
	await channels.adapters.get("local").shop?.pushProduct(
		sandboxSession(shop),
		{
			productId: product.id,
			createKey: `EF-${product.id}`,
			name: product.title,
			description: "",
			priceCents: 1500,
			currency: "usd",
			display: true,
			selling: true,
			stock: null,
			url: "",
		},
		null,
	);
	const channel = await connectSandboxChannel(channels, { kind: "video", userId: artist.user.id });
	const video = await channels.adapters
		.get("local")
		.video?.uploadVideo(sandboxSession(channel), bytesUpload(new Uint8Array([0, 0, 0, 24]), { title: "샌드박스 영상" }));
	const paths: Record<string, string> = {
		"/products/:slug": `/products/${product.slug}`,
		"/products/:slug/preview/*": `/products/${product.slug}/preview/index.html`,
		"/orders/:id": `/orders/${bought.orderId}?key=${encodeURIComponent(bought.key)}`,
		"/local-pay/:id": `/local-pay/${unpaid.sessionId}`,
		"/download/:token": link,
		"/files/:token": session,
		"/studio/styles/:id/packs": `/studio/styles/${style.id}/packs`,
		"/studio/styles/:id": `/studio/styles/${style.id}`,
		"/studio/styles/:id/signature": `/studio/styles/${style.id}/signature`,
		"/styles/:slug": `/styles/ink-fox-${trained.id.slice(-12)}`,
		"/generations/:id": `/generations/${generation.id}`,
		"/admin/products/:id": `/admin/products/${product.id}`,
		"/admin/products/:id/channels": `/admin/products/${product.id}/channels`,
		"/sandbox/shops/:account": `/sandbox/shops/${shop.account}`,
		"/sandbox/channels/:account": `/sandbox/channels/${channel.account}`,
		"/sandbox/channels/:account/videos/:id": `/sandbox/channels/${channel.account}/videos/${video?.externalId}`,
		"/admin/orders/:id": `/admin/orders/${bought.orderId}`,
		"/portraits/:id": `/portraits/${started.job.id}${portraitQuery}`,
		"/portraits/:id/upload": `/portraits/${started.job.id}/upload${portraitQuery}`,
		"/result/:id": `/result/${completedPortrait.id}`,
		"/users/:id": `/users/${artist.user.id}`,
		"/users/:id/followers": `/users/${artist.user.id}/followers`,
		"/users/:id/following": `/users/${artist.user.id}/following`,
	};
	return { paths, cookie: `${artist.cookie}; ef_admin=${admin}` };
}

/** Every GET route of the app that is not a machine route, with its parameters filled in. */
export function pageRoutes(paths: Record<string, string>): string[] {
	const routes = new Set(app.routes.filter((route) => route.method === "GET" && !NOT_PAGES.test(route.path)).map((route) => route.path));
	return [...routes].map((route) => paths[route] ?? route.replace(/:\w+(\{[^}]*\})?/g, "x1").replace(/\*/g, "x"));
}
