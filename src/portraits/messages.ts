import { z } from "zod";

/** Queue names from wrangler.toml; the entry tells portrait batches from others by name. */
export const PORTRAIT_QUEUE = "edge-factory-portraits";
export const PORTRAIT_DLQ = "edge-factory-portraits-dlq";

const JobId = z.string().regex(/^ptj_[0-9a-f]{32}$/);

/**
 * The messages of PORTRAIT_QUEUE, one job each:
 * - `process`: take the next processing step (submit the portraits, then the report), also after a backoff;
 * - `sms`: send the "ready" SMS (retried with backoff, every attempt in sms_logs);
 * - `delete`: delete everything personal of an expired job (handed over by the sweep).
 */
export const PortraitMessage = z.discriminatedUnion("kind", [
	z.strictObject({ kind: z.literal("process"), jobId: JobId }),
	z.strictObject({ kind: z.literal("sms"), jobId: JobId }),
	z.strictObject({ kind: z.literal("delete"), jobId: JobId }),
]);
export type PortraitMessage = z.infer<typeof PortraitMessage>;
export type PortraitMessageKind = PortraitMessage["kind"];
