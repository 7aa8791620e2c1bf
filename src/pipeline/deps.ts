import { type Db, getDb } from "../db/client";
import type { ProductKind } from "../shared/product";
import { type PipelineConfig, pipelineConfig } from "./config";
import { selectGenerator } from "./generators/select";
import type { ProductGenerator } from "./generators/types";
import type { FactoryMessage } from "./messages";

/** What pipeline functions need, passed in so tests can swap any part (a generator, the clock). */
export type PipelineDeps = {
	db: Db;
	files: R2Bucket;
	queue: Queue<FactoryMessage>;
	config: PipelineConfig;
	generatorFor: (kind: ProductKind) => ProductGenerator;
	now: () => Date;
};

/** The production wiring of the pipeline from the Worker's bindings. */
export function pipelineDeps(env: Env, overrides: Partial<PipelineDeps> = {}): PipelineDeps {
	return {
		db: getDb(env.DB),
		files: env.FILES,
		queue: env.FACTORY_QUEUE,
		config: pipelineConfig(env),
		generatorFor: (kind) => selectGenerator(kind, env),
		now: () => new Date(),
		...overrides,
	};
}
