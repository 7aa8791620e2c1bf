import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createI18n } from "../../src/i18n/i18n";
import { FAST_GATEWAY, type GpuStack, startGpuStack } from "../support/gpu-stack.ts";
import { cspViolations, launchBrowser, screenshot } from "./browser.ts";
import { generateOnStylePage, signInAt } from "./journey.ts";
import { ko } from "./korean.ts";

/**
 * The community in Korean, through the real pages: a user signs in (development issuer), follows
 * an artist from the feed, likes the artist's image, comments on it and replies to the comment;
 * the artist then sees the notifications, edits their profile (Hangul nickname, bio, picture) and
 * finds the earning on my page.
 *
 * The artist's trained style is seeded through the bench-only `/__bench/community/trained-style`
 * route (BENCH_BASELINE=enabled, loopback only) instead of the application, approval and training
 * that test/e2e/style-licensing.test.ts walks through. Everything after it is real: both images
 * are rendered by the gpu-gateway (in this process, fast clocks) and captured through the
 * Worker's callbacks, and the artist's earning is the capture's own ledger movement.
 */

const PRICE = 10;
/** ARTIST_SHARE's default, 70 %, of the user's 10-credit generation. */
const EARNED = 7;

/** A Korean message by its key, where two catalogues share the English words (`1 like` is both a button's count and a card's). */
const koKey = createI18n("ko", null, { fallback: false }).t as unknown as (key: string, values: Record<string, unknown>) => string;

let gpu: GpuStack;
let browser: Browser;

beforeAll(async () => {
	[gpu, browser] = await Promise.all([startGpuStack(FAST_GATEWAY, { BENCH_BASELINE: "enabled" }, { withDevIssuer: true }), launchBrowser()]);
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await gpu?.stop();
});

type PublicUser = { user: { id: string; nickname: string; bio: string; avatar_url: string | null; follower_count: number } };

async function publicUser(id: string): Promise<PublicUser["user"]> {
	const res = await fetch(`${gpu.stack.url}/api/users/${id}`);
	expect(res.status).toBe(200);
	return ((await res.json()) as PublicUser).user;
}

async function meOf(page: Page): Promise<{ id: string }> {
	const res = await page.context().request.get(`${gpu.stack.url}/api/me`);
	expect(res.status()).toBe(200);
	return ((await res.json()) as { user: { id: string } }).user;
}

describe("community in the browser (Korean)", () => {
	it("a user follows, likes, comments and replies from the feed; the artist is notified, edits the profile and sees the earning", async () => {
		const { stack } = gpu;

		// The artist signs in; their trained style is seeded; they post an image of their own.
		const artistContext = await browser.newContext({ locale: "ko-KR" });
		const artist = await artistContext.newPage();
		await signInAt(stack, artist, "/account", "hana.artist@example.com", "Hana Kim");
		const artistId = (await meOf(artist)).id;
		const seeded = await fetch(`${stack.url}/__bench/community/trained-style`, {
			method: "POST",
			headers: { "Content-Type": "application/json" },
			body: JSON.stringify({ artist_id: artistId, title: "수묵 수채화", tags: ["watercolor", "수채화"] }),
		});
		expect(seeded.status).toBe(201);
		const { style } = (await seeded.json()) as { style: { slug: string } };
		const artistImage = await generateOnStylePage(stack, artist, style.slug, "lighthouse, stormy sea", PRICE);

		// A user signs in and generates in the artist's style: the capture credits the artist.
		const userContext = await browser.newContext({ locale: "ko-KR" });
		const user = await userContext.newPage();
		await signInAt(stack, user, "/account", "min.user@example.com", "Min Lee");
		const userId = (await meOf(user)).id;
		const userNickname = (await publicUser(userId)).nickname;
		const userImage = await generateOnStylePage(stack, user, style.slug, "pine forest, morning fog", PRICE);

		// 1. The feed, in Korean.
		await user.goto(`${stack.url}/feed`);
		expect(await user.locator("html").getAttribute("lang")).toBe("ko");
		expect(await user.getByRole("heading", { level: 1 }).textContent()).toContain(ko("Feed"));
		const card = user.locator(`li[data-feed-item="${artistImage}"]`);
		await card.waitFor();
		await screenshot(user, "community-01-feed");

		// 2. Follow the artist from the card (community.js calls the API and updates the button).
		expect((await publicUser(artistId)).follower_count).toBe(0);
		const follow = card.locator('form[data-community="follow"] button');
		expect(await follow.textContent()).toBe(ko("Follow"));
		await follow.click();
		await expect.poll(() => card.locator('form[data-community="follow"] button').textContent()).toBe(ko("Unfollow"));
		await expect.poll(async () => (await publicUser(artistId)).follower_count).toBe(1);
		// The user's own image is in the artist's style too: its card's button follows along.
		await expect.poll(() => user.locator(`li[data-feed-item="${userImage}"] form[data-community="follow"] button`).textContent()).toBe(ko("Unfollow"));

		// 3. Like the artist's image: the count goes from 0 to 1 in place.
		const likeCount = card.locator(".like-count");
		expect(await likeCount.textContent()).toBe(koKey("community:like.count", { count: 0 }));
		await card.locator('form[data-community="like"] button').click();
		await expect.poll(() => likeCount.textContent()).toBe(koKey("community:like.count", { count: 1 }));
		await screenshot(user, "community-02-followed-and-liked");

		// 4. Comment on it and reply to the comment, on the image's own page.
		await user.goto(`${stack.url}/feed/${artistImage}`);
		const thread = user.locator("section.comment-thread");
		await thread.getByLabel(ko("Your comment")).fill("바다 빛이 정말 아름다워요!");
		await thread
			.locator("form.comment-form")
			.getByRole("button", { name: ko("Post") })
			.click();
		const comment = thread.locator("article.comment", { hasText: "바다 빛이 정말 아름다워요!" }).first();
		await comment.waitFor();
		await comment.locator("details.comment-reply summary").click();
		await comment.getByLabel(ko("Your reply")).fill("먹선이 특히 좋네요.");
		await comment
			.locator("details.comment-reply")
			.getByRole("button", { name: ko("Reply") })
			.click();
		// The reply sits under the comment it answers.
		await comment.locator(".comment-replies article.comment", { hasText: "먹선이 특히 좋네요." }).waitFor();
		await user.reload();
		expect(await user.locator("[data-comment-count]").first().textContent()).toContain(koKey("community:comments.count", { count: 2 }));
		await screenshot(user, "community-03-commented");

		// 5. The artist sees who liked, commented and followed, in Korean.
		await artist.goto(`${stack.url}/notifications`);
		const row = (kind: string) => artist.locator(`li.notification[data-kind="${kind}"]`);
		for (const kind of ["liked", "commented", "followed"]) await row(kind).waitFor();
		expect(await row("liked").locator(".notification-title").textContent()).toContain(koKey("account:notification.liked.title", { actor: userNickname }));
		expect(await row("followed").locator(".notification-title").textContent()).toContain(koKey("account:notification.followed.title", { actor: userNickname }));
		// The comment and its reply are one grouped row: one image, and one person, so no "외 1명" ("and 1 other").
		expect(await row("commented").count()).toBe(1);
		expect(await row("commented").locator(".notification-title").textContent()).toContain(
			koKey("account:notification.commented.title", { actor: userNickname }),
		);
		await screenshot(artist, "community-04-notifications");

		// 6. The artist edits the profile: a Hangul nickname, an introduction and a picture.
		await artist.goto(`${stack.url}/me/profile`);
		await artist.getByLabel(ko("Nickname")).fill("수채화가하나");
		await artist.getByLabel(ko("Introduction")).fill("먹선과 맑은 수채로 바다를 그립니다.");
		await artist.getByRole("button", { name: ko("Save") }).click();
		await artist.getByText(ko("Your profile is saved.")).waitFor();
		const picture = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 40, g: 110, b: 170 } } })
			.jpeg()
			.toBuffer();
		await artist.locator("#avatar-file").setInputFiles({ name: "me.jpg", mimeType: "image/jpeg", buffer: picture });
		await artist.getByRole("button", { name: ko("Upload picture") }).click();
		await artist.getByText(ko("Your profile picture is updated.")).waitFor();
		const profile = await publicUser(artistId);
		expect([profile.nickname, profile.bio]).toEqual(["수채화가하나", "먹선과 맑은 수채로 바다를 그립니다."]);
		expect(profile.avatar_url).toMatch(new RegExp(`^/users/${artistId}/avatar\\?v=[0-9a-f]{8}$`));
		await screenshot(artist, "community-05-profile");

		// 7. The earning from the user's generation, on my page.
		await artist.goto(`${stack.url}/me?tab=earnings`);
		await expect.poll(() => artist.locator("[data-earnings-balance]").getAttribute("data-earnings-balance")).toBe(String(EARNED));
		expect(await artist.locator("section.earnings-panel h2").textContent()).toBe(koKey("earnings:panel.title", {}));
		await screenshot(artist, "community-06-earnings");

		await Promise.all([artistContext.close(), userContext.close()]);
		expect(cspViolations).toEqual([]);
	}, 240_000);
});
