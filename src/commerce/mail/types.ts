/** One e-mail. */
export type Mail = { to: string; subject: string; text: string; html: string };

/** Per-send options. */
export type SendOptions = {
	/** The same key sends the mail once, however often the call is retried (where the provider supports it). */
	idempotencyKey?: string;
};

/** Sends mail. `log` (the local default) writes it to the log; `resend` sends it over HTTP. */
export interface Mailer {
	readonly name: string;
	send(mail: Mail, options?: SendOptions): Promise<{ id: string }>;
}
