import type { AppConfig } from "../../config/settings";
import type { OutsideHttp } from "../../lib/outside-http";
import { logMailer } from "./log-mailer";
import { resendMailer } from "./resend-mailer";
import type { Mailer } from "./types";

/** The mailer the configuration asks for: `resend` through its HTTP API (over `http`), else the log mailer (local default). */
export function selectMailer(mail: AppConfig["mail"], http: OutsideHttp): Mailer {
	if (mail.provider === "resend") return resendMailer({ apiKey: mail.apiKey, from: mail.from, apiUrl: mail.apiUrl ?? undefined }, http);
	return logMailer({ from: mail.from });
}
