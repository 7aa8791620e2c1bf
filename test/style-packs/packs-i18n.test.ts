import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { generations } from "../../src/db/schema";
import type { GenerationView } from "../../src/generation/queries";
import { createFormatter } from "../../src/i18n/format";
import { DEFAULT_TIME_ZONE } from "../../src/i18n/time-zones";
import { MISSING_MARK } from "../../src/i18n/translator";
import { newId } from "../../src/lib/ids";
import type { ProductView } from "../../src/shared/product";
import { generate, seedStyle } from "../support/generation-helpers";
import { countRows } from "../support/helpers";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

// Prompts are English keywords (the generation flow normalises them); userApi sets the session cookie itself, so the language comes from Accept-Language here.
const korean = { Accept: "text/html", "Accept-Language": "ko" };
const inSeoul = createFormatter("ko", DEFAULT_TIME_ZONE.ko);

/** A Korean page: `<html lang="ko">`, no message missing from the catalogue, none of the given English words. */
async function koreanPage(res: Response, english: string[]): Promise<string> {
	const html = await res.text();
	expect(html).toContain('<html lang="ko"');
	expect(html).not.toContain(MISSING_MARK);
	for (const phrase of english) expect(html).not.toContain(phrase);
	return html;
}

/** `count` completed generations of the artist's style, as the generation flow stores them (the page reads rows only). */
async function completedGenerations(artist: TestUser, styleId: string, count: number): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		const id = newId("gen");
		await getDb(env.DB)
			.insert(generations)
			.values({
				id,
				userId: artist.user.id,
				styleId,
				prompt: `달빛 항구 ${i}`,
				aspect: "1:1",
				width: 512,
				height: 512,
				seed: i,
				costCredits: 5,
				status: "completed",
				r2Key: `gpu/job_${id}/image.png`,
				sha256: "cd".repeat(32),
				size: 1234,
				completedAt: new Date().toISOString(),
			});
		ids.push(id);
	}
	return ids;
}

describe("the style packs studio page in Korean", () => {
	it("shows the form, the packs with Korean money and licence, and refusals in Korean", async () => {
		const style = await seedStyle();
		const ids = await completedGenerations(style.artist, style.id, 3);
		const path = `/studio/styles/${style.id}/packs`;

		const empty = await userApi(style.artist, path, { headers: korean });
		expect(empty.status).toBe(200);
		const blank = await koreanPage(empty, ["Publish a style pack", "Your packs", "Licence for buyers", "Personal use only"]);
		expect(blank).toContain("<title>Ink Fox 스타일 팩");
		expect(blank).toContain("스타일 팩 게시");
		expect(blank).toContain("아직 팩이 없습니다.");
		expect(blank).toContain("구매자 라이선스");
		expect(blank).toContain('aria-label="이동 경로"');

		const form = (price: string, chosen: string[]) => {
			const body = new URLSearchParams({ _csrf: style.artist.csrf, title: "달빛 잉크 팩", description: "", price, license: "personal" });
			for (const id of chosen) body.append("generation_ids", id);
			return body;
		};
		const before = await countRows("style_packs");
		const badPrice = await userApi(style.artist, path, { method: "POST", body: form("공짜", ids), headers: korean });
		expect(badPrice.status).toBe(400);
		const priceHtml = await koreanPage(badPrice, ["Enter the price in dollars", "The pack was not created."]);
		expect(priceHtml).toContain("팩을 만들지 못했습니다.");
		expect(priceHtml).toContain("가격을 달러 단위로 입력하세요(예: 9 또는 9.99).");
		// The artist's typing comes back in the form.
		expect(priceHtml).toContain('value="달빛 잉크 팩"');

		const tooFew = await userApi(style.artist, path, { method: "POST", body: form("9", ids.slice(0, 1)), headers: korean });
		expect(tooFew.status).toBe(400);
		const tooFewHtml = await koreanPage(tooFew, ["The pack was not created."]);
		// zod's own Korean wording of the failed check, after the field's name.
		expect(tooFewHtml).toMatch(/generation_ids: [^<]*[가-힣]/);
		expect(await countRows("style_packs")).toBe(before);

		const created = await userApi(style.artist, `/api/styles/${style.id}/packs`, {
			method: "POST",
			json: { title: "Harbour Nights 팩", description: "", generation_ids: ids, price_cents: 900, license: "commercial" },
		});
		expect(created.status).toBe(201);
		const { product } = (await created.json()) as { product: ProductView };
		const listed = await koreanPage(await userApi(style.artist, path, { headers: korean }), ["Commercial licence", "3 images", " · created "]);
		expect(listed).toContain("Harbour Nights 팩");
		expect(listed).toContain("이미지 3장");
		expect(listed).toContain(inSeoul.money(900, "usd"));
		expect(listed).toContain("상업 라이선스: 본인의 상업적 작업에 사용 가능");
		expect(listed).toContain(`${inSeoul.dateTime(product.created_at)} 생성`);
	});
});

describe("my page and a generation's page in Korean", () => {
	it("shows my page with a generation card and the progress labels in Korean", async () => {
		const style = await seedStyle({ price: 10 });
		const buyer = await createTestUser({ credits: 42, name: "한지민" });
		const { generation } = (await (await generate(buyer, style.id, { prompt: "lantern, river" })).json()) as { generation: GenerationView };

		const page = await userApi(buyer, "/me", { headers: korean });
		expect(page.status).toBe(200);
		const html = await koreanPage(page, ["My generations", "Credit balance", "Make public", "signed by", '"Starting…"']);
		expect(html).toContain("<title>마이페이지");
		expect(html).toContain("안녕하세요, 한지민님");
		expect(html).toContain("크레딧 잔액");
		expect(html).toContain("내 생성 이미지");
		expect(html).toContain(`data-job-id="${generation.gpu_job_id}"`);
		expect(html).toContain('aria-label="생성 이미지: lantern, river"');
		expect(html).toContain("10 크레딧");
		expect(html).toMatch(/Ada_Ink(_\d{4})? 서명/);
		expect(html).toContain("공개로 전환");
		expect(html).toContain(inSeoul.dateTime(generation.created_at));
		// job-progress.js reads its labels from the page, already in Korean.
		const labels = JSON.parse((/data-status-labels="([^"]*)"/.exec(html)?.[1] ?? "{}").replaceAll("&quot;", '"')) as Record<string, string>;
		expect(labels).toMatchObject({ queued: "대기 중", starting: "시작하는 중…", succeeded: "완료", expired: "시간 초과" });
	});

	it("lists an artist's styles in Korean", async () => {
		const style = await seedStyle({ status: "training", price: 7 });
		const html = await koreanPage(await userApi(style.artist, "/me?tab=styles", { headers: korean }), ["My styles", "Open the studio", "credits per image"]);
		expect(html).toContain("내 스타일");
		expect(html).toContain("스튜디오 열기");
		expect(html).toContain("학습 중…");
		expect(html).toContain("이미지당 7 크레딧");
		expect(html).toContain("생성 0회");
	});

	it("shows a generation's own page to its owner in Korean, with the time in the reader's zone", async () => {
		const style = await seedStyle({ price: 5 });
		const buyer = await createTestUser({ credits: 5 });
		const { generation } = (await (await generate(buyer, style.id, { prompt: "owl, moon" })).json()) as { generation: GenerationView };
		const page = await userApi(buyer, `/generations/${generation.id}`, { headers: korean });
		expect(page.status).toBe(200);
		const html = await koreanPage(page, ["Signed by", "← My generations", "Make public", "<dt>Artist</dt>", "An image in"]);
		expect(html).toMatch(/서명: <strong>Ada_Ink(_\d{4})?<\/strong>/);
		expect(html).toContain("<dt>아티스트</dt>");
		expect(html).toContain("<dt>생성일</dt>");
		expect(html).toContain(`<dd>${inSeoul.dateTime(generation.created_at)}</dd>`);
		expect(inSeoul.dateTime(generation.created_at)).toMatch(/\d{4}년 \d{1,2}월 \d{1,2}일/);
		expect(html).toContain("← 내 생성 이미지");
		expect(html).toMatch(/Ada_Ink(_\d{4})?님의 Ink Fox 스타일 이미지입니다\./);
		expect(html).toContain('data-status-labels="');
		expect(html).toContain("시작하는 중…");
	});
});
