/** One SMS to send: the recipient in national form, digits only (`01012345678`), and the text. */
export type SmsMessage = { to: string; text: string };

/** What a provider answered: accepted (with its message id) or refused, with a reason safe to store. */
export type SmsResult = { ok: true; messageId: string } | { ok: false; error: string; retryable: boolean };

/**
 * An SMS provider: `log` (stores the message in sms_logs only; the offline default) or
 * `coolsms` (CoolSMS's HMAC-signed REST API). Implementations never log the recipient.
 */
export interface SmsProvider {
	readonly name: "log" | "coolsms";
	send(message: SmsMessage): Promise<SmsResult>;
}
