import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { failGeneration } from "../../src/generation/outcomes";
import { notifyOnce } from "../../src/notifications/notify";
import { generate, generationRow, notificationsOf, seedStyle } from "../support/generation-helpers";
import { createTestUser, userApi } from "../support/user-helpers";

describe("notifications in the reader's language", () => {
	it("a failed generation's notifications read in Korean to a Korean reader and in English to an English one", async () => {
		const style = await seedStyle({ price: 10 });
		const buyer = await createTestUser({ credits: 30 });
		const res = await generate(buyer, style.id, { prompt: "ink fox, forest" });
		expect(res.status).toBe(202);
		const { generation } = (await res.json()) as { generation: { id: string } };
		const row = await generationRow(generation.id);
		if (!row) throw new Error("generation not stored");
		expect(await failGeneration(getDb(env.DB), row, { code: "BACKEND_ERROR", message: "GPU fell over" }, new Date())).toBe("failed");

		// Stored once: English words for old readers, and the message values for every language.
		const stored = await notificationsOf(buyer.user.id);
		const failed = stored.find((n) => n.kind === "generation_failed");
		// The prompt as stored (the generation request normalizes what was typed).
		const prompt = row.prompt;
		expect(failed).toMatchObject({ title: "Your image could not be generated", body: `“${prompt}”: GPU fell over` });
		expect(JSON.parse(failed?.params ?? "null")).toEqual({ prompt, reason: "GPU fell over" });

		const ko = await (await userApi(buyer, "/notifications", { headers: { "Accept-Language": "ko", Accept: "text/html" } })).text();
		expect(ko).toContain('<html lang="ko"');
		expect(ko).not.toContain("⟦missing⟧");
		expect(ko).toContain("이미지를 생성하지 못했습니다");
		expect(ko).toContain(`“${prompt}”: GPU fell over`);
		expect(ko).toContain("10 크레딧이 환불되었습니다");
		expect(ko).toContain("실패한 이미지 생성에 예약되었던 크레딧이 잔액으로 돌아왔습니다.");
		expect(ko).not.toContain("Your image could not be generated");

		const en = await (await userApi(buyer, "/notifications", { headers: { Accept: "text/html" } })).text();
		expect(en).toContain("Your image could not be generated");
		expect(en).toContain("10 credits refunded");
		expect(en).not.toContain("크레딧");
	});
});

describe("GET /api/notifications in the request's language", () => {
	it("words title and body per Accept-Language; rows without params keep their stored words", async () => {
		const style = await seedStyle({ price: 10 });
		const buyer = await createTestUser({ credits: 30 });
		const { generation } = (await (await generate(buyer, style.id, { prompt: "harbour at dusk" })).json()) as { generation: { id: string } };
		const row = await generationRow(generation.id);
		if (!row) throw new Error("generation not stored");
		await failGeneration(getDb(env.DB), row, { code: "BACKEND_ERROR", message: "GPU fell over" }, new Date());
		await notifyOnce(getDb(env.DB), {
			userId: buyer.user.id,
			kind: "training_completed",
			title: "Old stored title",
			link: "/me",
			dedupeKey: `old:${crypto.randomUUID()}`,
			now: new Date(),
		});

		type Listed = { notifications: { kind: string; title: string; body: string }[] };
		const ko = (await (await userApi(buyer, "/api/notifications", { headers: { "Accept-Language": "ko" } })).json()) as Listed;
		const titles = ko.notifications.map((n) => n.title).sort();
		expect(titles).toEqual(["10 크레딧이 환불되었습니다", "Old stored title", "이미지를 생성하지 못했습니다"].sort());
		const en = (await (await userApi(buyer, "/api/notifications")).json()) as Listed;
		expect(en.notifications.map((n) => n.title).sort()).toEqual(["10 credits refunded", "Old stored title", "Your image could not be generated"].sort());
	});
});
