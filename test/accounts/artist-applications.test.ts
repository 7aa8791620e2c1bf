import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { requireArtist, requireUser } from "../../src/accounts/guards";
import type { AppEnv } from "../../src/app-env";
import { getDb } from "../../src/db/client";
import { artistApplications, users } from "../../src/db/schema";
import { AppError, errorBody } from "../../src/lib/errors";
import { browserGet, signInWithDevIssuer, uniqueEmail, uniqueIp } from "../support/auth-helpers";
import { ADMIN_KEY, api, type ErrorBody, testAppDeps } from "../support/helpers";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

const ORIGIN = "http://localhost:8787";
const STATEMENT = "I paint foggy harbours in layered watercolour and ink.";
type ApplicationBody = { application: { id: string; status: string; statement: string; created_at: string; decided_at: string | null } };
type Who = Pick<TestUser, "cookie" | "csrf">;

function apply(who: Who, statement = STATEMENT) {
	return userApi(who as TestUser, "/api/me/artist-application", { method: "POST", json: { statement } });
}

async function applicationsOf(userId: string) {
	return getDb(env.DB).query.artistApplications.findMany({ where: eq(artistApplications.userId, userId) });
}

async function roleOf(userId: string) {
	return (await getDb(env.DB).query.users.findFirst({ where: eq(users.id, userId) }))?.role;
}

async function meRole(cookie: string): Promise<string> {
	const res = await browserGet("/api/me", { Cookie: cookie });
	return ((await res.json()) as { user: { role: string } }).user.role;
}

/** A form post as the browser sends it from our own page. */
function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
	return exports.default.fetch(
		new Request(`${ORIGIN}${path}`, {
			method: "POST",
			redirect: "manual",
			headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Accept: "text/html", ...headers },
			body: new URLSearchParams(fields).toString(),
		}),
	);
}

/** Signs in to the dashboard with the admin key; returns the cookie and the CSRF token of its forms. */
async function adminSignIn(): Promise<{ cookie: string; csrf: string }> {
	const res = await postForm("/admin/login", { key: ADMIN_KEY }, { "CF-Connecting-IP": uniqueIp() });
	const token = /(?:^|[\s,])ef_admin=([^;]+)/.exec(res.headers.get("Set-Cookie") ?? "")?.[1];
	if (res.status !== 303 || !token) throw new Error(`admin sign-in answered ${res.status}`);
	const cookie = `ef_admin=${token}`;
	const page = await browserGet("/admin/artists", { Cookie: cookie, Accept: "text/html" });
	const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
	if (!csrf) throw new Error("no CSRF token on /admin/artists");
	return { cookie, csrf };
}

describe("applying to become an artist (API)", () => {
	it("a signed-in user applies: 201, one pending application, visible to them", async () => {
		const who = await createTestUser();
		const res = await apply(who);
		expect(res.status).toBe(201);
		const body = (await res.json()) as ApplicationBody;
		expect(body.application).toMatchObject({ status: "pending", statement: STATEMENT, decided_at: null });
		const rows = await applicationsOf(who.user.id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ id: body.application.id, status: "pending" });

		const mine = await userApi(who, "/api/me/artist-application");
		expect(mine.status).toBe(200);
		expect(await mine.json()).toEqual({ role: "user", application: body.application });
	});

	it("needs a session (401) and the CSRF token (403)", async () => {
		const anonymous = await api("/api/me/artist-application", { method: "POST", auth: null, json: { statement: STATEMENT } });
		expect(anonymous.status).toBe(401);
		const who = await createTestUser();
		const noCsrf = await exports.default.fetch(
			new Request(`${ORIGIN}/api/me/artist-application`, {
				method: "POST",
				headers: { Cookie: who.cookie, "Content-Type": "application/json" },
				body: JSON.stringify({ statement: STATEMENT }),
			}),
		);
		expect(noCsrf.status).toBe(403);
		expect(await applicationsOf(who.user.id)).toHaveLength(0);
	});

	it("the statement is 20 to 2000 characters (trimmed): 400 VALIDATION_FAILED otherwise, nothing stored", async () => {
		const who = await createTestUser();
		for (const statement of ["x".repeat(19), `   ${"x".repeat(19)}   `, "x".repeat(2001)]) {
			const res = await apply(who, statement);
			expect(res.status).toBe(400);
			expect(((await res.json()) as ErrorBody).error.code).toBe("VALIDATION_FAILED");
		}
		expect(await applicationsOf(who.user.id)).toHaveLength(0);
		expect((await apply(who, "x".repeat(20))).status).toBe(201);
		const other = await createTestUser();
		expect((await apply(other, "y".repeat(2000))).status).toBe(201);
	});

	it("one pending application at a time: 409 CONFLICT, even for concurrent submits", async () => {
		const who = await createTestUser();
		const results = await Promise.all(Array.from({ length: 5 }, () => apply(who).then((res) => res.status)));
		expect(results.filter((status) => status === 201)).toHaveLength(1);
		expect(results.filter((status) => status === 409)).toHaveLength(4);
		const again = await apply(who);
		expect(again.status).toBe(409);
		expect(((await again.json()) as ErrorBody).error.code).toBe("CONFLICT");
		expect(await applicationsOf(who.user.id)).toHaveLength(1);
	});

	it("an artist cannot apply: 409", async () => {
		const artist = await createTestUser({ role: "artist" });
		const res = await apply(artist);
		expect(res.status).toBe(409);
		expect(((await res.json()) as ErrorBody).error.message).toContain("already an artist");
		expect(await applicationsOf(artist.user.id)).toHaveLength(0);
	});
});

describe("deciding applications (admin API)", () => {
	async function pendingApplication() {
		const who = await createTestUser();
		const body = (await (await apply(who)).json()) as ApplicationBody;
		return { who, id: body.application.id };
	}

	it("lists pending applications with their applicants, for admins only", async () => {
		const { who, id } = await pendingApplication();
		const res = await api("/api/artist-applications?status=pending");
		expect(res.status).toBe(200);
		const { applications } = (await res.json()) as { applications: { id: string; status: string; user: { id: string; email: string } }[] };
		expect(applications.every((a) => a.status === "pending")).toBe(true);
		expect(applications.find((a) => a.id === id)).toMatchObject({ statement: STATEMENT, user: { id: who.user.id, email: who.user.email, role: "user" } });

		expect((await api("/api/artist-applications?status=pending", { auth: null })).status).toBe(401);
		expect((await userApi(who, "/api/artist-applications?status=pending")).status).toBe(401);
		expect((await api("/api/artist-applications?status=maybe")).status).toBe(400);
	});

	it("approving makes the user an artist; approving again or rejecting then is 409", async () => {
		const { who, id } = await pendingApplication();
		expect(await meRole(who.cookie)).toBe("user");
		const res = await api(`/api/artist-applications/${id}/approve`, { method: "POST" });
		expect(res.status).toBe(200);
		const body = (await res.json()) as ApplicationBody;
		expect(body.application.status).toBe("approved");
		expect(body.application.decided_at).not.toBeNull();
		expect(await roleOf(who.user.id)).toBe("artist");
		expect(await meRole(who.cookie)).toBe("artist");
		const [row] = await applicationsOf(who.user.id);
		expect(row).toMatchObject({ status: "approved", decidedBy: "api-key" });

		const twice = await api(`/api/artist-applications/${id}/approve`, { method: "POST" });
		expect(twice.status).toBe(409);
		expect(((await twice.json()) as ErrorBody).error.code).toBe("CONFLICT");
		const reject = await api(`/api/artist-applications/${id}/reject`, { method: "POST" });
		expect(reject.status).toBe(409);
		expect(await roleOf(who.user.id)).toBe("artist");
		expect((await applicationsOf(who.user.id))[0]?.status).toBe("approved");
	});

	it("rejecting leaves the user a user, who may apply again", async () => {
		const { who, id } = await pendingApplication();
		const res = await api(`/api/artist-applications/${id}/reject`, { method: "POST" });
		expect(res.status).toBe(200);
		expect(((await res.json()) as ApplicationBody).application.status).toBe("rejected");
		expect(await roleOf(who.user.id)).toBe("user");
		expect((await api(`/api/artist-applications/${id}/approve`, { method: "POST" })).status).toBe(409);
		expect(await roleOf(who.user.id)).toBe("user");
		expect((await apply(who)).status).toBe(201);
		expect(await applicationsOf(who.user.id)).toHaveLength(2);
	});

	it("a non-admin calling approve gets 401 and changes nothing", async () => {
		const { who, id } = await pendingApplication();
		const asUser = await userApi(who, `/api/artist-applications/${id}/approve`, { method: "POST" });
		expect(asUser.status).toBe(401);
		const wrongKey = await api(`/api/artist-applications/${id}/approve`, { method: "POST", auth: "not-the-admin-key" });
		expect(wrongKey.status).toBe(401);
		expect(await roleOf(who.user.id)).toBe("user");
		expect((await applicationsOf(who.user.id))[0]?.status).toBe("pending");
	});

	it("an unknown application is 404", async () => {
		const res = await api("/api/artist-applications/apl_unknown/approve", { method: "POST" });
		expect(res.status).toBe(404);
		expect(((await res.json()) as ErrorBody).error.code).toBe("NOT_FOUND");
	});
});

describe("artist-only routes", () => {
	// An artist route as the styles routes declare theirs: requireUser, then requireArtist.
	const artistOnly = new Hono<AppEnv>()
		.use(async (c, next) => {
			c.set("deps", await testAppDeps());
			await next();
		})
		.post("/artist-only", requireUser, requireArtist, (c) => c.json({ ok: true, role: c.var.user?.role }))
		.onError((err, c) => (err instanceof AppError ? c.json(errorBody(err.code, err.message, "test"), err.status) : c.text("unexpected", 500)));
	const call = async (who: Who) => artistOnly.request("/artist-only", { method: "POST", headers: { Cookie: who.cookie, "X-CSRF-Token": who.csrf } }, env);

	it("answer 403 ARTIST_ONLY to a user until an admin approves them", async () => {
		const who = await createTestUser();
		const before = await call(who);
		expect(before.status).toBe(403);
		expect(((await before.json()) as ErrorBody).error.code).toBe("ARTIST_ONLY");
		const { application } = (await (await apply(who)).json()) as ApplicationBody;
		expect((await api(`/api/artist-applications/${application.id}/approve`, { method: "POST" })).status).toBe(200);
		const after = await call(who);
		expect(after.status).toBe(200);
		expect(await after.json()).toEqual({ ok: true, role: "artist" });
	});
});

describe("the account page", () => {
	it("sends a signed-out visitor to sign in, and back here after", async () => {
		const res = await browserGet("/account", { Accept: "text/html" });
		expect(res.status).toBe(303);
		expect(res.headers.get("Location")).toBe("/auth/login?return_to=%2Faccount");
	});

	it("applies with a plain form post, then shows the application waiting, without the form", async () => {
		const who = await createTestUser({ name: "Form Painter", credits: 100 });
		const page = await browserGet("/account", { Accept: "text/html", Cookie: who.cookie });
		expect(page.status).toBe(200);
		expect(page.headers.get("Cache-Control")).toBe("private, no-store");
		const html = await page.text();
		expect(html).toContain("Form Painter");
		expect(html).toContain('action="/account/artist-application"');
		expect(html).toContain('action="/auth/logout"');
		expect(html).toContain(`name="_csrf" value="${who.csrf}"`);

		const posted = await postForm("/account/artist-application", { _csrf: who.csrf, statement: STATEMENT }, { Cookie: who.cookie });
		expect(posted.status).toBe(303);
		expect(posted.headers.get("Location")).toBe("/account?applied=1");
		expect(await applicationsOf(who.user.id)).toHaveLength(1);

		const after = await (await browserGet("/account?applied=1", { Accept: "text/html", Cookie: who.cookie })).text();
		expect(after).toContain("your application was sent");
		expect(after).toContain("Waiting for review");
		expect(after).toContain(STATEMENT);
		expect(after).not.toContain('action="/account/artist-application"');
	});

	it("shows a short statement back with the problem (400), and refuses a form without the CSRF token (403)", async () => {
		const who = await createTestUser();
		const short = await postForm("/account/artist-application", { _csrf: who.csrf, statement: "too short" }, { Cookie: who.cookie });
		expect(short.status).toBe(400);
		const html = await short.text();
		expect(html).toContain("between 20 and 2000 characters");
		expect(html).toMatch(/<textarea[^>]*aria-invalid="true"[^>]*>too short<\/textarea>/);
		const forged = await postForm("/account/artist-application", { statement: STATEMENT }, { Cookie: who.cookie });
		expect(forged.status).toBe(403);
		expect(await applicationsOf(who.user.id)).toHaveLength(0);
	});

	it("shows an artist their role instead of the form", async () => {
		const artist = await createTestUser({ role: "artist" });
		const html = await (await browserGet("/account", { Accept: "text/html", Cookie: artist.cookie })).text();
		expect(html).toContain("You are an approved artist");
		expect(html).not.toContain('action="/account/artist-application"');
	});
});

describe("the dashboard's artists page", () => {
	it("lists pending applications; Approve (with the CSRF token) makes the applicant an artist", async () => {
		const who = await createTestUser({ name: "Queue Painter" });
		const { application } = (await (await apply(who)).json()) as ApplicationBody;
		const admin = await adminSignIn();
		const page = await browserGet("/admin/artists", { Cookie: admin.cookie, Accept: "text/html" });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('href="/admin/artists" aria-current="page"');
		expect(html).toContain("Queue Painter");
		expect(html).toContain(`action="/admin/artists/${application.id}/approve"`);
		expect(html).toContain(`action="/admin/artists/${application.id}/reject"`);

		const forged = await postForm(`/admin/artists/${application.id}/approve`, {}, { Cookie: admin.cookie });
		expect(forged.status).toBe(403);
		expect(await roleOf(who.user.id)).toBe("user");

		const approved = await postForm(`/admin/artists/${application.id}/approve`, { _csrf: admin.csrf }, { Cookie: admin.cookie });
		expect(approved.status).toBe(303);
		expect(approved.headers.get("Location")).toBe("/admin/artists?done=approved");
		expect(await roleOf(who.user.id)).toBe("artist");
		expect((await applicationsOf(who.user.id))[0]).toMatchObject({ status: "approved", decidedBy: "api-key" });

		const after = await (await browserGet("/admin/artists?done=approved", { Cookie: admin.cookie, Accept: "text/html" })).text();
		expect(after).toContain("the applicant is now an artist");
		expect(after).not.toContain(`action="/admin/artists/${application.id}/approve"`);
		expect(after).toContain("Recent decisions");

		const again = await postForm(`/admin/artists/${application.id}/reject`, { _csrf: admin.csrf }, { Cookie: admin.cookie });
		expect(again.status).toBe(409);
	});

	it("Reject keeps the applicant a user; the page needs an admin session", async () => {
		const who = await createTestUser();
		const { application } = (await (await apply(who)).json()) as ApplicationBody;
		const anonymous = await browserGet("/admin/artists", { Accept: "text/html" });
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get("Location")).toBe("/admin/login");
		const admin = await adminSignIn();
		const rejected = await postForm(`/admin/artists/${application.id}/reject`, { _csrf: admin.csrf }, { Cookie: admin.cookie });
		expect(rejected.status).toBe(303);
		expect(rejected.headers.get("Location")).toBe("/admin/artists?done=rejected");
		expect(await roleOf(who.user.id)).toBe("user");
		expect((await applicationsOf(who.user.id))[0]?.status).toBe("rejected");
	});
});

describe("from sign-in to artist", () => {
	it("signs in with the development issuer, applies on /account, is approved, and is an artist", async () => {
		const email = uniqueEmail("painter");
		const who = await signInWithDevIssuer(email, "Real Painter", { returnTo: "/account" });
		expect(who.callback.headers.get("Location")).toBe("/account");
		expect(await meRole(who.cookie)).toBe("user");
		const posted = await postForm("/account/artist-application", { _csrf: who.csrf, statement: STATEMENT }, { Cookie: who.cookie });
		expect(posted.status).toBe(303);
		const [application] = await applicationsOf(who.userId);
		expect(application?.status).toBe("pending");
		const approved = await api(`/api/artist-applications/${application?.id}/approve`, { method: "POST" });
		expect(approved.status).toBe(200);
		expect(await meRole(who.cookie)).toBe("artist");
		// Signing in again keeps the role the admin gave.
		const again = await signInWithDevIssuer(email, "Real Painter");
		expect(await meRole(again.cookie)).toBe("artist");
	});
});
