import { z } from "zod";
import { PipelineStage } from "../shared/product";

/**
 * The one message type of FACTORY_QUEUE: run `stage` of a product version. `attempt` is the
 * stage's logical attempt (the generation number for generate and QA1, the packaging number for
 * package, QA2 and publish), so a stale duplicate never matches the product's pending stage.
 */
export const FactoryMessage = z.object({
	productId: z.string().min(1),
	version: z.int().min(1),
	stage: PipelineStage,
	attempt: z.int().min(1),
});
export type FactoryMessage = z.infer<typeof FactoryMessage>;
