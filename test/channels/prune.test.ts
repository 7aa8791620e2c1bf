import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { pruneChannelHistory } from "../../src/channels/prune";
import { getDb } from "../../src/db/client";
import { newId } from "../../src/lib/ids";
import { runSweeps, sweepsOf } from "../../src/scheduled";
import { testAppDeps } from "../support/helpers";
import { connectSandboxChannel } from "../support/sandbox-helpers";

const count = async (sql: string, ...binds: string[]) =>
	(
		await env.DB.prepare(sql)
			.bind(...binds)
			.first<{ n: number }>()
	)?.n ?? 0;

describe("pruning channel history", () => {
	it("deletes snapshots older than 400 days and sync log rows older than 180, keeping the rest", async () => {
		const deps = (await testAppDeps()).channels;
		const { channel } = await connectSandboxChannel(deps, { kind: "shop" });
		const now = new Date("2027-06-01T00:00:00.000Z");
		const day = 86_400_000;
		const at = (days: number) => new Date(now.getTime() - days * day).toISOString();
		for (const days of [401, 399]) {
			await env.DB.prepare("INSERT INTO analytics_snapshots (id, channel_id, captured_at) VALUES (?, ?, ?)").bind(newId("ans"), channel.id, at(days)).run();
			await env.DB.prepare("INSERT INTO channel_sync_log (id, channel_id, operation, outcome, created_at) VALUES (?, ?, 'read_stats', 'succeeded', ?)")
				.bind(newId("csl"), channel.id, at(days - 220))
				.run();
		}
		const pruned = await pruneChannelHistory({ db: getDb(env.DB), now: () => now });
		expect(pruned).toMatchObject({ snapshots: 1, syncLog: 1 });
		expect(await count("SELECT count(*) AS n FROM analytics_snapshots WHERE channel_id = ?", channel.id)).toBe(1);
		expect(await count("SELECT count(*) AS n FROM channel_sync_log WHERE channel_id = ? AND operation = 'read_stats'", channel.id)).toBe(1);
	});

	it("runs with the 6-hour cron, after the snapshots are handed over", async () => {
		expect(sweepsOf("0 */6 * * *").map((sweep) => sweep.name)).toEqual(["channels.enqueue-snapshots", "channels.prune-history"]);
		await expect(runSweeps(sweepsOf("0 */6 * * *"), await testAppDeps(), "0 */6 * * *")).resolves.toBeUndefined();
		expect(() => sweepsOf("0 0 * * *")).toThrow(/no sweeps for cron/);
	});
});
