import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cronMatches, declaredCrons } from "../../scripts/local-cron.ts";

describe("npm start's local cron", () => {
	it("fires each expression on its own minutes (UTC)", () => {
		const at = (iso: string) => new Date(iso);
		expect(cronMatches("* * * * *", at("2026-12-05T03:17:00Z"))).toBe(true);
		expect(cronMatches("*/5 * * * *", at("2026-12-05T03:15:00Z"))).toBe(true);
		expect(cronMatches("*/5 * * * *", at("2026-12-05T03:17:00Z"))).toBe(false);
		expect(cronMatches("0 */6 * * *", at("2026-12-05T06:00:00Z"))).toBe(true);
		expect(cronMatches("0 */6 * * *", at("2026-12-05T07:00:00Z"))).toBe(false);
		expect(cronMatches("0 */6 * * *", at("2026-12-05T06:01:00Z"))).toBe(false);
		expect(cronMatches("30 9 * * 1-5", at("2026-12-07T09:30:00Z"))).toBe(true); // a Monday
		expect(cronMatches("30 9 * * 1-5", at("2026-12-06T09:30:00Z"))).toBe(false); // a Sunday
		expect(() => cronMatches("* * *", at("2026-12-05T00:00:00Z"))).toThrow(/five fields/);
	});

	it("reads every cron wrangler.toml declares, and the Worker has sweeps for each", () => {
		const crons = declaredCrons(readFileSync("wrangler.toml", "utf8"));
		expect(crons).toEqual(["*/5 * * * *", "* * * * *", "0 */6 * * *"]);
		const scheduled = readFileSync("src/scheduled.ts", "utf8");
		for (const cron of crons) expect(scheduled).toContain(`"${cron}":`);
	});
});
