import type { AppConfig } from "../../config/settings";
import { logMailer } from "./log-mailer";
import { resendMailer } from "./resend-mailer";
import type { Mailer } from "./types";

/** The mailer the configuration asks for: `resend` through its HTTP API, else the log mailer (local default). */
export function selectMailer(mail: AppConfig["mail"]): Mailer {
	if (mail.provider === "resend") return resendMailer({ apiKey: mail.apiKey, from: mail.from, apiUrl: mail.apiUrl ?? undefined });
	return logMailer({ from: mail.from });
}
