import { z } from "zod";
import type { Locale } from "../shared/locale";
import { PortraitReport } from "../shared/portraits";
import type { KnowledgeEntry } from "./knowledge";
import { fill, reportText } from "./report-text";

/** Who wrote a job's report (`report_writer`). */
export type ReportWriter = "llm" | "template";

/**
 * What the gateway measured in the photo (gpu-gateway/src/backends/photo-measure.ts, the
 * `measurements.json` artifact of `portrait.generate`), 0–100 scales.
 */
export const PhotoMeasurements = z.object({
	version: z.literal(1),
	width: z.int().min(0),
	height: z.int().min(0),
	brightness: z.number().min(0).max(100),
	contrast: z.number().min(0).max(100),
	saturation: z.number().min(0).max(100),
	sharpness: z.number().min(0).max(100),
});
export type PhotoMeasurements = z.infer<typeof PhotoMeasurements>;

/** The artifact names of `portrait.generate` (both backends). */
export const MEASUREMENTS_ARTIFACT = "measurements.json";
/** The artifact `llm.text` writes its answer to (both backends). */
export const LLM_TEXT_ARTIFACT = "text.md";

/** Thresholds on the 0–100 scales where the template's advice changes. */
const DARK_BELOW = 40;
const BRIGHT_ABOVE = 75;
const FLAT_BELOW = 18;
const HARSH_ABOVE = 35;
const MUTED_BELOW = 12;
const SOFT_BELOW = 2;

type Light = "dark" | "bright" | "balanced";
type Contrast = "flat" | "harsh" | "good";

function lightOf(m: PhotoMeasurements): Light {
	return m.brightness < DARK_BELOW ? "dark" : m.brightness > BRIGHT_ABOVE ? "bright" : "balanced";
}

function contrastOf(m: PhotoMeasurements): Contrast {
	return m.contrast < FLAT_BELOW ? "flat" : m.contrast > HARSH_ABOVE ? "harsh" : "good";
}

/** Keeps the codes the knowledge base has (a migration could retire one), in order. */
function existing(codes: readonly string[], known: ReadonlySet<string>): string[] {
	return codes.filter((code) => known.has(code));
}

/** The sum of the recommended methods' cost ranges, in the job's words. */
function costText(locale: Locale, codes: readonly string[], entries: readonly KnowledgeEntry[]): string {
	const text = reportText(locale);
	const chosen = entries.filter((entry) => codes.includes(entry.code));
	const min = chosen.reduce((sum, entry) => sum + entry.costMin, 0);
	const max = chosen.reduce((sum, entry) => sum + entry.costMax, 0);
	if (max === 0) return text.costFree;
	const number = new Intl.NumberFormat(locale === "en" ? "en-US" : "ko-KR");
	return fill(text.cost, { min: number.format(min), max: number.format(max) });
}

/**
 * The report without an LLM: built from what the gateway measured in the photo (light,
 * contrast, colour, focus), recommending real knowledge-base codes, in the job's locale, and
 * saying in its summary that a template wrote it. Always valid `PortraitReport`.
 */
export function templateReport(locale: Locale, measured: PhotoMeasurements | null, entries: readonly KnowledgeEntry[]): PortraitReport {
	const text = reportText(locale);
	const known = new Set(entries.map((entry) => entry.code));
	const light: Light = measured ? lightOf(measured) : "balanced";
	const contrast: Contrast = measured ? contrastOf(measured) : "good";
	const muted = measured ? measured.saturation < MUTED_BELOW : false;
	const soft = measured ? measured.sharpness < SOFT_BELOW : false;

	const improvements = [
		{
			area: text.areas.photo,
			description: text.photo[light],
			recommendations: existing(soft || light !== "balanced" ? ["E002", "E003"] : ["E002", "E001"], known),
		},
		{
			area: text.areas.skin,
			description: text.skin[contrast],
			recommendations: existing(contrast === "harsh" ? ["SC001", "SC003"] : ["SC001", "SC002"], known),
		},
		{ area: text.areas.hair, description: text.hair, recommendations: existing(["H001", "G001"], known) },
		{ area: text.areas.style, description: text.style[muted ? "muted" : "vivid"], recommendations: existing(muted ? ["F001", "F002"] : ["F001"], known) },
		{ area: text.areas.posture, description: text.posture, recommendations: existing(["P001"], known) },
	];
	const summary = measured
		? fill(text.summary, {
				light: fill(text.light[light], { value: Math.round(measured.brightness) }),
				contrast: fill(text.contrast[contrast], { value: Math.round(measured.contrast) }),
				colour: fill(text.colour[muted ? "muted" : "vivid"], { value: Math.round(measured.saturation) }),
				focus: text.focus[soft ? "soft" : "sharp"],
			})
		: text.unmeasured;
	const codes = improvements.flatMap((improvement) => improvement.recommendations);
	return PortraitReport.parse({
		summary: `${summary} ${text.template}`,
		improvements,
		timeline: text.timeline,
		estimated_cost: costText(locale, codes, entries),
	});
}

/** Longest answer asked of the LLM: five improvements of a few sentences fit well inside it. */
export const REPORT_MAX_TOKENS = 1_500;

/**
 * The `llm.text` prompt: the photo's measurements, the knowledge base (codes, areas, names in
 * the job's language) and the exact JSON shape, in the job's language. The LLM never sees the
 * photo or anything personal: only numbers and the catalogue.
 */
export function reportPrompt(locale: Locale, measured: PhotoMeasurements | null, entries: readonly KnowledgeEntry[]): string {
	const language = locale === "en" ? "English" : "Korean (합니다체)";
	const catalogue = entries.map(
		(entry) => `${entry.code} | ${entry.area} | ${locale === "en" ? entry.nameEn : entry.nameKo} | ${entry.costMin}-${entry.costMax} KRW`,
	);
	return [
		"You are a personal image consultant. Write an improvement report for a person from measurements of their portrait photo.",
		measured
			? `Photo measurements (0-100): brightness ${measured.brightness}, contrast ${measured.contrast}, saturation ${measured.saturation}, sharpness ${measured.sharpness}; size ${measured.width}x${measured.height}.`
			: "No photo measurements are available; give general advice.",
		"Recommend only care methods from this catalogue, by code (code | area | name | cost):",
		...catalogue,
		`Write every text field in ${language}.`,
		'Answer with one JSON object and nothing else, exactly this shape: {"summary": string, "improvements": [{"area": string, "description": string, "recommendations": [code, ...]}], "timeline": string, "estimated_cost": string}.',
		"Give 3 to 5 improvements, each with 1 to 3 codes from the catalogue. summary at most 600 characters, each description at most 400, timeline and estimated_cost one sentence each.",
	].join("\n");
}

/** Why an LLM answer was refused, for the log (never the answer itself: it is personal). */
export type ReportParse = { ok: true; report: PortraitReport } | { ok: false; reason: string };

/**
 * Reads an LLM answer as a `PortraitReport`: the JSON object in it (models often fence it in
 * ```json or add a sentence around it), validated exactly. Anything else is refused with a reason.
 */
export function parseReportAnswer(answer: string): ReportParse {
	const start = answer.indexOf("{");
	const end = answer.lastIndexOf("}");
	if (start < 0 || end <= start) return { ok: false, reason: "no JSON object in the answer" };
	let json: unknown;
	try {
		json = JSON.parse(answer.slice(start, end + 1));
	} catch {
		return { ok: false, reason: "the answer's JSON does not parse" };
	}
	const parsed = PortraitReport.safeParse(json);
	if (!parsed.success)
		return {
			ok: false,
			reason: `the answer is not a report: ${parsed.error.issues
				.map((issue) => `${issue.path.join(".")} ${issue.message}`)
				.join("; ")
				.slice(0, 300)}`,
		};
	return { ok: true, report: parsed.data };
}
