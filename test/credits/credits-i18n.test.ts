import { describe, expect, it } from "vitest";
import { createTestUser, userApi } from "../support/user-helpers";

describe("the credits page in Korean", () => {
	it("words the page in Korean and formats the package prices for a Korean reader", async () => {
		const who = await createTestUser({ credits: 100 });
		const ko = await userApi(who, "/credits", { headers: { "Accept-Language": "ko", Accept: "text/html" } });
		expect(ko.status).toBe(200);
		const html = await ko.text();
		expect(html).toContain('<html lang="ko"');
		expect(html).not.toContain("⟦missing⟧");
		expect(html).toContain("<h1>크레딧</h1>");
		for (const credits of [100, 500, 1000]) expect(html).toContain(`${credits} 크레딧 구매`);
		// CREDIT_CURRENCY is usd in tests: Korean readers see it marked as US dollars.
		expect(html).toContain("US$5.00");
		expect(html).toContain("US$35.00");
		expect(html).not.toContain("Buy 100 credits");

		const en = await (await userApi(who, "/credits", { headers: { Accept: "text/html" } })).text();
		expect(en).toContain('<html lang="en"');
		expect(en).toContain("Buy 100 credits");
		expect(en).toContain("$35.00");
		expect(en).not.toContain("US$");
	});
});
