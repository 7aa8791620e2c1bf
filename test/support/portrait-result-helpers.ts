import { env } from "cloudflare:workers";
import { asc } from "drizzle-orm";
import { getDb } from "../../src/db/client";
import { knowledgeBase, portraitImages, portraitJobs, portraitRecommendations, smsLogs } from "../../src/db/schema";
import { sha256Hex } from "../../src/lib/hash";
import type { PortraitDeps } from "../../src/portraits/deps";
import { newJobKey, newPortraitJobId, PORTRAIT_TTL_MS } from "../../src/portraits/jobs";
import type { PortraitMessage } from "../../src/portraits/messages";
import { normalizeKoreanMobile } from "../../src/portraits/phone";
import { phoneHash, sealPhone } from "../../src/portraits/phone-seal";
import type { PortraitReport } from "../../src/shared/portraits";
import { ADMIN_KEY, api, testAppDeps } from "./helpers";

/** A report of exactly the seed's shape. */
export const TEST_REPORT: PortraitReport = {
	summary: "밝은 인상이 돋보이는 사진입니다.",
	improvements: [{ area: "skin", description: "보습을 꾸준히 하십시오.", recommendations: ["SC001"] }],
	timeline: "4주",
	estimated_cost: "3만 원 ~ 10만 원",
};

/** A completed job as the tests hold it: id, key, the number it was made for, and its three portraits' bytes by position. */
export type CompletedJob = { id: string; key: string; phone: string; images: Uint8Array[]; photoKey: string };

/**
 * A completed portrait job stored directly (as processing and the SMS leave one): the sealed
 * number, its hash and last four digits, the photo and three portraits in R2 under
 * `portraits/<id>/`, their rows, the report, two recommendations from the seeded knowledge
 * base, one accepted SMS attempt. `createdAt` defaults to ten minutes ago (expiry 24 hours after it).
 */
export async function storeCompletedJob(options: { phone?: string; createdAt?: Date; locale?: "ko" | "en" } = {}): Promise<CompletedJob> {
	const deps = await testAppDeps();
	const db = getDb(env.DB);
	const id = newPortraitJobId();
	const key = newJobKey();
	const phone = options.phone ?? "010-1234-5678";
	const e164 = normalizeKoreanMobile(phone);
	// Made ten minutes ago, so every step's time (paid, uploaded, completed, SMS) is in the past.
	const created = options.createdAt ?? new Date(Date.now() - 10 * 60_000);
	const at = (offsetMs: number) => new Date(created.getTime() + offsetMs).toISOString();
	const sealed = await sealPhone(deps.keys.phoneSeal, e164, id);
	const photoKey = `portraits/${id}/photo-${crypto.randomUUID()}.jpg`;
	await env.FILES.put(photoKey, new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));
	await db.insert(portraitJobs).values({
		id,
		status: "completed",
		keyHash: await sha256Hex(key),
		locale: options.locale ?? "ko",
		priceCents: 9900,
		currency: "krw",
		provider: "local",
		checkoutSessionId: `cs_test_${crypto.randomUUID().replaceAll("-", "")}`,
		paymentIntentId: `pi_test_${crypto.randomUUID().replaceAll("-", "")}`,
		paidAt: at(60_000),
		phoneCiphertext: sealed.ciphertext,
		phoneKeyId: sealed.kid,
		phoneHash: await phoneHash(deps.keys.phoneHash, id, e164),
		phoneLast4: e164.slice(-4),
		photoKey,
		report: JSON.stringify(TEST_REPORT),
		reportWriter: "template",
		progressPercent: 100,
		progressStep: "done",
		createdAt: created.toISOString(),
		expiresAt: at(PORTRAIT_TTL_MS),
		uploadedAt: at(120_000),
		completedAt: at(180_000),
		smsSentAt: at(190_000),
	});
	const images: Uint8Array[] = [];
	for (let position = 0; position < 3; position++) {
		const bytes = crypto.getRandomValues(new Uint8Array(64));
		images.push(bytes);
		const r2Key = `portraits/${id}/portrait-${position}-${crypto.randomUUID()}.png`;
		await env.FILES.put(r2Key, bytes);
		await db.insert(portraitImages).values({ jobId: id, position, r2Key, contentType: "image/png", size: bytes.length, seed: position + 1 });
	}
	const codes = await db.select({ code: knowledgeBase.code }).from(knowledgeBase).orderBy(asc(knowledgeBase.code)).limit(2);
	await db.insert(portraitRecommendations).values(codes.map(({ code }, position) => ({ jobId: id, code, position })));
	await db.insert(smsLogs).values({
		id: `sml_${crypto.randomUUID().replaceAll("-", "")}`,
		jobId: id,
		purpose: "portrait_ready",
		provider: "log",
		recipientMasked: `010-****-${e164.slice(-4)}`,
		body: `[Find My Rizz]\nhttp://localhost:8787/result/${id}`,
		attempt: 1,
		outcome: "accepted",
		createdAt: at(190_000),
	});
	return { id, key, phone, images, photoKey };
}

/** `POST /api/portraits/:id/verify` from `ip`. */
export function verify(jobId: string, phone: string, ip: string): Promise<Response> {
	return api(`/api/portraits/${jobId}/verify`, { method: "POST", auth: null, headers: { "CF-Connecting-IP": ip }, json: { phone } });
}

/** The `name=value` of a response's session cookie, for the Cookie header of the next request. */
export function sessionCookie(res: Response): string {
	const cookie = res.headers.getSetCookie().find((line) => line.startsWith("rizz_"));
	if (!cookie) throw new Error("no session cookie");
	return cookie.split(";")[0] ?? "";
}

/** Verifies with the right number and returns the session cookie. */
export async function verifiedCookie(job: CompletedJob, ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}`): Promise<string> {
	const res = await verify(job.id, job.phone, ip);
	if (res.status !== 200) throw new Error(`verify answered ${res.status}`);
	return sessionCookie(res);
}

/** A random client address in a documentation range, so tests never share a per-client budget. */
export function randomIp(): string {
	return `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 254) + 1}`;
}

/** The survey row of a job. */
export function surveyRow(jobId: string) {
	return getDb(env.DB).query.portraitSurveys.findFirst({ where: (row, { eq }) => eq(row.jobId, jobId) });
}

/** A dashboard session cookie (`ef_admin=…`), signed in with the admin key from a client of its own. */
export async function adminCookie(): Promise<string> {
	const login = await api("/admin/login", {
		method: "POST",
		auth: null,
		headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:8787", "CF-Connecting-IP": randomIp() },
		body: new URLSearchParams({ key: ADMIN_KEY }).toString(),
	});
	const session = /ef_admin=([^;]+)/.exec(login.headers.get("Set-Cookie") ?? "")?.[1];
	if (!session) throw new Error(`admin sign-in answered ${login.status}`);
	return `ef_admin=${session}`;
}

/** `/admin/portraits` as the signed-in admin sees it, in `lang`. */
export async function adminPortraitsPage(cookie: string, lang: "ko" | "en" = "en", query = ""): Promise<{ status: number; html: string }> {
	const res = await api(`/admin/portraits${query}`, { auth: null, headers: { Accept: "text/html", Cookie: `lang=${lang}; ${cookie}` } });
	return { status: res.status, html: await res.text() };
}

/** A queue that keeps every message and every sendBatch call's size, so a test runs the handler itself. */
export class RecordingPortraitQueue implements Queue<PortraitMessage> {
	readonly sent: PortraitMessage[] = [];
	readonly batchSizes: number[] = [];
	async send(body: PortraitMessage): Promise<QueueSendResponse> {
		this.sent.push(body);
		return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: new Date() } } } as QueueSendResponse;
	}
	async sendBatch(messages: Iterable<MessageSendRequest<PortraitMessage>>): Promise<QueueSendBatchResponse> {
		const list = [...messages];
		this.batchSizes.push(list.length);
		for (const message of list) this.sent.push(message.body);
		return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: new Date() } } } as QueueSendBatchResponse;
	}
	async metrics(): Promise<QueueMetrics> {
		return { backlogCount: this.sent.length, backlogBytes: 0, oldestMessageTimestamp: new Date() } as QueueMetrics;
	}
}

/**
 * The portrait deps over the test bindings, on a clock of the test's choosing and a recording
 * queue. Only the portrait line's clock moves: the GPU gateway client and the payment provider
 * keep the real one, as the outside services they talk to do (a gateway token signed a day ahead
 * is refused as issued in the future).
 */
export async function portraitDepsAt(now: () => Date): Promise<PortraitDeps & { queue: RecordingPortraitQueue }> {
	const deps = await testAppDeps();
	return { ...deps.portraits, queue: new RecordingPortraitQueue(), now };
}
