import { z } from "zod";

/** Queue names from wrangler.toml; the entry tells mail batches from others by name. */
export const MAIL_QUEUE = "edge-factory-mail";
export const MAIL_DLQ = "edge-factory-mail-dlq";

/** The one message type of MAIL_QUEUE (and its dead-letter queue): which outbox row to send. */
export const MailMessage = z.object({ mailId: z.string().min(1).max(64) });
export type MailMessage = z.infer<typeof MailMessage>;
