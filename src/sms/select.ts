import type { AppConfig } from "../config/settings";
import type { Db } from "../db/client";
import type { OutsideHttp } from "../lib/outside-http";
import { coolSmsProvider } from "./coolsms";
import { logSmsProvider } from "./log-provider";
import type { SmsProvider } from "./types";

/**
 * The SMS provider of the configuration: `coolsms` when SMS_PROVIDER says so (its key and secret
 * are then required by the config parser), else `log`, the offline default. The caller keeps
 * every attempt in sms_logs, so neither provider needs the database; and CoolSMS's signatures
 * are dated by the real clock, not the app's `now` (CoolSMS compares them with its own clock, so
 * a shifted test clock must not sign). CoolSMS is reached through `http`, the deployment's outside client.
 */
export function selectSmsProvider(config: AppConfig["sms"], _db: Db, _now: () => Date, http: OutsideHttp): SmsProvider {
	if (config.provider === "coolsms") {
		return coolSmsProvider({ apiKey: config.apiKey, apiSecret: config.apiSecret, sender: config.sender, apiBase: config.apiBase }, http);
	}
	return logSmsProvider();
}
