import { env, exports } from "cloudflare:workers";
import { PhotonImage } from "@cf-wasm/photon";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { claimNickname, isNicknameConflict, nicknameFromName } from "../../src/accounts/nickname";
import { getDb } from "../../src/db/client";
import { generationLikes } from "../../src/db/community-schema";
import { generations, users } from "../../src/db/schema";
import { newId } from "../../src/lib/ids";
import { signInWithDevIssuer, uniqueEmail } from "../support/auth-helpers";
import { seedStyle } from "../support/generation-helpers";
import type { ErrorBody } from "../support/helpers";
import { filesForm, solidPng } from "../support/image-fixtures";
import { findChunk, makePng } from "../support/png-fixtures";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

const db = getDb(env.DB);

type UserBody = { user: Record<string, unknown> & { id: string; nickname: string; bio: string; avatar_url: string | null } };

async function userRow(id: string) {
	const row = await db.query.users.findFirst({ where: eq(users.id, id) });
	if (!row) throw new Error(`no user ${id}`);
	return row;
}

/** A user with a nickname of its own (createTestUser leaves it empty, as rows made before the migration). */
async function userWithNickname(nickname: string, role: "user" | "artist" = "user"): Promise<TestUser> {
	const who = await createTestUser({ role });
	await db.update(users).set({ nickname }).where(eq(users.id, who.user.id));
	return who;
}

function uniqueNick(prefix = "n"): string {
	return `${prefix}${crypto.randomUUID().replaceAll("-", "").slice(0, 10)}`;
}

async function avatarObjects(userId: string): Promise<string[]> {
	const listed = await env.FILES.list({ prefix: `avatars/${userId}/` });
	return listed.objects.map((o) => o.key);
}

function putAvatar(who: TestUser, form: FormData, opts: { csrf?: boolean } = {}) {
	const headers = new Headers({ Cookie: who.cookie });
	if (opts.csrf !== false) headers.set("X-CSRF-Token", who.csrf);
	return exports.default.fetch(new Request("http://localhost:8787/api/me/avatar", { method: "PUT", headers, body: form }));
}

/** A real JPEG (encoded by photon) with an EXIF APP1 segment carrying a GPS-like marker string right after SOI. */
async function jpegWithExif(width: number, height: number): Promise<Uint8Array> {
	const image = PhotonImage.new_from_byteslice(await solidPng(width, height, { seed: 3 }));
	const jpeg = image.get_bytes_jpeg(90);
	image.free();
	const payload = new TextEncoder().encode("Exif\0\0MM\0*\0\0\0\bGPS-SECRET-37.5665N");
	const app1 = new Uint8Array([0xff, 0xe1, ((payload.length + 2) >> 8) & 0xff, (payload.length + 2) & 0xff, ...payload]);
	return new Uint8Array([...jpeg.slice(0, 2), ...app1, ...jpeg.slice(2)]);
}

/** Whether a PNG has a chunk of this type (findChunk throws when it has none). */
function hasChunk(png: Uint8Array, type: string): boolean {
	try {
		return findChunk(png, type) >= 0;
	} catch {
		return false;
	}
}

function contains(haystack: Uint8Array, needle: string): boolean {
	return new TextDecoder("latin1").decode(haystack).includes(needle);
}

describe("nicknames", () => {
	it("derives a nickname from the sign-in name", () => {
		expect(nicknameFromName("Kim Minsu", "usr_abcdef123456")).toBe("Kim_Minsu");
		expect(nicknameFromName("김 민수", "usr_abcdef123456")).toBe("김_민수");
		// Characters outside the rule are dropped; NFD Hangul comes out NFC.
		expect(nicknameFromName("Anna <script>!", "usr_x")).toBe("Anna_script");
		expect(nicknameFromName("\u1100\u1161\u11a8 x", "usr_x")).toBe("각_x");
		// At most 20 characters (code points).
		expect(nicknameFromName("abcdefghij klmnopqrstuvwxyz", "usr_x")).toBe("abcdefghij_klmnopqrs");
		// Fewer than 2 left: user_ and the last six of the id.
		expect(nicknameFromName("A", "usr_abcdef123456")).toBe("user_123456");
		expect(nicknameFromName("!!", "usr_abcdef123456")).toBe("user_123456");
	});

	it("gives two new users with one name different nicknames, and keeps a nickname on later sign-ins", async () => {
		const name = `Lee ${uniqueNick("Ji")}`;
		const first = await signInWithDevIssuer(uniqueEmail("nick1"), name);
		const second = await signInWithDevIssuer(uniqueEmail("nick2"), name.toUpperCase());
		const a = await userRow(first.userId);
		const b = await userRow(second.userId);
		expect(a.nickname).toBe(name.replace(" ", "_"));
		// Taken whatever its case: the second gets the name and _<4 digits>.
		expect(b.nickname).toMatch(new RegExp(`^${name.toUpperCase().replace(" ", "_").slice(0, 15)}_\\d{4}$`));
		expect(b.nickname?.toLowerCase()).not.toBe(a.nickname?.toLowerCase());
		// A later sign-in refreshes the name but never the nickname the user chose.
		await db
			.update(users)
			.set({ nickname: uniqueNick("kept") })
			.where(eq(users.id, a.id));
		const chosen = (await userRow(a.id)).nickname;
		const email = a.email;
		const again = await signInWithDevIssuer(email, "Someone Else");
		expect(again.userId).toBe(a.id);
		const after = await userRow(a.id);
		expect(after.nickname).toBe(chosen);
		expect(after.name).toBe("Someone Else");
	});

	it("retries with a suffix when the unique index refuses a nickname taken between the check and the write", async () => {
		const base = uniqueNick("Race");
		const rival = await createTestUser();
		const tried: string[] = [];
		const stored = await claimNickname(db, base, async (nickname) => {
			tried.push(nickname);
			// The rival takes the very name (another case) just before this write.
			if (tried.length === 1) await db.update(users).set({ nickname: nickname.toLowerCase() }).where(eq(users.id, rival.user.id));
			const who = await createTestUser();
			const [row] = await db.update(users).set({ nickname }).where(eq(users.id, who.user.id)).returning();
			return row;
		});
		expect(tried[0]).toBe(base);
		expect(tried).toHaveLength(2);
		expect(stored?.nickname).toMatch(new RegExp(`^${base}_\\d{4}$`));
		expect((await userRow(rival.user.id)).nickname).toBe(base.toLowerCase());
		const clash = await db
			.update(users)
			.set({ nickname: base.toUpperCase() })
			.where(eq(users.id, (await createTestUser()).user.id))
			.then(
				() => null,
				(err: unknown) => err,
			);
		expect(isNicknameConflict(clash)).toBe(true);
	});

	it("migration 0025 derives unique nicknames for existing users (its own UPDATE statements, run on a copy of the columns)", async () => {
		const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0025"));
		const updates = migration?.queries.filter((q) => q.includes("UPDATE `users` SET `nickname`")) ?? [];
		expect(updates).toHaveLength(2);
		await env.DB.exec("DROP TABLE IF EXISTS nick_scratch");
		await env.DB.exec("CREATE TABLE nick_scratch (id text primary key, name text not null, created_at text not null, nickname text)");
		const rows: [string, string, string][] = [
			["usr_aaaaaa000001", "Kim Minsu", "2026-01-01T00:00:00.000Z"],
			["usr_aaaaaa000002", "Kim Minsu", "2026-01-02T00:00:00.000Z"],
			["usr_aaaaaa000003", "KIM MINSU", "2026-01-03T00:00:00.000Z"],
			["usr_aaaaaa000004", "A", "2026-01-04T00:00:00.000Z"],
			["usr_aaaaaa000005", "  ", "2026-01-05T00:00:00.000Z"],
			["usr_aaaaaa000006", "박지민", "2026-01-06T00:00:00.000Z"],
			["usr_aaaaaa000007", "Abcdefghijklmnopqrstuvwxyz", "2026-01-07T00:00:00.000Z"],
		];
		await env.DB.batch(rows.map((r) => env.DB.prepare("INSERT INTO nick_scratch (id, name, created_at) VALUES (?, ?, ?)").bind(...r)));
		for (const statement of updates) await env.DB.prepare(statement.replaceAll("`users`", "`nick_scratch`")).run();
		const { results } = await env.DB.prepare("SELECT id, nickname FROM nick_scratch ORDER BY id").all<{ id: string; nickname: string }>();
		const byId = Object.fromEntries(results.map((r) => [r.id, r.nickname]));
		expect(byId).toEqual({
			usr_aaaaaa000001: "Kim_Minsu",
			usr_aaaaaa000002: "Kim_Minsu_000002",
			usr_aaaaaa000003: "KIM_MINSU_000003",
			usr_aaaaaa000004: "user_000004",
			usr_aaaaaa000005: "user_000005",
			usr_aaaaaa000006: "박지민",
			usr_aaaaaa000007: "Abcdefghijklmnopqrst",
		});
		// Unique whatever the case, as the index the migration then creates demands.
		expect(new Set(results.map((r) => r.nickname.toLowerCase())).size).toBe(results.length);
		await env.DB.exec("DROP TABLE nick_scratch");
	});
});

describe("PATCH /api/me/profile", () => {
	let me: TestUser;
	let other: TestUser;
	const mine = uniqueNick("me");
	const theirs = uniqueNick("Them");
	beforeAll(async () => {
		me = await userWithNickname(mine);
		other = await userWithNickname(theirs);
	});

	it("changes nickname and bio, Hangul stored NFC", async () => {
		const decomposed = "\u1112\u1161\u11ab\u1100\u1173\u11af"; // 한글, NFD
		const res = await userApi(me, "/api/me/profile", { method: "PATCH", json: { nickname: `${decomposed}${mine.slice(-6)}`, bio: "  그림을 좋아합니다  " } });
		expect(res.status).toBe(200);
		const body = (await res.json()) as UserBody;
		expect(body.user.nickname).toBe(`한글${mine.slice(-6)}`);
		expect(body.user.bio).toBe("그림을 좋아합니다");
		const row = await userRow(me.user.id);
		expect(row.nickname).toBe(`한글${mine.slice(-6)}`);
		expect(row.nickname).toBe(row.nickname?.normalize("NFC"));
		expect(row.bio).toBe("그림을 좋아합니다");
	});

	it("refuses a nickname someone has, whatever its case: 409 CONFLICT, nothing changed", async () => {
		const before = await userRow(me.user.id);
		const res = await userApi(me, "/api/me/profile", { method: "PATCH", json: { nickname: theirs.toUpperCase(), bio: "changed?" } });
		expect(res.status).toBe(409);
		expect(((await res.json()) as ErrorBody).error.code).toBe("CONFLICT");
		const after = await userRow(me.user.id);
		expect(after.nickname).toBe(before.nickname);
		expect(after.bio).toBe(before.bio);
		expect((await userRow(other.user.id)).nickname).toBe(theirs);
	});

	it("lets a user change the case of their own nickname", async () => {
		const own = (await userRow(me.user.id)).nickname ?? "";
		const res = await userApi(me, "/api/me/profile", { method: "PATCH", json: { nickname: own.toUpperCase() } });
		expect(res.status).toBe(200);
		expect((await userRow(me.user.id)).nickname).toBe(own.toUpperCase());
	});

	it("refuses invalid input with 422 VALIDATION_FAILED naming the field, nothing changed", async () => {
		const before = await userRow(me.user.id);
		for (const [json, field] of [
			[{ nickname: "a" }, "nickname"],
			[{ nickname: "x".repeat(21) }, "nickname"],
			[{ nickname: "no spaces" }, "nickname"],
			[{ nickname: "<b>hi</b>" }, "nickname"],
			[{ bio: "b".repeat(161) }, "bio"],
			[{ nickname: "fine_name", email: "x@example.com" }, "email"],
		] as const) {
			const res = await userApi(me, "/api/me/profile", { method: "PATCH", json });
			expect(res.status, JSON.stringify(json)).toBe(422);
			const error = ((await res.json()) as ErrorBody).error;
			expect(error.code).toBe("VALIDATION_FAILED");
			expect(error.message).toContain(field);
		}
		const after = await userRow(me.user.id);
		expect([after.nickname, after.bio, after.email]).toEqual([before.nickname, before.bio, before.email]);
	});

	it("needs a session (401) and its CSRF token (403)", async () => {
		const anonymous = await exports.default.fetch(
			new Request("http://localhost:8787/api/me/profile", { method: "PATCH", headers: { "Content-Type": "application/json" }, body: '{"bio":"x"}' }),
		);
		expect(anonymous.status).toBe(401);
		const noCsrf = await exports.default.fetch(
			new Request("http://localhost:8787/api/me/profile", {
				method: "PATCH",
				headers: { "Content-Type": "application/json", Cookie: me.cookie },
				body: '{"bio":"x"}',
			}),
		);
		expect(noCsrf.status).toBe(403);
		expect((await userRow(me.user.id)).bio).not.toBe("x");
	});
});

describe("avatars", () => {
	let me: TestUser;
	beforeAll(async () => {
		me = await userWithNickname(uniqueNick("av"));
	});

	it("resizes an upload to a square of at most 256, strips its metadata, serves it cached, replaces and removes it", async () => {
		const png = await makePng({ width: 600, height: 400, seed: 7, provenance: { secret: "GPS-SECRET" }, exifArtist: "someone" });
		expect(hasChunk(png, "eXIf")).toBe(true);
		const res = await putAvatar(me, filesForm("avatar", [{ name: "me.png", bytes: png, type: "image/png" }]));
		expect(res.status).toBe(200);
		const body = (await res.json()) as UserBody;
		const row = await userRow(me.user.id);
		expect(row.avatarR2Key).toMatch(new RegExp(`^avatars/${me.user.id}/[0-9a-f]{64}\\.png$`));
		const sha = row.avatarR2Key?.split("/").pop()?.slice(0, 64) ?? "";
		expect(body.user.avatar_url).toBe(`/users/${me.user.id}/avatar?v=${sha.slice(0, 8)}`);
		expect(await avatarObjects(me.user.id)).toEqual([row.avatarR2Key]);
		const stored = new Uint8Array(await ((await env.FILES.get(row.avatarR2Key ?? "")) as R2ObjectBody).arrayBuffer());
		expect(hasChunk(stored, "eXIf")).toBe(false);
		expect(contains(stored, "GPS-SECRET")).toBe(false);
		const decoded = PhotonImage.new_from_byteslice(stored);
		expect([decoded.get_width(), decoded.get_height()]).toEqual([256, 256]);
		decoded.free();

		const served = await exports.default.fetch(new Request(`http://localhost:8787${body.user.avatar_url}`));
		expect(served.status).toBe(200);
		expect(served.headers.get("Content-Type")).toBe("image/png");
		expect(served.headers.get("Cache-Control")).toContain("immutable");
		expect(new Uint8Array(await served.arrayBuffer())).toEqual(stored);

		// A JPEG replaces it: stored as a JPEG (EXIF gone), the PNG's object deleted.
		const jpeg = await jpegWithExif(300, 500);
		expect(contains(jpeg, "GPS-SECRET")).toBe(true);
		const second = await putAvatar(me, filesForm("avatar", [{ name: "me.jpg", bytes: jpeg, type: "image/jpeg" }]));
		expect(second.status).toBe(200);
		const after = await userRow(me.user.id);
		expect(after.avatarR2Key).toMatch(/\.jpg$/);
		expect(await avatarObjects(me.user.id)).toEqual([after.avatarR2Key]);
		const storedJpeg = new Uint8Array(await ((await env.FILES.get(after.avatarR2Key ?? "")) as R2ObjectBody).arrayBuffer());
		expect(contains(storedJpeg, "GPS-SECRET")).toBe(false);
		const decodedJpeg = PhotonImage.new_from_byteslice(storedJpeg);
		expect([decodedJpeg.get_width(), decodedJpeg.get_height()]).toEqual([256, 256]);
		decodedJpeg.free();

		// A small picture is cropped square but never scaled up.
		const small = await putAvatar(me, filesForm("avatar", [{ name: "s.png", bytes: await solidPng(100, 60), type: "image/png" }]));
		expect(small.status).toBe(200);
		const smallRow = await userRow(me.user.id);
		const smallBytes = new Uint8Array(await ((await env.FILES.get(smallRow.avatarR2Key ?? "")) as R2ObjectBody).arrayBuffer());
		const decodedSmall = PhotonImage.new_from_byteslice(smallBytes);
		expect([decodedSmall.get_width(), decodedSmall.get_height()]).toEqual([60, 60]);
		decodedSmall.free();

		const removed = await userApi(me, "/api/me/avatar", { method: "DELETE" });
		expect(removed.status).toBe(200);
		expect(((await removed.json()) as UserBody).user.avatar_url).toBeNull();
		expect((await userRow(me.user.id)).avatarR2Key).toBeNull();
		expect(await avatarObjects(me.user.id)).toEqual([]);
		expect((await exports.default.fetch(new Request(`http://localhost:8787/users/${me.user.id}/avatar`))).status).toBe(404);
	});

	it("refuses what is not a PNG or JPEG (422 INVALID_IMAGE_FORMAT), too large a picture (422 IMAGE_SIZE_EXCEEDED), and missing CSRF (403): nothing stored", async () => {
		const who = await userWithNickname(uniqueNick("bad"));
		const text = await putAvatar(
			who,
			filesForm("avatar", [{ name: "x.png", bytes: new TextEncoder().encode("not an image at all, sorry"), type: "image/png" }]),
		);
		expect(text.status).toBe(422);
		expect(((await text.json()) as ErrorBody).error.code).toBe("INVALID_IMAGE_FORMAT");
		const tiny = await putAvatar(who, filesForm("avatar", [{ name: "t.png", bytes: await solidPng(8, 8), type: "image/png" }]));
		expect(tiny.status).toBe(422);
		expect(((await tiny.json()) as ErrorBody).error.code).toBe("IMAGE_SIZE_EXCEEDED");
		const noCsrf = await putAvatar(who, filesForm("avatar", [{ name: "ok.png", bytes: await solidPng(64, 64), type: "image/png" }]), { csrf: false });
		expect(noCsrf.status).toBe(403);
		const anonymous = await exports.default.fetch(new Request("http://localhost:8787/api/me/avatar", { method: "PUT", body: filesForm("avatar", []) }));
		expect(anonymous.status).toBe(401);
		expect((await userRow(who.user.id)).avatarR2Key).toBeNull();
		expect(await avatarObjects(who.user.id)).toEqual([]);
	});
});

describe("GET /api/users/:id", () => {
	it("shows the public profile, never e-mail or name; 404 for unknown and deleted users", async () => {
		const nickname = uniqueNick("pub");
		const who = await userWithNickname(nickname, "artist");
		const res = await exports.default.fetch(new Request(`http://localhost:8787/api/users/${who.user.id}`));
		expect(res.status).toBe(200);
		const text = await res.text();
		const body = JSON.parse(text) as UserBody;
		expect(Object.keys(body.user).sort()).toEqual(
			["avatar_url", "bio", "created_at", "follower_count", "following_count", "id", "nickname", "role", "status", "style_count"].sort(),
		);
		expect(body.user).toMatchObject({ id: who.user.id, nickname, role: "artist", follower_count: 0, following_count: 0, status: "active", style_count: 0 });
		expect(text).not.toContain(who.user.email);
		expect(text).not.toContain(who.user.name);

		expect((await exports.default.fetch(new Request("http://localhost:8787/api/users/usr_nobody"))).status).toBe(404);
		await db.update(users).set({ status: "deleted", nickname: null }).where(eq(users.id, who.user.id));
		const deleted = await exports.default.fetch(new Request(`http://localhost:8787/api/users/${who.user.id}`));
		expect(deleted.status).toBe(404);
		expect(((await deleted.json()) as ErrorBody).error.code).toBe("NOT_FOUND");
	});
});

/** A page as a browser in `lang` would get it, signed in as `who` when given. */
function page(path: string, lang: "ko" | "en", who?: TestUser, init: RequestInit = {}) {
	const headers = new Headers(init.headers);
	headers.set("Accept-Language", lang);
	headers.set("Cookie", `lang=${lang}${who ? `; ${who.cookie}` : ""}`);
	return exports.default.fetch(new Request(`http://localhost:8787${path}`, { redirect: "manual", ...init, headers }));
}

/** A public, completed image of `ownerId` in `styleId`. */
async function publicImage(ownerId: string, styleId: string, prompt: string): Promise<string> {
	const id = newId("gen");
	await db.insert(generations).values({
		id,
		userId: ownerId,
		styleId,
		prompt,
		aspect: "1:1",
		width: 1024,
		height: 1024,
		seed: 1,
		costCredits: 10,
		status: "completed",
		visibility: "public",
		r2Key: `generations/${id}.png`,
		completedAt: new Date().toISOString(),
	});
	return id;
}

describe("profile pages", () => {
	let artist: TestUser;
	let fan: TestUser;
	let styleTitle: string;
	let imagePrompt: string;
	beforeAll(async () => {
		const seeded = await seedStyle();
		artist = seeded.artist;
		await db
			.update(users)
			.set({ nickname: uniqueNick("화가"), bio: "수묵화를 그립니다" })
			.where(eq(users.id, artist.user.id));
		fan = await userWithNickname(uniqueNick("fan"));
		styleTitle = "Ink Fox";
		imagePrompt = `fox in the snow ${uniqueNick()}`;
		const imageId = await publicImage(artist.user.id, seeded.id, imagePrompt);
		await db.insert(generationLikes).values({ generationId: imageId, userId: fan.user.id });
		await db.update(users).set({ role: "artist" }).where(eq(users.id, artist.user.id));
	});

	it("/users/:id shows nickname, bio, badge, counts, images and styles in Korean and English; never the name or e-mail", async () => {
		const nickname = (await userRow(artist.user.id)).nickname ?? "";
		for (const [lang, words] of [
			["ko", ["아티스트", "팔로워 0", "팔로잉 0", "이미지", "스타일"]],
			["en", ["Artist", "0 followers", "0 following", "Images", "Styles"]],
		] as const) {
			const res = await page(`/users/${artist.user.id}`, lang, fan);
			expect(res.status).toBe(200);
			const html = await res.text();
			for (const word of [nickname, "수묵화를 그립니다", styleTitle, imagePrompt, `/users/${artist.user.id}/followers`, ...words])
				expect(html, `${lang}: ${word}`).toContain(word);
			expect(html).not.toContain(artist.user.email);
			expect(html).not.toContain(artist.user.name);
		}
		const followers = await page(`/users/${artist.user.id}/followers`, "ko");
		expect(followers.status).toBe(200);
		expect(await followers.text()).toContain(`${nickname}님의 팔로워`);
		const following = await page(`/users/${artist.user.id}/following`, "en");
		expect(following.status).toBe(200);
		expect(await following.text()).toContain(`Followed by ${nickname}`);
	});

	it("a deactivated account shows a notice; a deleted or unknown one is the 404 page", async () => {
		const who = await userWithNickname(uniqueNick("gone"));
		await db.update(users).set({ status: "deactivated" }).where(eq(users.id, who.user.id));
		const deactivated = await page(`/users/${who.user.id}`, "ko");
		expect(deactivated.status).toBe(200);
		expect(await deactivated.text()).toContain("비활성화된 계정입니다");
		await db.update(users).set({ status: "deleted", nickname: null }).where(eq(users.id, who.user.id));
		expect((await page(`/users/${who.user.id}`, "en")).status).toBe(404);
		expect((await page(`/users/${who.user.id}/followers`, "en")).status).toBe(404);
		expect((await page("/users/usr_nobody", "ko")).status).toBe(404);
	});

	it("/me shows its tabs as links, my likes newest first, and artists' styles and earnings, in Korean and English", async () => {
		const ko = await page("/me?tab=likes", "ko", fan);
		expect(ko.status).toBe(200);
		const likes = await ko.text();
		for (const word of ["내 이미지", "좋아요", 'href="/me?tab=images"', imagePrompt, "프로필 편집"]) expect(likes).toContain(word);
		// Not an artist: no styles or earnings tab.
		expect(likes).not.toContain('href="/me?tab=earnings"');
		const en = await page("/me?tab=images", "en", fan);
		expect(en.status).toBe(200);
		expect(await en.text()).toContain("My likes");

		for (const [lang, tab, word] of [
			["ko", "styles", "내 스타일"],
			["en", "styles", styleTitle],
			["ko", "earnings", "수익"],
			["en", "earnings", "Earnings"],
		] as const) {
			const res = await page(`/me?tab=${tab}`, lang, artist);
			expect(res.status, `${lang} ${tab}`).toBe(200);
			const html = await res.text();
			expect(html).toContain(word);
			expect(html).toContain('aria-current="page"');
		}
	});

	it("/me/profile edits nickname and bio with a plain form: saved, or shown again with the refusal; nothing changed on refusal", async () => {
		const who = await userWithNickname(uniqueNick("form"));
		const edit = await page("/me/profile", "ko", who);
		expect(edit.status).toBe(200);
		const html = await edit.text();
		for (const word of ["프로필 편집", "닉네임", "프로필 사진", 'name="_csrf"', 'enctype="multipart/form-data"']) expect(html).toContain(word);
		expect(await (await page("/me/profile", "en", who)).text()).toContain("Edit profile");

		const form = (fields: Record<string, string>) =>
			page("/me/profile", "ko", who, {
				method: "POST",
				headers: { "Content-Type": "application/x-www-form-urlencoded" },
				body: new URLSearchParams(fields).toString(),
			});
		const nickname = uniqueNick("새이름");
		const saved = await form({ _csrf: who.csrf, nickname, bio: "안녕하세요" });
		expect(saved.status).toBe(303);
		expect(saved.headers.get("Location")).toBe("/me/profile?saved=profile");
		expect((await userRow(who.user.id)).nickname).toBe(nickname);
		expect(await (await page("/me/profile?saved=profile", "ko", who)).text()).toContain("프로필을 저장했습니다");

		const taken = (await userRow(artist.user.id)).nickname ?? "";
		const refused = await form({ _csrf: who.csrf, nickname: taken.toUpperCase(), bio: "바뀌면 안 됩니다" });
		expect(refused.status).toBe(409);
		expect(await refused.text()).toContain(taken.toUpperCase());
		const short = await form({ _csrf: who.csrf, nickname: "x", bio: "" });
		expect(short.status).toBe(422);
		const noCsrf = await form({ nickname: uniqueNick("csrf"), bio: "" });
		expect(noCsrf.status).toBe(403);
		const after = await userRow(who.user.id);
		expect([after.nickname, after.bio]).toEqual([nickname, "안녕하세요"]);
	});

	it("/me/profile/avatar uploads through a plain multipart form and removes it", async () => {
		const who = await userWithNickname(uniqueNick("pic"));
		const upload = (fields: { csrf?: boolean; bytes: Uint8Array }) =>
			page("/me/profile/avatar", "en", who, {
				method: "POST",
				body: filesForm("avatar", [{ name: "me.png", bytes: fields.bytes, type: "image/png" }], fields.csrf === false ? {} : { _csrf: who.csrf }),
			});
		expect((await upload({ csrf: false, bytes: await solidPng(300, 300) })).status).toBe(403);
		const bad = await upload({ bytes: new TextEncoder().encode("plain text") });
		expect(bad.status).toBe(422);
		expect(await bad.text()).toContain("Edit profile");
		expect(await avatarObjects(who.user.id)).toEqual([]);
		const ok = await upload({ bytes: await solidPng(300, 200) });
		expect(ok.status).toBe(303);
		expect(ok.headers.get("Location")).toBe("/me/profile?saved=avatar");
		const key = (await userRow(who.user.id)).avatarR2Key;
		expect(await avatarObjects(who.user.id)).toEqual([key]);
		const removed = await page("/me/profile/avatar/delete", "en", who, {
			method: "POST",
			headers: { "Content-Type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams({ _csrf: who.csrf }).toString(),
		});
		expect(removed.status).toBe(303);
		expect(await avatarObjects(who.user.id)).toEqual([]);
		expect((await userRow(who.user.id)).avatarR2Key).toBeNull();
	});
});
