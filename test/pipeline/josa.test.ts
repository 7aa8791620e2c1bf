import { describe, expect, it } from "vitest";
import { withJosa } from "../../src/pipeline/generators/template/josa";
import { fill } from "../../src/pipeline/generators/template/text";

describe("withJosa", () => {
	it("chooses each pair by the final consonant of the last syllable", () => {
		expect(withJosa("사워도우 빵", "은")).toBe("사워도우 빵은");
		expect(withJosa("빵 굽기", "은")).toBe("빵 굽기는");
		expect(withJosa("빵 굽기", "는")).toBe("빵 굽기는");
		expect(withJosa("홈트레이닝", "이")).toBe("홈트레이닝이");
		expect(withJosa("요가", "이")).toBe("요가가");
		expect(withJosa("가계부", "을")).toBe("가계부를");
		expect(withJosa("예산", "를")).toBe("예산을");
		expect(withJosa("식단", "와")).toBe("식단과");
		expect(withJosa("요리", "과")).toBe("요리와");
	});

	it("writes 로 after ㄹ and after a vowel, 으로 after other consonants", () => {
		expect(withJosa("발효빵 만들기", "으로")).toBe("발효빵 만들기로");
		expect(withJosa("사진 촬영", "으로")).toBe("사진 촬영으로");
		expect(withJosa("물", "으로")).toBe("물로");
		expect(withJosa("물", "로")).toBe("물로");
	});

	it("keeps the tail of a longer particle and appends invariant particles unchanged", () => {
		expect(withJosa("빵", "으로는")).toBe("빵으로는");
		expect(withJosa("요리", "이라는")).toBe("요리라는");
		expect(withJosa("재테크", "이에요")).toBe("재테크예요");
		expect(withJosa("빵", "에서")).toBe("빵에서");
		expect(withJosa("빵", "도")).toBe("빵도");
	});

	it("reads digits and Latin loanwords the Korean way and falls back to both forms", () => {
		expect(withJosa("Python", "을")).toBe("Python을");
		expect(withJosa("Excel", "으로")).toBe("Excel로");
		expect(withJosa("React", "을")).toBe("React를");
		expect(withJosa("Java", "은")).toBe("Java는");
		expect(withJosa("웹 3", "이")).toBe("웹 3이");
		expect(withJosa("2", "을")).toBe("2를");
		expect(withJosa("★", "을")).toBe("★을(를)");
	});
});

describe("fill with particles", () => {
	it("fills {name:PARTICLE} and leaves plain English placeholders byte-identical", () => {
		const vars = { subject: "사워도우 빵 굽기", audience: "초보자" };
		expect(fill("{subject:을} 배우는 {audience:이} 많습니다.", vars)).toBe("사워도우 빵 굽기를 배우는 초보자가 많습니다.");
		expect(fill("{subject:에} 관한 {unknown:을}", vars)).toBe("사워도우 빵 굽기에 관한 {unknown:을}");
		expect(fill("Learn {subject} for {audience}.", { subject: "baking", audience: "cooks" })).toBe("Learn baking for cooks.");
	});
});
