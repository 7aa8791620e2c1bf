import { logMailer } from "./log-mailer";
import { resendMailer } from "./resend-mailer";
import type { Mailer } from "./types";

/** The mail settings of the environment (all optional: the local default needs none). */
export type MailEnv = { MAIL_PROVIDER?: string; MAIL_FROM?: string; MAIL_API_KEY?: string; MAIL_API_URL?: string };

const DEFAULT_FROM = "Edge Factory <orders@example.com>";

/**
 * The mailer the environment asks for: `resend` when MAIL_PROVIDER is "resend" (which then needs
 * MAIL_API_KEY), the log mailer otherwise.
 */
export function selectMailer(env: MailEnv): Mailer {
	const from = env.MAIL_FROM || DEFAULT_FROM;
	if (env.MAIL_PROVIDER?.trim().toLowerCase() !== "resend") return logMailer({ from });
	// Failing loudly beats a shop that takes money and silently never sends the download links.
	if (!env.MAIL_API_KEY) throw new Error("MAIL_PROVIDER is resend but MAIL_API_KEY is not set");
	return resendMailer({ apiKey: env.MAIL_API_KEY, from, apiUrl: env.MAIL_API_URL || undefined });
}
