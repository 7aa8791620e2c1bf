import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { type CookieSessionKind, cookieName, endSession, newSession, readSession, setSessionCookie, tokenHash } from "../../src/lib/cookie-session";

const KIND: CookieSessionKind = { cookie: "ef_test", ttlMs: 2 * 60 * 60_000 };

/** A tiny app over the module: a store in a Map keyed by the hashed token, as the session tables are. */
function sessionApp() {
	const live = new Map<string, string>();
	const revoked: string[] = [];
	const app = new Hono()
		.post("/start", async (c) => {
			const { token, row } = await newSession(KIND, new Date("2030-01-01T00:00:00Z"));
			live.set(row.id, row.expiresAt);
			setSessionCookie(c, KIND, token);
			return c.json({ token, row });
		})
		.get("/me", async (c) => c.json({ expiresAt: await readSession(c, KIND, async (id) => live.get(id) ?? null) }))
		.post("/end", async (c) => {
			await endSession(c, KIND, async (id) => {
				revoked.push(id);
				live.delete(id);
			});
			return c.body(null, 204);
		});
	return { app, live, revoked };
}

describe("cookie sessions", () => {
	it("stores only the token's hash, with a CSRF token and the kind's expiry", async () => {
		const { token, row } = await newSession(KIND, new Date("2030-01-01T00:00:00Z"));
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(row.id).toBe(await tokenHash(token));
		expect(row.id).not.toContain(token);
		expect(row.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(row.csrfToken).not.toBe(token);
		expect(row).toMatchObject({ createdAt: "2030-01-01T00:00:00.000Z", expiresAt: "2030-01-01T02:00:00.000Z" });
	});

	it("names the cookie __Host- over https and plainly over http", () => {
		expect(cookieName(KIND, "https://store.test/x")).toBe("__Host-ef_test");
		expect(cookieName(KIND, "http://localhost:8787/x")).toBe("ef_test");
	});

	it("sets a Secure __Host- cookie over https, reads the session by its hash, and ends it", async () => {
		const { app, live, revoked } = sessionApp();
		const start = await app.request("https://store.test/start", { method: "POST" });
		const { token, row } = (await start.json()) as { token: string; row: { id: string; expiresAt: string } };
		expect(start.headers.get("Set-Cookie")).toBe(`__Host-ef_test=${token}; Max-Age=7200; Path=/; HttpOnly; Secure; SameSite=Lax`);

		const cookie = { Cookie: `__Host-ef_test=${token}` };
		expect(await (await app.request("https://store.test/me", { headers: cookie })).json()).toEqual({ expiresAt: row.expiresAt });
		expect(await (await app.request("https://store.test/me")).json()).toEqual({ expiresAt: null });

		const end = await app.request("https://store.test/end", { method: "POST", headers: cookie });
		expect(end.headers.get("Set-Cookie")).toMatch(/^__Host-ef_test=; Max-Age=0; Path=\/; Secure/);
		expect(revoked).toEqual([row.id]);
		expect(live.size).toBe(0);
	});

	it("sets a plain cookie without Secure over http, and ends nothing without one", async () => {
		const { app, revoked } = sessionApp();
		const start = await app.request("http://localhost/start", { method: "POST" });
		const setCookie = start.headers.get("Set-Cookie") ?? "";
		expect(setCookie).toMatch(/^ef_test=[A-Za-z0-9_-]{43}; Max-Age=7200; Path=\/; HttpOnly; SameSite=Lax$/);

		const end = await app.request("http://localhost/end", { method: "POST" });
		expect(end.headers.get("Set-Cookie")).toMatch(/^ef_test=; Max-Age=0; Path=\//);
		expect(revoked).toEqual([]);
	});
});
