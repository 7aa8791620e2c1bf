import { AppError } from "../../lib/errors";
import { errorMessage, log } from "../../lib/log";
import { ChannelAuthExpired, ChannelCallFailed, ChannelReauthRequired } from "../adapter";
import type { ChannelDeps } from "../deps";
import type { ChannelHandler } from "../queue";
import { withChannelSession } from "../tokens";
import { logSnapshotRun } from "./run-log";
import { shopSnapshotRows } from "./shop-snapshot";
import { previousWindow, windowTaken, writeSnapshot } from "./snapshot-rows";
import { videoSnapshotRows } from "./video-snapshot";
import { snapshotWindowStart } from "./window";

/** Tries of one snapshot before it waits for the next window: numbers six hours late are better than a queue full of retries. */
export const SNAPSHOT_MAX_ATTEMPTS = 3;

/** Reads the channel's numbers and stores this window's rows; answers how many rows were added. */
async function takeSnapshot(deps: ChannelDeps, channelId: string, capturedAt: string): Promise<number> {
	return withChannelSession(deps, channelId, async (session, adapter, channel) => {
		const rows =
			channel.kind === "video"
				? await videoSnapshotRows(deps.db, session, adapter)
				: await shopSnapshotRows(deps.db, session, adapter, { capturedAt, previous: await previousWindow(deps.db, channelId, capturedAt) });
		return writeSnapshot(deps.db, capturedAt, rows);
	});
}

/**
 * `snapshot`: one channel's numbers for the current 6-hour window (docs/channels.md "Analytics").
 * A window already taken is skipped without calling the provider, so a message delivered twice
 * writes nothing twice. A retryable provider failure is tried again with backoff, up to
 * {@link SNAPSHOT_MAX_ATTEMPTS} tries; anything else ends the run with a log line, since the
 * next window tries again anyway. Every run leaves a `read_stats` row in the sync log.
 */
export const snapshotHandler: ChannelHandler<"snapshot"> = {
	run: async (deps, message, attempts) => {
		const at = deps.now();
		const capturedAt = snapshotWindowStart(at);
		const { channelId } = message;
		const record = (outcome: "succeeded" | "failed" | "skipped", detail: string) =>
			logSnapshotRun(deps.db, { channelId, outcome, attempt: attempts, detail, at });
		if (await windowTaken(deps.db, channelId, capturedAt)) {
			await record("skipped", `the window of ${capturedAt} is already taken`);
			return "done";
		}
		try {
			const added = await takeSnapshot(deps, channelId, capturedAt);
			await record("succeeded", `${added} rows for the window of ${capturedAt}`);
			return "done";
		} catch (err) {
			if (err instanceof AppError && (err.code === "CHANNEL_NOT_CONNECTED" || err.code === "NOT_FOUND")) {
				// Disconnected or waiting for its owner to connect again since it was queued: nothing to read.
				log("info", "snapshot skipped: channel not connected", { channelId });
				await record("skipped", "the channel is not connected");
				return "done";
			}
			if (err instanceof ChannelCallFailed && err.retryable && attempts < SNAPSHOT_MAX_ATTEMPTS) {
				const retryInSeconds = deps.config.retryBaseSeconds * 2 ** Math.max(0, attempts - 1);
				log("warn", "snapshot failed, retrying", { channelId, attempts, retryInSeconds, status: err.status, error: err.message });
				await record("failed", `${err.message}; retrying in ${retryInSeconds} s`);
				return { retryInSeconds };
			}
			if (err instanceof ChannelCallFailed || err instanceof ChannelReauthRequired || err instanceof ChannelAuthExpired) {
				log("warn", "snapshot failed", { channelId, attempts, error: err.message });
				await record("failed", err.message);
				return "done";
			}
			// D1 or R2 trouble: the consumer retries with its own backoff.
			throw err;
		}
	},
	deadLettered: async (deps, message) => {
		log("error", "snapshot dead-lettered", { channelId: message.channelId });
		await logSnapshotRun(deps.db, {
			channelId: message.channelId,
			outcome: "failed",
			attempt: 0,
			detail: "the queue gave up on this snapshot",
			at: deps.now(),
		}).catch((err) => log("error", "snapshot dead letter not logged", { channelId: message.channelId, error: errorMessage(err) }));
	},
};
