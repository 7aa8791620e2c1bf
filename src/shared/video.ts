import { z } from "zod";

/**
 * Short videos (issue 17, docs/video.md): the shapes shared by routes, pages, the pipeline and
 * the usage meter. No `cloudflare:*` or `node:*` imports here.
 */

/** `draft`; `processing` while a run works; `ready` with a video; `published` to a channel (issue 18); `failed`. */
export const ProjectStatus = z.enum(["draft", "processing", "ready", "published", "failed"]);
export type ProjectStatus = z.infer<typeof ProjectStatus>;

/** The project types; short-form is the only one so far. */
export const ProjectType = z.enum(["shortform"]);
export type ProjectType = z.infer<typeof ProjectType>;

/** A brand's tone, which the script follows. */
export const BrandTone = z.enum(["professional", "casual", "humorous", "educational"]);
export type BrandTone = z.infer<typeof BrandTone>;

/** The pipeline's steps, in order; a run resumes from the first whose output is missing. */
export const PIPELINE_STEPS = ["script", "images", "voice", "compose", "qa"] as const;
export const PipelineStep = z.enum(PIPELINE_STEPS);
export type PipelineStep = z.infer<typeof PipelineStep>;

/** A run's status as `GET /api/projects/:id/generation-status/:jobId` reports it. */
export const RunStatus = z.enum(["pending", "processing", "completed", "failed"]);
export type RunStatus = z.infer<typeof RunStatus>;

/** What a run was asked to do: the whole pipeline, or one step alone. */
export const RunScope = z.enum(["all", "script", "images", "voice", "compose"]);
export type RunScope = z.infer<typeof RunScope>;

/** The plans (docs/video.md "Plans"). */
export const PlanName = z.enum(["free", "basic", "standard", "professional"]);
export type PlanName = z.infer<typeof PlanName>;

/** What a usage row counts: a provider call of one kind, or a cache hit that replaced one. */
export const UsageResource = z.enum(["llm.text", "image.generate", "tts.speak", "video.compose"]);
export type UsageResource = z.infer<typeof UsageResource>;

/** Where an asset came from. */
export const AssetSource = z.enum(["upload", "generated", "project"]);
export type AssetSource = z.infer<typeof AssetSource>;

/** The script's sections, in the timestamped format `[INTRO 0:00–0:03] … [MAIN 0:03–0:25] … [OUTRO 0:25–0:30]`. */
export const ScriptSection = z.enum(["INTRO", "MAIN", "OUTRO"]);
export type ScriptSection = z.infer<typeof ScriptSection>;

/** How a template lays scenes out: the image full-frame, or framed with a band for the subtitles. */
export const TemplateLayout = z.enum(["full-bleed", "framed"]);
export type TemplateLayout = z.infer<typeof TemplateLayout>;

/**
 * What a template fixes: the layout and the scenes, each with its section, its role (what the
 * script says there: `hook`, `point`, `cta`, `before`, `after`, `item`, …) and its share of the
 * video's length. Durations are for a 30-second video and scale to the project's length.
 */
export const TemplateStructure = z.strictObject({
	layout: TemplateLayout,
	scenes: z
		.array(
			z.strictObject({
				section: ScriptSection,
				role: z.string().regex(/^[a-z-]{2,24}$/),
				duration_s: z.number().min(1).max(30),
			}),
		)
		.min(2)
		.max(12),
});
export type TemplateStructure = z.infer<typeof TemplateStructure>;
