import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createUserSession } from "../../src/accounts/sessions";
import { applyMovement } from "../../src/credits/ledger";
import { getDb } from "../../src/db/client";
import { newId } from "../../src/lib/ids";
import { browserGet, signInWithDevIssuer, uniqueEmail } from "../support/auth-helpers";
import { gatewayRequests, generate, MODEL_ARTIFACT } from "../support/generation-helpers";
import { api, type ErrorBody, testAppDeps } from "../support/helpers";
import { connectSandboxChannel } from "../support/sandbox-helpers";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9, 9]);
const html = { Accept: "text/html" };

/** A user as the tests act: a real sign-in (so signing in again can be tested) or a seeded one. */
type Person = TestUser & { email?: string };

/** Signs a new person in through the development issuer. */
async function signedIn(label: string): Promise<Person> {
	const email = uniqueEmail(label);
	const who = await signInWithDevIssuer(email, `${label} Real Name`);
	const user = await getDb(env.DB).query.users.findFirst({ where: (u, { eq }) => eq(u.id, who.userId) });
	if (!user) throw new Error("no user row");
	return { user, cookie: who.cookie, csrf: who.csrf, email };
}

/** A completed style of `artistId` with a model artifact, its training and signature objects in R2. */
async function seedStyleOf(artistId: string, status: "completed" | "pending" = "completed") {
	const id = newId("sty");
	const training = `gpu-inputs/styles/${id}/training/${"a".repeat(64)}.png`;
	const signature = `gpu-inputs/styles/${id}/signature/${"b".repeat(64)}.png`;
	await env.DB.prepare(
		"INSERT INTO styles (id, artist_id, slug, title, tags, price_credits, status, model_artifact, signature_r2_key, signature_sha256, image_count) VALUES (?, ?, ?, 'Moon Ink', '[\"moon ink\"]', 5, ?, ?, ?, ?, 1)",
	)
		.bind(id, artistId, `moon-ink-${id.slice(-10)}`, status, status === "completed" ? JSON.stringify(MODEL_ARTIFACT) : null, signature, "b".repeat(64))
		.run();
	await env.DB.prepare(
		"INSERT INTO style_images (id, style_id, file_name, r2_key, sha256, size, width, height, content_type) VALUES (?, ?, 'a.png', ?, ?, 11, 512, 512, 'image/png')",
	)
		.bind(newId("simg"), id, training, "a".repeat(64))
		.run();
	await env.FILES.put(training, PNG);
	await env.FILES.put(signature, PNG);
	return { id, objects: [training, signature] };
}

/** A completed generation with its image in R2 and its GPU job listing the artifact. */
async function seedGeneration(userId: string, styleId: string, visibility: "public" | "private" = "public") {
	const id = newId("gen");
	const jobId = newId("job");
	const key = `gpu/${jobId}/image.png`;
	await env.DB.prepare(
		"INSERT INTO gpu_jobs (id, kind, status, owner_type, owner_id, idempotency_key, artifacts) VALUES (?, 'image.generate', 'succeeded', 'user', ?, ?, ?)",
	)
		.bind(jobId, userId, `generation:${id}`, JSON.stringify([{ name: "image.png", r2_key: key }]))
		.run();
	await env.DB.prepare(
		"INSERT INTO generations (id, user_id, style_id, prompt, aspect, width, height, seed, cost_credits, status, visibility, gpu_job_id, r2_key, sha256, size, completed_at) VALUES (?, ?, ?, 'moon, owl', '1:1', 512, 512, 1, 5, 'completed', ?, ?, ?, 'ff', 11, '2026-01-01T00:00:00.000Z')",
	)
		.bind(id, userId, styleId, visibility, jobId, key)
		.run();
	await env.FILES.put(key, PNG);
	return { id, key };
}

/** The counted rows, written with their counters as the community code does. */
async function like(userId: string, generationId: string) {
	await env.DB.batch([
		env.DB.prepare("INSERT INTO generation_likes (generation_id, user_id) VALUES (?, ?)").bind(generationId, userId),
		env.DB.prepare("UPDATE generations SET like_count = like_count + 1 WHERE id = ?").bind(generationId),
	]);
}

async function comment(authorId: string, generationId: string, body: string, opts: { status?: "visible" | "hidden"; parentId?: string } = {}) {
	const id = newId("cmt");
	const status = opts.status ?? "visible";
	await env.DB.batch([
		env.DB.prepare("INSERT INTO comments (id, generation_id, author_id, parent_id, body, status) VALUES (?, ?, ?, ?, ?, ?)").bind(
			id,
			generationId,
			authorId,
			opts.parentId ?? null,
			body,
			status,
		),
		env.DB.prepare("UPDATE generations SET comment_count = comment_count + ? WHERE id = ?").bind(status === "visible" ? 1 : 0, generationId),
	]);
	return id;
}

async function follow(followerId: string, followeeId: string) {
	await env.DB.batch([
		env.DB.prepare("INSERT INTO follows (follower_id, followee_id) VALUES (?, ?)").bind(followerId, followeeId),
		env.DB.prepare("UPDATE users SET following_count = following_count + 1 WHERE id = ?").bind(followerId),
		env.DB.prepare("UPDATE users SET follower_count = follower_count + 1 WHERE id = ?").bind(followeeId),
	]);
}

/** Each person's follow counters, and how many follow rows there really are. */
async function followCounts(ids: string[]) {
	const out: Record<string, { follower_count: number; following_count: number; followers: number; following: number }> = {};
	for (const id of ids) {
		const row = await env.DB.prepare(
			"SELECT follower_count, following_count, (SELECT count(*) FROM follows WHERE followee_id = u.id) AS followers, (SELECT count(*) FROM follows WHERE follower_id = u.id) AS following FROM users u WHERE id = ?",
		)
			.bind(id)
			.first<{ follower_count: number; following_count: number; followers: number; following: number }>();
		if (row) out[id] = row;
	}
	return out;
}

/** A generation's counters and the rows they count (likes; visible comments and replies). */
async function generationCounts(id: string) {
	return env.DB.prepare(
		"SELECT like_count, comment_count, (SELECT count(*) FROM generation_likes WHERE generation_id = g.id) AS likes, (SELECT count(*) FROM comments WHERE generation_id = g.id AND status = 'visible') AS visible FROM generations g WHERE id = ?",
	)
		.bind(id)
		.first<{ like_count: number; comment_count: number; likes: number; visible: number }>();
}

async function countWhere(table: string, column: string, value: string): Promise<number> {
	const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`).bind(value).first<{ n: number }>();
	return row?.n ?? -1;
}

/** A brand, a template, a ready project with a scene, its run and its files, an asset, the caches, a plan and a usage row of `userId`. */
async function seedVideoData(userId: string) {
	const projectId = newId("prj");
	const brandId = newId("brd");
	const files = `gpu-inputs/video/projects/${projectId}/`;
	const cachedImage = `gpu-inputs/video/image-cache/${newId("ic")}.png`;
	// The probe has no column: only the project's prefix reaches it.
	const objects = [
		`${files}voice-a.wav`,
		`${files}video-b.mp4`,
		`${files}scene-0-c.png`,
		`${files}video-probe.json`,
		cachedImage,
		`assets/${userId}/${"c".repeat(64)}.png`,
	];
	const [voice, mp4, image, , , asset] = objects;
	for (const key of objects) await env.FILES.put(key, PNG);
	await env.DB.batch([
		env.DB.prepare(
			"INSERT INTO brand_profiles (id, user_id, name, tone, primary_color, accent_color, text_color, font) VALUES (?, ?, 'Moon Bakery', 'casual', '#112233', '#445566', '#ffffff', 'Noto Sans CJK KR')",
		).bind(brandId, userId),
		env.DB.prepare("INSERT INTO video_templates (id, user_id, name, structure) VALUES (?, ?, 'Mine', '{}')").bind(newId("tpl"), userId),
		env.DB.prepare(
			"INSERT INTO projects (id, user_id, title, status, keyword, brand_profile_id, script, voice_r2_key, voice_size, video_r2_key, video_size) VALUES (?, ?, 'Bread', 'ready', '빵', ?, '[INTRO 0:00–0:03] 빵', ?, 11, ?, 11)",
		).bind(projectId, userId, brandId, voice, mp4),
		env.DB.prepare(
			"INSERT INTO project_scenes (project_id, position, section, text, image_prompt, start_ms, end_ms, image_r2_key, image_size) VALUES (?, 0, 'INTRO', '빵', 'bread', 0, 3000, ?, 11)",
		).bind(projectId, image),
		env.DB.prepare(
			"INSERT INTO project_runs (id, project_id, user_id, scope, status, first_step, current_step) VALUES (?, ?, ?, 'all', 'completed', 'script', 'qa')",
		).bind(newId("vjob"), projectId, userId),
		env.DB.prepare(
			"INSERT INTO assets (id, user_id, name, content_type, size, sha256, r2_key, source) VALUES (?, ?, 'logo.png', 'image/png', 11, ?, ?, 'upload')",
		).bind(newId("ast"), userId, "c".repeat(64), asset),
		env.DB.prepare(
			"INSERT INTO script_cache (cache_key, user_id, script, source, cost_cents, expires_at) VALUES (?, ?, 's', 'template', 2, '2099-01-01')",
		).bind(newId("sc"), userId),
		env.DB.prepare("INSERT INTO image_cache (cache_key, user_id, r2_key, sha256, size, cost_cents) VALUES (?, ?, ?, 'ff', 11, 4)").bind(
			newId("ic"),
			userId,
			cachedImage,
		),
		env.DB.prepare("INSERT INTO video_slots (user_id, period_start, project_id) VALUES (?, '2026-12-01T00:00:00.000Z', ?)").bind(userId, projectId),
		env.DB.prepare("INSERT INTO user_plans (user_id, plan, source, period_start) VALUES (?, 'basic', 'admin', '2026-12-01T00:00:00.000Z')").bind(userId),
		env.DB.prepare(
			"INSERT INTO usage_records (id, user_id, project_id, resource, quantity, cost_cents, dedupe_key) VALUES (?, ?, ?, 'image.generate', 1, 4, ?)",
		).bind(newId("use"), userId, projectId, newId("dk")),
	]);
	return { projectId, objects };
}

/** Everything of the user the erasure touches, for the "nothing changed" comparison. */
async function footprint(userId: string) {
	const tables: [string, string][] = [
		["generations", "user_id"],
		["generation_likes", "user_id"],
		["comments", "author_id"],
		["follows", "follower_id"],
		["follows", "followee_id"],
		["notifications", "user_id"],
		["user_sessions", "user_id"],
		["artist_applications", "user_id"],
		["styles", "artist_id"],
		["credit_ledger", "user_id"],
	];
	const counts = await Promise.all(tables.map(([table, column]) => countWhere(table, column, userId)));
	const user = await env.DB.prepare("SELECT * FROM users WHERE id = ?").bind(userId).first();
	const sessions = await env.DB.prepare("SELECT id, revoked_at FROM user_sessions WHERE user_id = ? ORDER BY id").bind(userId).all();
	return { counts, user, sessions: sessions.results };
}

async function objectExists(key: string): Promise<boolean> {
	return (await env.FILES.head(key)) !== null;
}

describe("DELETE /api/me: a user who may delete", () => {
	it("erases their data in one batch, keeps every counter of the other users exact, anonymises the row and frees the sign-in", async () => {
		const artist = await createTestUser({ role: "artist" });
		const artStyle = await seedStyleOf(artist.user.id);
		const doomed = await signedIn("doomed");
		const other = await createTestUser();
		const fan = await createTestUser();
		const db = getDb(env.DB);

		// The doomed user's own things: a public and a private image, an avatar, a bio, an application, notifications.
		const mine = await seedGeneration(doomed.user.id, artStyle.id, "public");
		const minePrivate = await seedGeneration(doomed.user.id, artStyle.id, "private");
		const avatar = `avatars/${doomed.user.id}/${"c".repeat(64)}.png`;
		await env.FILES.put(avatar, PNG);
		await env.DB.prepare("UPDATE users SET avatar_r2_key = ?, bio = 'I draw owls' WHERE id = ?").bind(avatar, doomed.user.id).run();
		await env.DB.prepare("INSERT INTO artist_applications (id, user_id, statement) VALUES (?, ?, 'I paint moons and owls every day.')")
			.bind(newId("app"), doomed.user.id)
			.run();
		await env.DB.prepare("INSERT INTO notifications (id, user_id, kind, title, dedupe_key) VALUES (?, ?, 'generation_completed', 't', ?)")
			.bind(newId("ntf"), doomed.user.id, `test:${crypto.randomUUID()}`)
			.run();
		await env.DB.prepare("INSERT INTO notified_facts (key, user_id) VALUES (?, ?)").bind(`like:${mine.id}:${other.user.id}`, doomed.user.id).run();
		await applyMovement(db, { id: `test-grant:${doomed.user.id}`, userId: doomed.user.id, kind: "welcome", amount: 10, now: new Date() });

		// Someone else's image, liked and commented on by the doomed user and by others.
		const theirs = await seedGeneration(other.user.id, artStyle.id, "public");
		await like(doomed.user.id, theirs.id);
		await like(fan.user.id, theirs.id);
		const doomedComment = await comment(doomed.user.id, theirs.id, "lovely owl");
		const doomedHidden = await comment(doomed.user.id, theirs.id, "spam", { status: "hidden" });
		const fanComment = await comment(fan.user.id, theirs.id, "agreed");
		const fanReply = await comment(fan.user.id, theirs.id, "reply to the doomed", { parentId: doomedComment });
		// Others on the doomed user's image (they go with it).
		await like(other.user.id, mine.id);
		await like(fan.user.id, mine.id);
		await comment(other.user.id, mine.id, "nice");
		// Follows in both directions, and one that does not involve them.
		await follow(doomed.user.id, other.user.id);
		await follow(doomed.user.id, artist.user.id);
		await follow(fan.user.id, doomed.user.id);
		await follow(other.user.id, fan.user.id);

		const ids = [artist.user.id, other.user.id, fan.user.id];
		const followsBefore = await followCounts(ids);
		expect(followsBefore).toEqual({
			[artist.user.id]: { follower_count: 1, following_count: 0, followers: 1, following: 0 },
			[other.user.id]: { follower_count: 1, following_count: 1, followers: 1, following: 1 },
			[fan.user.id]: { follower_count: 1, following_count: 1, followers: 1, following: 1 },
		});
		expect(await generationCounts(theirs.id)).toEqual({ like_count: 2, comment_count: 3, likes: 2, visible: 3 });
		expect((await api(`/api/generations/${mine.id}`, { auth: null })).status).toBe(200);
		const ledgerBefore = await countWhere("credit_ledger", "user_id", doomed.user.id);

		const res = await userApi(doomed, "/api/me", { method: "DELETE" });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ deleted: true });
		expect(res.headers.get("Set-Cookie")).toMatch(/ef_user=;/);

		// Other people's counters: exactly what their rows say, one less where the doomed user counted.
		expect(await followCounts(ids)).toEqual({
			[artist.user.id]: { follower_count: 0, following_count: 0, followers: 0, following: 0 },
			[other.user.id]: { follower_count: 0, following_count: 1, followers: 0, following: 1 },
			[fan.user.id]: { follower_count: 1, following_count: 0, followers: 1, following: 0 },
		});
		expect(await generationCounts(theirs.id)).toEqual({ like_count: 1, comment_count: 2, likes: 1, visible: 2 });
		// Their comments stay in the thread, erased; the reply to one stays too; others' comments are untouched.
		const thread = await env.DB.prepare("SELECT id, body, status FROM comments WHERE generation_id = ? ORDER BY id").bind(theirs.id).all();
		expect(thread.results).toEqual(
			expect.arrayContaining([
				{ id: doomedComment, body: "", status: "deleted" },
				{ id: doomedHidden, body: "", status: "deleted" },
				{ id: fanComment, body: "agreed", status: "visible" },
				{ id: fanReply, body: "reply to the doomed", status: "visible" },
			]),
		);
		expect(thread.results).toHaveLength(4);

		// Their own rows are gone (likes and comments on their images with them), the files too.
		for (const [table, column] of [
			["generations", "user_id"],
			["generation_likes", "user_id"],
			["follows", "follower_id"],
			["follows", "followee_id"],
			["notifications", "user_id"],
			["notified_facts", "user_id"],
			["user_sessions", "user_id"],
			["artist_applications", "user_id"],
		] as const) {
			expect(await countWhere(table, column, doomed.user.id), `${table}.${column}`).toBe(0);
		}
		expect(await countWhere("generation_likes", "generation_id", mine.id)).toBe(0);
		expect(await countWhere("comments", "generation_id", mine.id)).toBe(0);
		for (const key of [mine.key, minePrivate.key, avatar]) expect(await objectExists(key), key).toBe(false);
		// The ledger stays for accounting; the artist's style (used by others) is untouched.
		expect(await countWhere("credit_ledger", "user_id", doomed.user.id)).toBe(ledgerBefore);
		expect(await countWhere("styles", "id", artStyle.id)).toBe(1);
		for (const key of artStyle.objects) expect(await objectExists(key)).toBe(true);
		expect(await objectExists(theirs.key)).toBe(true);

		const row = await env.DB.prepare("SELECT email, name, nickname, bio, avatar_r2_key, status, oidc_subject, status_changed_at FROM users WHERE id = ?")
			.bind(doomed.user.id)
			.first<Record<string, unknown>>();
		expect(row).toMatchObject({
			email: "",
			name: "",
			nickname: null,
			bio: "",
			avatar_r2_key: null,
			status: "deleted",
			oidc_subject: `deleted:${doomed.user.id}`,
		});
		expect(row?.status_changed_at).toBeTruthy();

		// Nothing public answers for them any more; their old session is dead.
		expect((await api(`/api/users/${doomed.user.id}`, { auth: null })).status).toBe(404);
		expect((await api(`/users/${doomed.user.id}`, { auth: null, headers: html })).status).toBe(404);
		expect((await api(`/api/generations/${mine.id}`, { auth: null })).status).toBe(404);
		expect((await api(`/generations/${mine.id}/image`, { auth: null })).status).toBe(404);
		expect((await userApi(doomed, "/api/me")).status).toBe(401);

		// The same Google account signs up fresh: a new user, nothing of the old one.
		const again = await signInWithDevIssuer(doomed.email ?? "", "doomed Real Name");
		expect(again.userId).not.toBe(doomed.user.id);
		const fresh = await env.DB.prepare("SELECT status, follower_count, following_count, credit_balance FROM users WHERE id = ?").bind(again.userId).first();
		expect(fresh).toMatchObject({ status: "active", follower_count: 0, following_count: 0 });
		expect(await countWhere("generations", "user_id", again.userId)).toBe(0);
	});

	it("an artist nobody else used loses their styles (trained ones too), training images, signatures and models with the account", async () => {
		const artist = await createTestUser({ role: "artist" });
		const trained = await seedStyleOf(artist.user.id, "completed");
		const pending = await seedStyleOf(artist.user.id, "pending");
		// Their own image in their own style does not make the style "used".
		const own = await seedGeneration(artist.user.id, trained.id);

		const res = await userApi(artist, "/api/me", { method: "DELETE" });
		expect(res.status).toBe(200);
		expect(await countWhere("styles", "artist_id", artist.user.id)).toBe(0);
		expect(await countWhere("style_images", "style_id", trained.id)).toBe(0);
		expect(await countWhere("style_images", "style_id", pending.id)).toBe(0);
		expect(await countWhere("generations", "id", own.id)).toBe(0);
		for (const key of [...trained.objects, ...pending.objects, own.key]) expect(await objectExists(key), key).toBe(false);
		expect((await api(`/api/styles/${trained.id}`, { auth: null })).status).toBe(404);
	});

	it("waits for a generation still being made (409 CONFLICT, nothing changes), then deletes", async () => {
		const who = await createTestUser();
		const artist = await createTestUser({ role: "artist" });
		const style = await seedStyleOf(artist.user.id, "completed");
		const made = await seedGeneration(who.user.id, style.id);
		await env.DB.prepare("UPDATE generations SET status = 'processing' WHERE id = ?").bind(made.id).run();
		const before = await footprint(who.user.id);

		const refused = await userApi(who, "/api/me", { method: "DELETE" });
		expect(refused.status).toBe(409);
		expect(((await refused.json()) as ErrorBody).error.code).toBe("CONFLICT");
		expect(await footprint(who.user.id)).toEqual(before);
		expect(await objectExists(made.key)).toBe(true);

		await env.DB.prepare("UPDATE generations SET status = 'completed' WHERE id = ?").bind(made.id).run();
		expect((await userApi(who, "/api/me", { method: "DELETE" })).status).toBe(200);
		expect(await countWhere("generations", "id", made.id)).toBe(0);
	});

	it("erases the short-video line's data and files too (a video being made waits, 409), keeping usage amounts unlinked", async () => {
		const who = await createTestUser();
		const other = await createTestUser();
		const video = await seedVideoData(who.user.id);
		const theirs = await seedVideoData(other.user.id);
		await env.DB.prepare("UPDATE projects SET status = 'processing' WHERE id = ?").bind(video.projectId).run();

		const refused = await userApi(who, "/api/me", { method: "DELETE" });
		expect(refused.status).toBe(409);
		expect(((await refused.json()) as ErrorBody).error.code).toBe("CONFLICT");
		expect(await countWhere("projects", "user_id", who.user.id)).toBe(1);
		for (const key of video.objects) expect(await objectExists(key)).toBe(true);

		await env.DB.prepare("UPDATE projects SET status = 'ready' WHERE id = ?").bind(video.projectId).run();
		expect((await userApi(who, "/api/me", { method: "DELETE" })).status).toBe(200);
		for (const table of ["projects", "brand_profiles", "video_templates", "assets", "script_cache", "image_cache", "video_slots", "user_plans"]) {
			expect(await countWhere(table, "user_id", who.user.id)).toBe(0);
		}
		expect(await countWhere("project_scenes", "project_id", video.projectId)).toBe(0);
		expect(await countWhere("project_runs", "project_id", video.projectId)).toBe(0);
		for (const key of video.objects) expect([key, await objectExists(key)]).toEqual([key, false]);
		// Usage stays for accounting, without the project it was for.
		const usage = await env.DB.prepare("SELECT project_id, cost_cents FROM usage_records WHERE user_id = ?")
			.bind(who.user.id)
			.first<{ project_id: string | null; cost_cents: number }>();
		expect(usage).toEqual({ project_id: null, cost_cents: 4 });
		// Someone else's videos are untouched.
		expect(await countWhere("projects", "user_id", other.user.id)).toBe(1);
		for (const key of theirs.objects) expect(await objectExists(key)).toBe(true);
	});

	it("disconnects the user's channels at the provider and erases them with their schedules (an upload under way waits, 409)", async () => {
		const who = await createTestUser();
		const deps = (await testAppDeps()).channels;
		const { channel, tokens } = await connectSandboxChannel(deps, { kind: "video", userId: who.user.id });
		const video = await seedVideoData(who.user.id);
		const scheduleId = newId("sch");
		await env.DB.prepare(
			"INSERT INTO publish_schedules (id, user_id, project_id, channel_id, scheduled_at, time_zone, title, status) VALUES (?, ?, ?, ?, '2026-12-24T00:00:00.000Z', 'Asia/Seoul', 'Bread', 'publishing')",
		)
			.bind(scheduleId, who.user.id, video.projectId, channel.id)
			.run();

		const refused = await userApi(who, "/api/me", { method: "DELETE" });
		expect(refused.status).toBe(409);
		expect(await countWhere("channels", "user_id", who.user.id)).toBe(1);
		// Nothing was revoked while the erasure was refused.
		expect((await deps.adapters.get("local").describe({ accessToken: tokens.accessToken, externalId: null })).externalId).toBe(channel.externalId);

		await env.DB.prepare("UPDATE publish_schedules SET status = 'failed' WHERE id = ?").bind(scheduleId).run();
		expect((await userApi(who, "/api/me", { method: "DELETE" })).status).toBe(200);
		expect(await countWhere("channels", "user_id", who.user.id)).toBe(0);
		expect(await countWhere("publish_schedules", "user_id", who.user.id)).toBe(0);
		// The grant is revoked at the provider: the old token no longer works there.
		await expect(deps.adapters.get("local").describe({ accessToken: tokens.accessToken, externalId: null })).rejects.toThrow(/refused the access token/);
	});

	it("refuses a request without the CSRF token and a signed-out one, changing nothing", async () => {
		const who = await createTestUser();
		const before = await footprint(who.user.id);
		const noCsrf = await api("/api/me", { method: "DELETE", auth: null, headers: { Cookie: who.cookie } });
		expect(noCsrf.status).toBe(403);
		expect((await api("/api/me", { method: "DELETE", auth: null })).status).toBe(401);
		expect(await footprint(who.user.id)).toEqual(before);
	});
});

describe("the /account forms", () => {
	it("ask for the confirmation box (400, nothing changes), then deactivate or delete and send the browser home", async () => {
		const form = (who: TestUser, action: string, fields: Record<string, string>) =>
			userApi(who, `/account/${action}`, {
				method: "POST",
				body: new URLSearchParams({ _csrf: who.csrf, ...fields }),
				headers: { "Content-Type": "application/x-www-form-urlencoded", ...html },
			});
		const who = await createTestUser();
		const page = await (await userApi(who, "/account", { headers: html })).text();
		expect(page).toContain('action="/account/delete"');
		expect(page).toContain('action="/account/deactivate"');

		const before = await footprint(who.user.id);
		for (const action of ["delete", "deactivate"]) {
			const unconfirmed = await form(who, action, {});
			expect(unconfirmed.status).toBe(400);
			expect(await unconfirmed.text()).toContain("Tick the box to confirm.");
		}
		expect(await footprint(who.user.id)).toEqual(before);

		const deactivated = await form(who, "deactivate", { confirm: "yes" });
		expect(deactivated.status).toBe(303);
		expect(deactivated.headers.get("Location")).toBe("/");
		expect(await env.DB.prepare("SELECT status FROM users WHERE id = ?").bind(who.user.id).first("status")).toBe("deactivated");

		const other = await createTestUser();
		const deleted = await form(other, "delete", { confirm: "yes" });
		expect(deleted.status).toBe(303);
		expect(await env.DB.prepare("SELECT status, email FROM users WHERE id = ?").bind(other.user.id).first()).toEqual({ status: "deleted", email: "" });
	});
});

describe("an artist whose style has been used", () => {
	it("cannot delete (409, nothing changes), can deactivate; their style still generates, training is refused, signing in reactivates", async () => {
		const artist = await signedIn("artist");
		await env.DB.prepare("UPDATE users SET role = 'artist' WHERE id = ?").bind(artist.user.id).run();
		const style = await seedStyleOf(artist.user.id);
		const draft = await seedStyleOf(artist.user.id, "pending");
		const buyer = await createTestUser({ credits: 50 });
		await seedGeneration(buyer.user.id, style.id);
		await follow(buyer.user.id, artist.user.id);

		const before = await footprint(artist.user.id);
		const refused = await userApi(artist, "/api/me", { method: "DELETE" });
		expect(refused.status).toBe(409);
		expect(((await refused.json()) as ErrorBody).error.code).toBe("ACCOUNT_NOT_DELETABLE");
		expect(await footprint(artist.user.id)).toEqual(before);
		for (const key of [...style.objects, ...draft.objects]) expect(await objectExists(key)).toBe(true);
		// The account page explains it and offers only deactivation.
		const page = await (await userApi(artist, "/account", { headers: html })).text();
		expect(page).toContain('data-error-code="ACCOUNT_NOT_DELETABLE"');
		expect(page).toContain('action="/account/deactivate"');
		expect(page).not.toContain('action="/account/delete"');
		// The page's delete form, posted anyway, is refused the same way.
		const form = await userApi(artist, "/account/delete", {
			method: "POST",
			body: new URLSearchParams({ _csrf: artist.csrf, confirm: "yes" }),
			headers: { "Content-Type": "application/x-www-form-urlencoded", ...html },
		});
		expect(form.status).toBe(409);
		expect(await footprint(artist.user.id)).toEqual(before);

		const deactivated = await userApi(artist, "/api/me/deactivate", { method: "POST" });
		expect(deactivated.status).toBe(200);
		const row = await env.DB.prepare("SELECT status, status_changed_at, nickname, follower_count FROM users WHERE id = ?")
			.bind(artist.user.id)
			.first<Record<string, unknown>>();
		expect(row).toMatchObject({ status: "deactivated", follower_count: 1 });
		expect(row?.nickname).toBeTruthy();
		const open = await env.DB.prepare("SELECT count(*) AS n FROM user_sessions WHERE user_id = ? AND revoked_at IS NULL")
			.bind(artist.user.id)
			.first<{ n: number }>();
		expect(open?.n).toBe(0);
		expect((await userApi(artist, "/api/me")).status).toBe(401);
		// The profile shows them deactivated; their style stays usable under their name.
		const profile = await api(`/api/users/${artist.user.id}`, { auth: null });
		expect(profile.status).toBe(200);
		expect(((await profile.json()) as { user: { status: string } }).user.status).toBe("deactivated");
		const queued = await generate(buyer, style.id, { prompt: "owl, lantern" });
		expect(queued.status).toBe(202);
		const { generation } = (await queued.json()) as { generation: { id: string; visibility: string } };
		// New images are public by default and the gateway is still asked to stamp the artist's signature.
		expect(generation.visibility).toBe("public");
		const submitted = (await gatewayRequests()).find((r) => r.idempotency_key === `generation:${generation.id}`);
		if (!submitted) throw new Error("no generation job submitted");
		expect((submitted.body as { input: { signature: unknown } }).input.signature).toMatchObject({ artistId: artist.user.id, styleId: style.id });

		// Nothing new: a session that outlived the deactivation (none should) still cannot create or train.
		const { token, session } = await createUserSession(getDb(env.DB), artist.user.id, new Date());
		const lingering: TestUser = { user: artist.user, cookie: `ef_user=${token}`, csrf: session.csrfToken };
		const stylesBefore = await countWhere("styles", "artist_id", artist.user.id);
		const create = await userApi(lingering, "/api/styles", { method: "POST", json: { title: "New Moon", price_credits: 5 } });
		expect(create.status).toBe(403);
		expect(((await create.json()) as ErrorBody).error.code).toBe("ACCOUNT_DEACTIVATED");
		expect(await countWhere("styles", "artist_id", artist.user.id)).toBe(stylesBefore);
		const train = await userApi(lingering, `/api/styles/${draft.id}/train`, { method: "POST" });
		expect(train.status).toBe(403);
		expect(((await train.json()) as ErrorBody).error.code).toBe("ACCOUNT_DEACTIVATED");
		expect(await env.DB.prepare("SELECT status FROM styles WHERE id = ?").bind(draft.id).first("status")).toBe("pending");

		// Signing in again reactivates the same account.
		const back = await signInWithDevIssuer(artist.email ?? "", "artist Real Name");
		expect(back.userId).toBe(artist.user.id);
		expect(await env.DB.prepare("SELECT status FROM users WHERE id = ?").bind(artist.user.id).first("status")).toBe("active");
		expect((await browserGet("/api/me", { Cookie: back.cookie })).status).toBe(200);
	});
});
