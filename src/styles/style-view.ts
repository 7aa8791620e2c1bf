import type { GpuJobRecord } from "../shared/gpu-job-hooks";
import { parseTags, type StyleRow } from "./style-queries";
import type { StyleImageRow } from "./training-images";

/** A style as anyone may see it (the marketplace, a style page). */
export type PublicStyleJson = {
	id: string;
	slug: string;
	title: string;
	description: string;
	tags: string[];
	price_credits: number;
	status: StyleRow["status"];
	artist: { id: string; name: string };
	generation_count: number;
	created_at: string;
	trained_at: string | null;
};

/** Training as its artist follows it: the job, its progress, and why it failed. */
export type TrainingJson = {
	job_id: string | null;
	status: string | null;
	progress: { percent: number; step: string };
	error: { code: string; message: string } | null;
};

/** A style as its artist sees it. */
export type OwnerStyleJson = PublicStyleJson & {
	image_count: number;
	signature: { sha256: string } | null;
	training: TrainingJson;
	model_artifact: { jobId: string; name: string; sha256: string } | null;
	updated_at: string;
};

/** The public fields of a style. */
export function publicStyleJson(style: StyleRow, artistName: string): PublicStyleJson {
	return {
		id: style.id,
		slug: style.slug,
		title: style.title,
		description: style.description,
		tags: parseTags(style.tags),
		price_credits: style.priceCredits,
		status: style.status,
		artist: { id: style.artistId, name: artistName },
		generation_count: style.generationCount,
		created_at: style.createdAt,
		trained_at: style.trainedAt,
	};
}

/** The training part of a style: the mirror's progress while it runs, 100% once trained. */
export function trainingJson(style: StyleRow, job: GpuJobRecord | undefined): TrainingJson {
	const percent = style.status === "completed" ? 100 : (job?.progressPercent ?? 0);
	return {
		job_id: style.trainingJobId,
		status: job?.status ?? null,
		progress: { percent, step: style.status === "completed" ? "done" : (job?.progressStep ?? "") },
		error: style.status === "failed" ? { code: style.trainingErrorCode ?? "TRAINING_FAILED", message: style.trainingError ?? "Training failed." } : null,
	};
}

function parseModelArtifact(json: string | null): OwnerStyleJson["model_artifact"] {
	if (!json) return null;
	try {
		return JSON.parse(json) as OwnerStyleJson["model_artifact"];
	} catch {
		return null;
	}
}

/** Everything about a style, for its artist. */
export function ownerStyleJson(style: StyleRow, artistName: string, job: GpuJobRecord | undefined): OwnerStyleJson {
	return {
		...publicStyleJson(style, artistName),
		image_count: style.imageCount,
		signature: style.signatureSha256 ? { sha256: style.signatureSha256 } : null,
		training: trainingJson(style, job),
		model_artifact: parseModelArtifact(style.modelArtifact),
		updated_at: style.updatedAt,
	};
}

/** A training image's metadata (the bytes are served to the artist only). */
export function styleImageJson(image: StyleImageRow) {
	return {
		id: image.id,
		file_name: image.fileName,
		content_type: image.contentType,
		size: image.size,
		width: image.width,
		height: image.height,
		sha256: image.sha256,
		created_at: image.createdAt,
	};
}
