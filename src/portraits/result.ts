import { asc, eq } from "drizzle-orm";
import { knowledgeBase, portraitImages, portraitRecommendations } from "../db/schema";
import { AppError } from "../lib/errors";
import { log } from "../lib/log";
import type { Locale } from "../shared/locale";
import { PortraitReport } from "../shared/portraits";
import type { PortraitDeps } from "./deps";
import { IMAGE_TOKEN_MS, mintImageToken } from "./image-tokens";
import { invalidState, type PortraitJob, portraitJobView } from "./jobs";
import { kstIso } from "./kst";

/** Where the Worker serves a portrait (src/routes/result-pages.tsx): the signed token is the last segment. */
export const IMAGE_ROUTE = "/result/images";

/** One knowledge-base entry the report recommended, in the reader's language. */
export type ResultRecommendation = { code: string; name: string; area: string; description: string; cost_min: number; cost_max: number };

/** The result as the API shows it to the verified person (API.md "Portraits"). */
export type PortraitResult = {
	job: ReturnType<typeof portraitJobView>;
	images: { url: string; download_url: string; expires_at: string; position: number; content_type: string }[];
	report: PortraitReport;
	report_writer: string | null;
	recommendations: ResultRecommendation[];
};

/**
 * The result of a completed job: its three portraits as image links valid one hour (absolute,
 * under PUBLIC_BASE_URL), the report, and the recommended care methods from the knowledge base
 * named in `locale`. A completed job without its three images or a valid report is a broken
 * invariant (500), never shown half.
 */
export async function portraitResult(deps: PortraitDeps, job: PortraitJob, locale: Locale): Promise<PortraitResult> {
	if (job.status !== "completed") throw invalidState(job);
	const [images, recommendations] = await Promise.all([
		deps.db.select().from(portraitImages).where(eq(portraitImages.jobId, job.id)).orderBy(asc(portraitImages.position)),
		deps.db
			.select({ kb: knowledgeBase })
			.from(portraitRecommendations)
			.innerJoin(knowledgeBase, eq(knowledgeBase.code, portraitRecommendations.code))
			.where(eq(portraitRecommendations.jobId, job.id))
			.orderBy(asc(portraitRecommendations.position)),
	]);
	const report = parseReport(job);
	if (images.length !== 3) throw new AppError(500, "INTERNAL", "A completed portrait job is missing its images.");
	const expiresMs = deps.now().getTime() + IMAGE_TOKEN_MS;
	const links = await Promise.all(
		images.map(async (image) => {
			const url = `${deps.config.baseUrl}${IMAGE_ROUTE}/${await mintImageToken(deps, job.id, image.position, expiresMs)}`;
			return { url, download_url: `${url}?download=1`, expires_at: kstIso(new Date(expiresMs)), position: image.position, content_type: image.contentType };
		}),
	);
	return {
		job: portraitJobView(job),
		images: links,
		report,
		report_writer: job.reportWriter,
		recommendations: recommendations.map(({ kb }) => ({
			code: kb.code,
			name: locale === "ko" ? kb.nameKo : kb.nameEn,
			area: kb.area,
			description: locale === "ko" ? kb.descriptionKo : kb.descriptionEn,
			cost_min: kb.costMin,
			cost_max: kb.costMax,
		})),
	};
}

function parseReport(job: PortraitJob): PortraitReport {
	try {
		return PortraitReport.parse(JSON.parse(job.report ?? ""));
	} catch {
		// Validated when it was written; the log names the job only (a parser's message can quote the text).
		log("error", "portrait report unreadable", { jobId: job.id });
		throw new AppError(500, "INTERNAL", "This job's report could not be read.");
	}
}
