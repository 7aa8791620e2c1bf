import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ko } from "../../src/i18n/ko";
import { MISSING_MARK } from "../../src/i18n/translator";
import { englishPhrases, visibleText } from "../i18n/english-strings";
import { createArtist, createStyleVia, uploadSignature, uploadTrainingImages } from "../support/style-helpers";
import { createTestUser, type TestUser } from "../support/user-helpers";

/** A Korean reader's request (the `lang=ko` cookie, as the language switcher sets it), signed in as `who` or signed out. */
function korean(who: TestUser | null, path: string, form?: Record<string, string>): Promise<Response> {
	const headers = new Headers({ Accept: "text/html", Cookie: who ? `${who.cookie}; lang=ko` : "lang=ko" });
	const init: RequestInit = { redirect: "manual", headers };
	if (form && who) {
		init.method = "POST";
		init.body = new URLSearchParams({ ...form, _csrf: who.csrf });
	}
	return exports.default.fetch(new Request(`http://localhost:8787${path}`, init));
}

/** The page's HTML, after checking it is a whole Korean page: `<html lang="ko">`, no missing message, no English catalogue phrase. */
async function koreanPage(res: Response, status = 200): Promise<string> {
	expect(res.status).toBe(status);
	const html = await res.text();
	expect(html).toContain('<html lang="ko"');
	expect(html).not.toContain(MISSING_MARK);
	const text = visibleText(html);
	const english = [...englishPhrases()].filter(([phrase]) => text.includes(phrase)).map(([phrase, key]) => `${key}: "${phrase}"`);
	expect(english).toEqual([]);
	return html;
}

async function trainedStyle(artist: TestUser, title?: string) {
	const style = await createStyleVia(artist, title ? { title } : {});
	await env.DB.prepare("UPDATE styles SET status = 'completed', trained_at = ? WHERE id = ?").bind(new Date().toISOString(), style.id).run();
	return style;
}

describe("styles pages in Korean", () => {
	it("shows the marketplace in Korean, with prices per image and the empty search", async () => {
		const token = crypto.randomUUID().slice(0, 8);
		const style = await trainedStyle(await createArtist(`Painter ${token}`), `Dusk ${token}`);
		const html = await koreanPage(await korean(null, `/styles?q=${token}`));
		expect(html).toContain("<title>아트 스타일");
		expect(html).toContain("작가의 스타일로 이미지를 만들어 보세요.");
		expect(html).toContain('placeholder="수채화, 네온, 작가 이름…"');
		expect(html).toContain(`href="/styles/${style.slug}"`);
		expect(html).toContain(`작가: Painter_${token}`);
		expect(html).toContain("이미지당 5크레딧");
		expect(html).toContain("이미지 0장 생성");
		expect(html).toContain("최신순");
		const none = await koreanPage(await korean(null, `/styles?q=nothing-${token}`));
		expect(none).toContain("일치하는 스타일이 없습니다");
	});

	it("shows a trained style's page with the generate form, its job labels and script messages in Korean", async () => {
		const artist = await createArtist();
		const style = await trainedStyle(artist);
		const buyer = await createTestUser({ credits: 40 });
		const html = await koreanPage(await korean(buyer, `/styles/${style.slug}`));
		expect(html).toContain("이 스타일로 생성하기");
		expect(html).toContain("5크레딧으로 생성하기");
		expect(html).toContain("내 잔액: 40크레딧");
		expect(html).toContain("프롬프트");
		expect(html).toContain("세로형");
		expect(html).toContain("샘플 갤러리");
		expect(html).toContain(`data-generate-api="/api/styles/${style.id}/generations"`);
		// generate.js and job-progress.js show the page's words: the statuses and messages come translated.
		expect(html).toMatch(/data-status-labels="[^"]*생성 중/);
		expect(html).toContain('data-msg-refunded="{credits}크레딧을 환불했습니다."');
		expect(html).toContain('data-msg-not-queued="이미지 생성을 요청하지 못했습니다(HTTP {status})."');

		const signedOut = await koreanPage(await korean(null, `/styles/${style.slug}`));
		expect(signedOut).toContain("로그인하고 생성하기");
		expect(signedOut).not.toContain("data-generate-api");

		const owner = await koreanPage(await korean(artist, `/styles/${style.slug}`));
		expect(owner).toContain("내 스타일입니다.");
	});

	it("shows a refused generation's reason in Korean on the style page, keeping the prompt", async () => {
		const style = await trainedStyle(await createArtist());
		const buyer = await createTestUser({ credits: 2 });
		const html = await koreanPage(await korean(buyer, `/styles/${style.slug}/generate`, { prompt: "another one", aspect: "1:1" }), 402);
		expect(html).toContain(ko.errors.message.INSUFFICIENT_TOKENS);
		expect(html).toContain("another one");
		expect(html).toContain("내 잔액: 2크레딧");
	});

	it("shows the studio and the new-style editor in Korean, with the creation date written the Korean way", async () => {
		const artist = await createArtist();
		const empty = await koreanPage(await korean(artist, "/studio"));
		expect(empty).toContain("내 스튜디오");
		expect(empty).toContain("내 스타일 등록하기");
		await createStyleVia(artist, { title: "Ink wash" });
		const studio = await koreanPage(await korean(artist, "/studio"));
		expect(studio).toContain("Ink wash");
		expect(studio).toContain("학습 이미지 0장 · 이미지당 5크레딧 · 이미지 0장 생성 ·");
		expect(studio).toMatch(/\d{4}년 \d{1,2}월 \d{1,2}일 생성/);
		expect(studio).toContain("학습 전");

		const editor = await koreanPage(await korean(artist, "/studio/styles/new"));
		expect(editor).toContain("<h1>새 스타일</h1>");
		expect(editor).toContain("이미지당 가격(크레딧)");
		expect(editor).toMatch(/<button class="button button-primary" type="submit">\s*스타일 만들기/);
	});

	it("shows the style editor in Korean: notices, what training still needs, uploads, form errors", async () => {
		const artist = await createArtist();
		const created = await korean(artist, "/studio/styles", { title: "Chalk lines", tags: "chalk", price_credits: "4" });
		expect(created.status).toBe(303);
		const location = created.headers.get("Location") ?? "";
		const html = await koreanPage(await korean(artist, location));
		expect(html).toContain("스타일을 만들었습니다.");
		expect(html).toContain("학습을 시작하려면 다음이 필요합니다: 학습 이미지 10장 이상(현재 0장) 및 서명 이미지.");
		expect(html).toMatch(/disabled="">\s*학습 시작/);
		expect(html).toContain("아직 학습 이미지가 없습니다.");
		expect(html).toContain("아직 서명이 없습니다.");
		expect(html).toContain("스타일과 학습 이미지, 서명을 모두 삭제합니다.");
		// style-studio.js shows the page's words while uploading.
		expect(html).toContain('data-msg-uploading="이미지 {n}장 업로드 중…"');
		expect(html).toContain('data-msg-uploading-part="{total}개 중 {part}번째 묶음 업로드 중…"');

		const styleId = location.split("/").pop()?.split("?")[0] ?? "";
		expect((await uploadTrainingImages(artist, styleId, 2)).status).toBe(201);
		expect((await uploadSignature(artist, styleId)).status).toBe(200);
		const uploaded = await koreanPage(await korean(artist, `/studio/styles/${styleId}?done=images`));
		expect(uploaded).toContain("학습 이미지를 추가했습니다.");
		expect(uploaded).toContain("학습을 시작하려면 다음이 필요합니다: 학습 이미지 10장 이상(현재 2장).");
		expect(uploaded).toMatch(/aria-label="[^"]+ 삭제"/);
		expect(uploaded).toContain('alt="현재 서명"');

		const refused = await koreanPage(await korean(artist, "/studio/styles", { title: "Tags", tags: "ok, 日本", price_credits: "5" }), 422);
		expect(refused).toMatch(/<p class="alert alert-error" role="alert">[^<]*[가-힣]/);
		expect(refused).toContain('value="ok, 日本"');
	});

	it("shows a trained style's editor in Korean: when it was trained, and why it cannot be deleted", async () => {
		const artist = await createArtist();
		const style = await trainedStyle(artist);
		const html = await koreanPage(await korean(artist, `/studio/styles/${style.id}`));
		expect(html).toContain("학습 완료");
		expect(html).toMatch(/\d{4}년 \d{1,2}월 \d{1,2}일 [^<]*에 학습을 마쳤습니다\./);
		expect(html).toContain("마켓플레이스에 공개</a>되었습니다.");
		expect(html).toContain("학습을 마친 스타일은 라이선스 작품이므로 삭제할 수 없습니다.");
	});
});
