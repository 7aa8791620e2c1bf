import { afterEach, describe, expect, it, vi } from "vitest";
import { logSmsProvider } from "../../src/sms/log-provider";

afterEach(() => {
	vi.restoreAllMocks();
});

describe("log SMS provider", () => {
	it("accepts every message with a log_<uuid> id, offline (no request leaves the Worker)", async () => {
		const fetchSpy = vi.spyOn(globalThis, "fetch").mockRejectedValue(new Error("offline"));
		const sms = logSmsProvider();
		const first = await sms.send({ to: "01012345678", text: "hello" });
		const second = await sms.send({ to: "01012345678", text: "hello" });
		expect(first).toEqual({ ok: true, messageId: expect.stringMatching(/^log_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/) });
		expect(second.ok && second.messageId).not.toBe(first.ok && first.messageId);
		expect(fetchSpy).not.toHaveBeenCalled();
	});

	it("logs one line with provider, message id and length, never the number or the link", async () => {
		const lines: string[] = [];
		for (const method of ["log", "info", "warn", "error", "debug"] as const) {
			vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
				lines.push(args.map(String).join(" "));
			});
		}
		const text = "[Find My Rizz]\n아래 링크에서 확인하세요.\nhttp://localhost:8787/result/ptj_0123456789abcdef0123456789abcdef";
		const result = await logSmsProvider().send({ to: "01098765432", text });
		expect(lines).toHaveLength(1);
		const line = JSON.parse(lines[0] ?? "{}") as Record<string, unknown>;
		expect(line).toMatchObject({ level: "info", provider: "log", messageId: result.ok && result.messageId, length: text.length });
		expect(lines[0]).not.toContain("01098765432");
		expect(lines[0]).not.toContain("98765432");
		expect(lines[0]).not.toContain("/result/");
	});
});
