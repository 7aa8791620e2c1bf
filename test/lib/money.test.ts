import { describe, expect, it } from "vitest";
import { currencyDigits, majorAmountText, parseMajorAmount } from "../../src/lib/money";

describe("major and minor amounts", () => {
	it("knows each currency's minor unit", () => {
		expect([currencyDigits("usd"), currencyDigits("krw"), currencyDigits("JPY"), currencyDigits("xx")]).toEqual([2, 0, 0, 2]);
	});

	it("parses typed amounts exactly, refusing more decimals than the currency has", () => {
		expect(parseMajorAmount("12.5", "usd")).toBe(1250);
		expect(parseMajorAmount("0.29", "usd")).toBe(29);
		expect(parseMajorAmount(" 19 ", "usd")).toBe(1900);
		expect(parseMajorAmount("12000", "krw")).toBe(12000);
		expect(parseMajorAmount("12000.5", "krw")).toBeNull();
		expect(parseMajorAmount("1.999", "usd")).toBeNull();
		expect(parseMajorAmount("-1", "usd")).toBeNull();
		expect(parseMajorAmount("1e3", "usd")).toBeNull();
	});

	it("shows minor units as the amount a person types", () => {
		expect(majorAmountText(1250, "usd")).toBe("12.50");
		expect(majorAmountText(5, "usd")).toBe("0.05");
		expect(majorAmountText(12000, "krw")).toBe("12000");
	});
});
