import type { AppConfig } from "../config/settings";
import type { Db } from "../db/client";
import { coolSmsProvider } from "./coolsms";
import { logSmsProvider } from "./log-provider";
import type { SmsProvider } from "./types";

/**
 * The SMS provider of the configuration: `coolsms` when SMS_PROVIDER says so (its key and secret
 * are then required by the config parser), else `log`, the offline default. The caller keeps
 * every attempt in sms_logs, so neither provider needs the database; and CoolSMS's signatures
 * are dated by the real clock, not the app's `now` (CoolSMS compares them with its own clock, so
 * a shifted test clock must not sign).
 */
export function selectSmsProvider(config: AppConfig["sms"], _db: Db, _now: () => Date): SmsProvider {
	if (config.provider === "coolsms") {
		return coolSmsProvider({ apiKey: config.apiKey, apiSecret: config.apiSecret, sender: config.sender, apiBase: config.apiBase });
	}
	return logSmsProvider();
}
