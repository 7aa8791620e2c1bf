import type { AppConfig } from "../config/settings";
import type { Db } from "../db/client";
import type { SmsProvider } from "./types";

// PLACEHOLDER (replaced by the helper that owns src/sms/).
export function selectSmsProvider(_config: AppConfig["sms"], _db: Db, _now: () => Date): SmsProvider {
	return {
		name: "log",
		async send() {
			throw new Error("not implemented");
		},
	};
}
