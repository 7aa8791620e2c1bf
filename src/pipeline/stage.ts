import type { BatchItem } from "drizzle-orm/batch";
import type { products } from "../db/schema";
import type { PipelineStage, ProductStatus } from "../shared/product";
import type { PipelineDeps } from "./deps";
import type { FactoryMessage } from "./messages";

export type ProductRow = typeof products.$inferSelect;

/** The next stage message a finished stage asks for. */
export type NextStage = { stage: PipelineStage; attempt: number };

/**
 * What a stage decided. The runner commits `writes` and the product's move to `status` in one
 * D1 batch, then enqueues `next`: a stage never writes the product row itself.
 */
export type StageResult = {
	/** `failed` when a gate said no; the stage itself still ran to its end. */
	outcome: "succeeded" | "failed";
	status: ProductStatus;
	next: NextStage | null;
	/** Where a retry restarts when the pipeline stops here on a failure. */
	failedStage?: PipelineStage | null;
	error?: string | null;
	patch?: Partial<typeof products.$inferInsert>;
	writes?: BatchItem<"sqlite">[];
};

/** One pipeline stage: reads what it needs, does its work, and says what happens next. */
export type Stage = (deps: PipelineDeps, product: ProductRow, msg: FactoryMessage) => Promise<StageResult>;
