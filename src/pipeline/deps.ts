import type { ProbedPackage, ProbeResult } from "../commerce/delivery-probe";
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
	/** Downloads a package through the buyer's path (QA2's deliverability check). */
	probeDelivery: (pkg: ProbedPackage) => Promise<ProbeResult>;
};

/** The production wiring of the pipeline from the Worker's bindings. */
export function pipelineDeps(env: Env, overrides: Partial<PipelineDeps> = {}): PipelineDeps {
	const deps: PipelineDeps = {
		db: getDb(env.DB),
		files: env.FILES,
		queue: env.FACTORY_QUEUE,
		config: pipelineConfig(env),
		// Reads `deps` when called, so a generator uses the db and bucket a test swapped in.
		generatorFor: (kind) => selectGenerator(kind, env, deps),
		now: () => new Date(),
		probeDelivery: async (pkg) => {
			// Imported when used: the app imports the pipeline, so a static import would be a cycle.
			const [{ app }, { commerceDeps }, { probeDelivery }] = await Promise.all([
				import("../app"),
				import("../commerce/deps"),
				import("../commerce/delivery-probe"),
			]);
			return probeDelivery(await commerceDeps(env), (request) => Promise.resolve(app.fetch(request, env)), pkg);
		},
		...overrides,
	};
	return deps;
}
