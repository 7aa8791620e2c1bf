import { log } from "../lib/log";
import type { SmsProvider } from "./types";

/**
 * The offline default: accepts every message without sending it anywhere. The message itself is
 * kept by the caller in sms_logs (shown on /admin/portraits), so the whole flow can be followed
 * without a provider; the log line carries only facts that identify no one (no number, no link).
 */
export function logSmsProvider(): SmsProvider {
	return {
		name: "log",
		async send(message) {
			const messageId = `log_${crypto.randomUUID()}`;
			log("info", "sms accepted", { provider: "log", messageId, length: message.text.length });
			return { ok: true, messageId };
		},
	};
}
