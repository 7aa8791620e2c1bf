import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { clientNetwork } from "../../src/lib/client-network";
import { hmacSha256Hex } from "../../src/lib/hash";
import { api, testAppDeps } from "./helpers";

/** The RATE_LIMITER object of a client address's network, as the Worker names it (per-client limits and refusal counters). */
export async function limiterOf(ip: string) {
	const { keys } = await testAppDeps();
	const ipHash = (await hmacSha256Hex(keys.clientHash, `ip:${clientNetwork(ip)}`)).slice(0, 32);
	return env.RATE_LIMITER.getByName(`ip:${ipHash}`);
}

/** Rows of one table of a Durable Object's SQLite storage ([] when the table does not exist yet). */
export async function objectRows<T extends Record<string, SqlStorageValue>>(
	stub: DurableObjectStub,
	sql: string,
	...bindings: SqlStorageValue[]
): Promise<T[]> {
	return runInDurableObject(stub, async (_, state) => state.storage.sql.exec<T>(sql, ...bindings).toArray());
}

/** The aggregate counters of refused download attempts the client's RATE_LIMITER object holds, by name, summed over minutes. */
export async function refusalTallies(ip: string): Promise<Record<string, number>> {
	const rows = await objectRows<{ name: string; count: number }>(await limiterOf(ip), "SELECT name, count FROM tallies WHERE name LIKE 'download-refusals:%'");
	const sums: Record<string, number> = {};
	for (const row of rows) sums[row.name] = (sums[row.name] ?? 0) + row.count;
	return sums;
}

/** One order's download log as `GET /api/downloads?order_id=` gives it, oldest first. */
export async function downloadLogOf(orderId: string) {
	const res = await api(`/api/downloads?order_id=${orderId}&limit=500`);
	if (res.status !== 200) throw new Error(`download log: ${res.status}`);
	const { downloads } = (await res.json()) as {
		downloads: {
			action: string;
			outcome: string;
			reason: string;
			status: number;
			grant_id: string | null;
			order_id: string | null;
			session_id: string | null;
		}[];
	};
	return downloads.reverse();
}

/** A GET of a file session as one client network. */
export function fileAs(path: string, ip: string, init: { method?: string; range?: string } = {}) {
	const headers: Record<string, string> = { "CF-Connecting-IP": ip, "User-Agent": "download-manager/1.0" };
	if (init.range) headers.Range = init.range;
	return api(path, { auth: null, method: init.method ?? "GET", headers });
}
