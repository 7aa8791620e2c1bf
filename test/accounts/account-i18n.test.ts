import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { users } from "../../src/db/schema";
import { notifyOnce } from "../../src/notifications/notify";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

const KO = { "Accept-Language": "ko", Accept: "text/html" };

async function page(who: TestUser, path: string, headers: Record<string, string> = KO): Promise<string> {
	const res = await userApi(who, path, { headers });
	expect(res.status).toBe(200);
	return res.text();
}

function expectKorean(html: string) {
	expect(html).toContain('<html lang="ko"');
	expect(html).not.toContain("⟦missing⟧");
}

describe("account pages in Korean", () => {
	it("the account page speaks Korean to a Korean reader, English by default", async () => {
		const who = await createTestUser({ credits: 1200 });
		const ko = await page(who, "/account");
		expectKorean(ko);
		expect(ko).toContain("<h1>내 계정</h1>");
		expect(ko).toContain("1,200 크레딧");
		expect(ko).toContain("아티스트 신청하기");
		expect(ko).not.toContain("Apply to become an artist");

		const en = await page(who, "/account", { Accept: "text/html" });
		expect(en).toContain('<html lang="en"');
		expect(en).toContain("1,200 credits");
		expect(en).toContain("Apply to become an artist");
	});

	it("a refused application form answers in Korean", async () => {
		const who = await createTestUser();
		const res = await userApi(who, "/account/artist-application", {
			method: "POST",
			body: new URLSearchParams({ _csrf: who.csrf, statement: "short" }),
			headers: { ...KO, "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:8787" },
		});
		expect(res.status).toBe(400);
		const html = await res.text();
		expectKorean(html);
		expect(html).toContain("작품 소개를 20~2000자로 작성해 주세요.");
	});

	it("the notifications page is Korean, with the time in the reader's format", async () => {
		const who = await createTestUser();
		await notifyOnce(getDb(env.DB), {
			userId: who.user.id,
			kind: "generation_completed",
			title: "Your image is ready",
			link: "/me",
			dedupeKey: `generation_completed:${crypto.randomUUID()}`,
			now: new Date("2026-03-03T10:00:00.000Z"),
		});
		const ko = await page(who, "/notifications");
		expectKorean(ko);
		expect(ko).toContain("<h1>알림</h1>");
		expect(ko).toContain("1개 모두 읽음으로 표시");
		expect(ko).toContain("읽지 않은 알림 1개");
		expect(ko).toContain("2026");
		expect(ko).not.toContain("Mark as read");

		const en = await page(who, "/notifications", { Accept: "text/html" });
		expect(en).toContain("Mark all 1 as read");
	});
});

describe("remembering a signed-in user's language", () => {
	it("stores an explicit choice in users.locale; a browser's Accept-Language alone changes nothing", async () => {
		const who = await createTestUser();
		const db = getDb(env.DB);
		const localeOf = async () => (await db.query.users.findFirst({ where: eq(users.id, who.user.id) }))?.locale ?? null;
		const before = await localeOf();
		await page(who, "/account");
		expect(await localeOf()).toBe(before);
		await page(who, "/account?lang=ko", { Accept: "text/html" });
		expect(await localeOf()).toBe("ko");
		await page(who, "/account?lang=en", { Accept: "text/html" });
		expect(await localeOf()).toBe("en");
	});
});
