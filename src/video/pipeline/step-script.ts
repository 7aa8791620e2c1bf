import { eq } from "drizzle-orm";
import { projects, scriptCache } from "../../db/video-schema";
import { recordUsage } from "../usage/meter";
import { costOf } from "../usage/prices";
import type { RunContext } from "./context";
import type { RunRow } from "./runs";
import { formatScript, parseScript } from "./script-format";
import { scriptCacheKey, scriptPrompt, templateScript } from "./script-writer";
import { artifactText, type PipelineDeps, type PipelineStepModule, StepFailure, storedArtifact, submitStepJob } from "./step-kit";

/** The artifact `llm.text` writes its answer to (both backends). */
const LLM_TEXT_ARTIFACT = "text.md";
/** A script is reused for this long (the specification: 7 days). */
export const SCRIPT_CACHE_MS = 7 * 24 * 60 * 60 * 1000;
const SCRIPT_MAX_TOKENS = 1_200;

/** The cached script for this context, when one younger than 7 days exists. */
export async function cachedScript(deps: Pick<PipelineDeps, "db">, context: RunContext, now: Date) {
	const row = await deps.db.query.scriptCache.findFirst({ where: eq(scriptCache.cacheKey, await scriptCacheKey(context)) });
	return row && row.expiresAt > now.toISOString() ? row : null;
}

async function storeScript(deps: PipelineDeps, run: RunRow, script: string, source: "llm" | "template" | "user", now: Date) {
	await deps.db.update(projects).set({ script, scriptSource: source, updatedAt: now.toISOString() }).where(eq(projects.id, run.projectId));
}

/** Whether a script uses a phrase the brand avoids. */
function usesAvoided(script: string, context: RunContext): boolean {
	if (!context.brand) return false;
	try {
		const phrases: unknown = JSON.parse(context.brand.avoidPhrases);
		return Array.isArray(phrases) && phrases.some((phrase) => typeof phrase === "string" && phrase && script.toLowerCase().includes(phrase.toLowerCase()));
	} catch {
		return false;
	}
}

/**
 * Step 1, the script: a cached one (same keyword, tone, brand, language, template, length; < 7
 * days) costs nothing and records what it saved; else `llm.text` with the brand's guidelines.
 * An answer not in the timestamped format (offline: the gateway's Markdown note), or using a
 * phrase the brand avoids, is replaced by the template script, `script_source: "template"`.
 */
export const scriptStep: PipelineStepModule = {
	step: "script",
	async start(deps, run, context, now) {
		const cached = await cachedScript(deps, context, now);
		if (cached) {
			await storeScript(deps, run, cached.script, cached.source, now);
			await recordUsage(
				deps.db,
				{
					userId: run.userId,
					projectId: run.projectId,
					runId: run.id,
					resource: "llm.text",
					quantity: 1,
					costCents: 0,
					savedCents: cached.costCents,
					cacheHit: true,
					dedupeKey: `cache:${run.id}:script`,
				},
				now,
			);
			return "done";
		}
		await submitStepJob(deps, run, "script", 0, { kind: "llm.text", input: { prompt: scriptPrompt(context), maxTokens: SCRIPT_MAX_TOKENS } });
		return "waiting";
	},
	async settle(deps, run, context, job, _part, now) {
		const answer = storedArtifact(job, LLM_TEXT_ARTIFACT);
		if (answer === "uploading") return "waiting";
		if (answer === "missing") throw new StepFailure("SCRIPT_MISSING", "The script job returned no text.");
		const text = await artifactText(deps.files, answer.r2Key);
		const blocks = parseScript(text);
		const useLlm = blocks !== null && !usesAvoided(text, context);
		const script = useLlm ? formatScript(blocks) : templateScript(context);
		const source = useLlm ? "llm" : "template";
		const cost = costOf(deps.config.prices, "llm.text", 1);
		await recordUsage(
			deps.db,
			{ userId: run.userId, projectId: run.projectId, runId: run.id, resource: "llm.text", quantity: 1, costCents: cost, dedupeKey: job.id },
			now,
		);
		await storeScript(deps, run, script, source, now);
		const at = now.toISOString();
		const expiresAt = new Date(now.getTime() + SCRIPT_CACHE_MS).toISOString();
		await deps.db
			.insert(scriptCache)
			.values({ cacheKey: await scriptCacheKey(context), userId: run.userId, script, source, costCents: cost, createdAt: at, expiresAt })
			.onConflictDoUpdate({ target: scriptCache.cacheKey, set: { script, source, costCents: cost, createdAt: at, expiresAt } });
		return "done";
	},
};
