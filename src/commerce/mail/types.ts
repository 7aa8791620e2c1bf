/** One e-mail. */
export type Mail = { to: string; subject: string; text: string; html: string };

/** Sends mail. `log` (the local default) writes it to the log; `resend` sends it over HTTP. */
export interface Mailer {
	readonly name: string;
	send(mail: Mail): Promise<{ id: string }>;
}
