import { describe, expect, it } from "vitest";
import type { DomainId } from "../../src/pipeline/generators/template/domains";
import { matchDomain, topicParts } from "../../src/pipeline/generators/template/topic-profile";

/**
 * Topic → domain. The head (the subject before "for …" or "…을/를 위한") decides; audience words
 * only break ties, so the "X for <audience>" rows name audiences that belong to another domain.
 */
const TABLE: readonly (readonly [string, DomainId])[] = [
	// The reported topics.
	["personal finance for freelancers", "finance"],
	["watercolor basics for kids", "art"],
	// Plain topics, one or more per domain.
	["sourdough baking for beginners", "cooking"],
	["marathon training for busy parents", "fitness"],
	["personal budgeting in your twenties", "finance"],
	["Kubernetes cost optimization", "programming"],
	["Instagram marketing for local cafes", "marketing"],
	["container gardening on a balcony", "gardening"],
	["street photography at night", "photography"],
	["deep work for remote teams", "productivity"],
	["teaching fractions with games", "education"],
	["launching an Etsy shop", "business"],
	["TypeScript testing strategies", "programming"],
	["backpacking Southeast Asia on a budget", "travel"],
	["newsletter growth with zero ad spend", "marketing"],
	["retirement savings with index funds", "finance"],
	["UX writing for mobile apps", "design"],
	["logo design fundamentals", "design"],
	["acrylic painting techniques", "art"],
	["urban sketching in ink", "art"],
	["knitting your first scarf", "art"],
	["pottery on the wheel", "art"],
	["vegetable garden planning", "gardening"],
	["pricing your consulting services", "business"],
	["learning Spanish vocabulary", "education"],
	["yoga for lower back pain", "fitness"],
	// "X for <audience>": the audience belongs to another domain, the head wins.
	["meal prep for programmers", "cooking"],
	["strength training for software developers", "fitness"],
	["budgeting for photographers", "finance"],
	["time management for teachers", "productivity"],
	["watercolor painting for gardeners", "art"],
	["email marketing for bakeries", "marketing"],
	["Python scripting for accountants in small business", "programming"],
	["travel planning for runners", "travel"],
	["portrait photography for small business owners", "photography"],
	["houseplant care for busy developers", "gardening"],
	["drawing lessons for cooking bloggers", "art"],
	["investing for yoga teachers", "finance"],
	["focus habits for students", "productivity"],
	["logo design for restaurants", "design"],
	["study techniques for marathon runners", "education"],
	["sourdough baking for travel lovers", "cooking"],
	["bookkeeping for photographers", "business"],
	// Korean topics.
	["프리랜서를 위한 개인 재무 관리", "finance"],
	["아이를 위한 수채화 기초", "art"],
	["초보자를 위한 사워도우 빵 굽기", "cooking"],
	["직장인을 위한 홈트레이닝", "fitness"],
	["개발자를 위한 집밥 밀프렙", "cooking"],
	["사진작가를 위한 가계부 쓰기", "finance"],
	["디자이너를 위한 시간관리", "productivity"],
	["카페 사장님을 위한 인스타그램 마케팅", "marketing"],
	["요리사를 위한 파이썬 기초", "programming"],
	["여행자를 위한 스마트폰 사진 촬영", "photography"],
	["베란다 텃밭 가꾸기", "gardening"],
	["토익 900점 공부법", "education"],
	["스마트스토어 창업", "business"],
	["로고 디자인 입문", "design"],
	["제주 한달살기 준비", "travel"],
	["어반스케치 시작하기", "art"],
	["뜨개질로 목도리 만들기", "art"],
	["주부를 위한 주식 투자 첫걸음", "finance"],
	["운동선수를 위한 영어 회화", "education"],
	["엄마를 위한 미라클모닝 루틴", "productivity"],
	["학생을 위한 유럽 배낭여행", "travel"],
	["화가를 위한 도커 입문", "programming"],
];

/** Topics no pack fits: the generic pack, built around the topic's own words. */
const UNKNOWN: readonly string[] = ["beekeeping regulations in Norway", "tips for photographers", "medieval castle architecture", "고대 이집트 상형문자 읽기"];

describe("topic → domain", () => {
	it("has enough rows of each kind", () => {
		const korean = TABLE.filter(([topic]) => /\p{Script=Hangul}/u.test(topic));
		const withAudience = TABLE.filter(([topic]) => topicParts(topic).audience !== "");
		expect(TABLE.length).toBeGreaterThanOrEqual(60);
		expect(korean.length).toBeGreaterThanOrEqual(20);
		// Rows with an audience whose own words would pick another domain than the head's.
		const crossAudience = withAudience.filter(([topic, expected]) => {
			const audience = topicParts(topic).audience;
			const alone = matchDomain(audience);
			return alone.confident && alone.domain.id !== expected;
		});
		expect(crossAudience.length).toBeGreaterThanOrEqual(15);
	});

	it.each(TABLE)("%s → %s", (topic, expected) => {
		const match = matchDomain(topic);
		expect(match.domain.id).toBe(expected);
		expect(match.confident).toBe(true);
	});

	it.each(UNKNOWN)("%s → generic, not confident", (topic) => {
		const match = matchDomain(topic);
		expect(match.domain.id).toBe("generic");
		expect(match.confident).toBe(false);
	});

	it("splits the head from the audience in both languages", () => {
		expect(topicParts("personal finance for freelancers")).toEqual({ head: "personal finance", audience: "freelancers" });
		expect(topicParts("프리랜서를 위한 개인 재무 관리")).toEqual({ head: "개인 재무 관리", audience: "프리랜서" });
		expect(topicParts("sourdough baking")).toEqual({ head: "sourdough baking", audience: "" });
	});
});
