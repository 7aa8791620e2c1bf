import { describe, expect, it } from "vitest";
import { parseCli, UsageError } from "../../scripts/factory/args.ts";

describe("factory --languages", () => {
	it("passes the languages, primary first", () => {
		expect(parseCli(["--topic", "초보자를 위한 사워도우 빵 굽기", "--languages", "ko,en"])).toMatchObject({ name: "create", languages: ["ko", "en"] });
		expect(parseCli(["--topic", "sourdough baking"])).toMatchObject({ name: "create", languages: undefined });
	});

	it("refuses unknown or repeated languages before touching the network", () => {
		for (const value of ["fr", "ko,ko", "", "en,,ko"]) expect(() => parseCli(["--topic", "sourdough baking", "--languages", value])).toThrow(UsageError);
		expect(() => parseCli(["status", "--languages", "ko"])).toThrow(UsageError);
	});
});
