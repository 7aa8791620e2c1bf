import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { getDb } from "../../src/db/client";
import { users } from "../../src/db/schema";
import { projects } from "../../src/db/video-schema";
import { sha256Hex } from "../../src/lib/hash";
import { newId } from "../../src/lib/ids";
import thumbnailUrl from "../fixtures/tiny-thumbnail.jpg?inline";
import tinyMp4Url from "../fixtures/tiny-video.mp4?inline";
import silentMp4Url from "../fixtures/tiny-video-silent.mp4?inline";
import { createTestUser, type TestUser } from "./user-helpers";

/** The bytes of a `?inline` data URL. */
function bytesOf(dataUrl: string): Uint8Array {
	const binary = atob(dataUrl.slice(dataUrl.indexOf(",") + 1));
	return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/**
 * Real media made by ffmpeg (test/fixtures/): a 1-second 90×160 H.264/AAC MP4, the same without
 * its audio track, and a JPEG thumbnail.
 */
export const VIDEO_FIXTURES = { mp4: bytesOf(tinyMp4Url), silentMp4: bytesOf(silentMp4Url), thumbnail: bytesOf(thumbnailUrl) };

/** The e-mail of the shop's own account: the test Worker's ADMIN_EMAILS. */
export const SHOP_EMAIL = "admin@example.com";

export const KOREAN_SCRIPT =
	"[INTRO 0:00–0:01] 제주 여행, 이렇게 시작하세요.\n[MAIN 0:01–0:01] 바다와 오름을 하루에 봅니다.\n[OUTRO 0:01–0:01] 지금 떠나 보세요.";
export const KOREAN_SRT = "1\n00:00:00,000 --> 00:00:00,500\n제주 여행, 이렇게 시작하세요.\n\n2\n00:00:00,500 --> 00:00:01,000\n지금 떠나 보세요.\n";

/** A user whose e-mail is the shop's (a fresh user, its e-mail changed: one per test file). */
export async function shopUser(): Promise<TestUser> {
	const who = await createTestUser({ name: "상점 관리자" });
	await getDb(env.DB).update(users).set({ email: SHOP_EMAIL }).where(eq(users.id, who.user.id));
	return who;
}

/**
 * A project as the pipeline leaves it when its run completed: the video, thumbnail, script and
 * subtitles on the row, the media in R2. `mp4` picks the video; `status` may say it is not ready.
 */
export async function seedReadyProject(
	owner: TestUser,
	opts: { mp4?: Uint8Array; status?: "ready" | "processing" | "draft"; title?: string } = {},
): Promise<typeof projects.$inferSelect> {
	const id = newId("proj");
	const mp4 = opts.mp4 ?? VIDEO_FIXTURES.mp4;
	const videoKey = `projects/${id}/video.mp4`;
	const thumbnailKey = `projects/${id}/thumbnail.jpg`;
	await env.FILES.put(videoKey, mp4, { httpMetadata: { contentType: "video/mp4" } });
	await env.FILES.put(thumbnailKey, VIDEO_FIXTURES.thumbnail, { httpMetadata: { contentType: "image/jpeg" } });
	const [row] = await getDb(env.DB)
		.insert(projects)
		.values({
			id,
			userId: owner.user.id,
			title: opts.title ?? "제주 여행 30초",
			status: opts.status ?? "ready",
			keyword: "제주 여행",
			aspect: "9:16",
			durationS: 15,
			language: "ko",
			script: KOREAN_SCRIPT,
			scriptSource: "template",
			videoR2Key: videoKey,
			videoSha256: await sha256Hex(mp4),
			videoSize: mp4.byteLength,
			videoDurationMs: 1000,
			videoWidth: 90,
			videoHeight: 160,
			thumbnailR2Key: thumbnailKey,
			thumbnailSha256: await sha256Hex(VIDEO_FIXTURES.thumbnail),
			thumbnailSize: VIDEO_FIXTURES.thumbnail.byteLength,
			subtitlesSrt: KOREAN_SRT,
		})
		.returning();
	if (!row) throw new Error("project not inserted");
	return row;
}
