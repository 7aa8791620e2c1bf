import { log } from "../../lib/log";
import type { Mail, Mailer, SendOptions } from "./types";

/**
 * The local mailer: each mail becomes one JSON log line (`msg: "mail"`), links included, so a
 * developer can follow a purchase to its download without a mail service.
 */
export function logMailer(settings: { from?: string } = {}): Mailer {
	return {
		name: "log",
		async send(mail: Mail, options: SendOptions = {}): Promise<{ id: string }> {
			const id = `log_${crypto.randomUUID()}`;
			log("info", "mail", { id, from: settings.from, ...mail, idempotencyKey: options.idempotencyKey });
			return { id };
		},
	};
}
