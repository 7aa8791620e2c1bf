import { and, eq } from "drizzle-orm";
import { styles, users } from "../db/schema";
import type { GpuJobHookDeps, WorkerGpuJobHook } from "../gpu/job-hooks";
import { parseArtifacts } from "../gpu/mirror";
import { notifyFollowersOfNewStyle } from "../notifications/grouped";
import { notifyOnce } from "../notifications/notify";
import type { GpuJobRecord } from "../shared/gpu-job-hooks";

/** The model file `lora.train` writes (gpu-gateway's STYLE_PROFILE_ARTIFACT). */
export const STYLE_MODEL_ARTIFACT = "style-profile.json";

const FAILED_STATUSES = new Set(["failed", "expired", "canceled"]);

function studioLink(styleId: string): string {
	return `/studio/styles/${styleId}`;
}

/** Why a job did not train: the gateway's reason when it gave one. */
function failureReason(job: GpuJobRecord): string {
	if (job.errorMessage) return job.errorCode ? `${job.errorMessage} (${job.errorCode})` : job.errorMessage;
	return job.status === "expired"
		? "The training job ran out of time."
		: job.status === "canceled"
			? "The training job was canceled."
			: "The training job failed.";
}

/**
 * Settles a style's training from its job's mirror row (a GPU job hook; also called right after
 * submitting, in case the job finished first). Only a style still `training` with this very
 * job moves: `succeeded` → `completed` with the model artifact; `failed|expired|canceled` →
 * `failed` with `TRAINING_FAILED` and the gateway's reason. Live statuses change nothing here
 * (their progress is in the mirror). The artist is notified once per style and job, even when
 * the same outcome is delivered again (the notification is keyed by both).
 */
export const settleTrainingJob: WorkerGpuJobHook = async (deps: GpuJobHookDeps, job: GpuJobRecord) => {
	if (job.kind !== "lora.train") return;
	const style = await deps.db.query.styles.findFirst({ where: eq(styles.trainingJobId, job.id) });
	if (!style) return;
	const at = deps.now.toISOString();
	const mine = and(eq(styles.id, style.id), eq(styles.trainingJobId, job.id), eq(styles.status, "training"));

	if (job.status === "succeeded") {
		const model = parseArtifacts(job.artifacts).find((artifact) => artifact.name === STYLE_MODEL_ARTIFACT);
		if (model) {
			await deps.db
				.update(styles)
				.set({ status: "completed", modelArtifact: JSON.stringify({ jobId: job.id, name: model.name, sha256: model.sha256 }), trainedAt: at, updatedAt: at })
				.where(mine);
		} else {
			await deps.db
				.update(styles)
				.set({ status: "failed", trainingErrorCode: "TRAINING_FAILED", trainingError: "Training finished without a model file.", updatedAt: at })
				.where(mine);
		}
	} else if (FAILED_STATUSES.has(job.status)) {
		await deps.db
			.update(styles)
			.set({ status: "failed", trainingErrorCode: "TRAINING_FAILED", trainingError: failureReason(job), updatedAt: at })
			.where(mine);
	} else {
		return;
	}

	// Notify from the stored outcome, not from whether this call moved it: a delivery that
	// moved the style but crashed before notifying is made good by the next one.
	const settled = await deps.db.query.styles.findFirst({ where: eq(styles.id, style.id) });
	if (!settled || settled.trainingJobId !== job.id) return;
	if (settled.status === "completed") {
		await notifyOnce(deps.db, {
			userId: settled.artistId,
			kind: "training_completed",
			title: `“${settled.title}” is trained`,
			body: "Your style is live in the marketplace: buyers can now generate images in it.",
			params: { style: settled.title },
			link: studioLink(settled.id),
			dedupeKey: `training_completed:${settled.id}:${job.id}`,
			now: deps.now,
		});
		// The artist's followers hear of the new style once each (keyed by style and follower).
		const artist = await deps.db.query.users.findFirst({ columns: { nickname: true }, where: eq(users.id, settled.artistId) });
		await notifyFollowersOfNewStyle(
			deps.db,
			{ id: settled.id, slug: settled.slug, title: settled.title, artistId: settled.artistId, artistNickname: artist?.nickname ?? "" },
			deps.now,
		);
	} else if (settled.status === "failed") {
		await notifyOnce(deps.db, {
			userId: settled.artistId,
			kind: "training_failed",
			title: `Training “${settled.title}” failed`,
			body: settled.trainingError ?? "Training failed.",
			params: { style: settled.title, reason: settled.trainingError ?? "Training failed." },
			link: studioLink(settled.id),
			dedupeKey: `training_failed:${settled.id}:${job.id}`,
			now: deps.now,
		});
	}
};
