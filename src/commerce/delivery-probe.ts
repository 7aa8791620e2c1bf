import { eq } from "drizzle-orm";
import { grants } from "../db/schema";
import { sha256Hex } from "../lib/hash";
import { newId } from "../lib/ids";
import type { CommerceDeps } from "./deps";
import { mintDownloadUrl } from "./downloads";

/** The package a probe downloads, as recorded in the ledger. */
export type ProbedPackage = { productId: string; version: number; r2Key: string; size: number; sha256: string; fileName: string };

/** What the probe saw. */
export type ProbeResult = { ok: boolean; detail: string };

/**
 * Proves a package is deliverable the way a buyer gets it: an internal single-use grant, a real
 * `POST /download/:token` and `GET /files/:session` through the Worker's own handlers, and the
 * bytes that come back hashed and compared with the package.
 */
export async function probeDelivery(deps: CommerceDeps, handle: (request: Request) => Promise<Response>, pkg: ProbedPackage): Promise<ProbeResult> {
	const now = deps.now().toISOString();
	const grantId = newId("grt_qa");
	await deps.db.insert(grants).values({
		id: grantId,
		purpose: "qa",
		productId: pkg.productId,
		version: pkg.version,
		packageKey: pkg.r2Key,
		packageSize: pkg.size,
		packageSha256: pkg.sha256,
		fileName: pkg.fileName,
		maxDownloads: 1,
		linkTtlSeconds: 300,
		status: "ACTIVE",
		createdAt: now,
		updatedAt: now,
	});
	const grant = await deps.db.query.grants.findFirst({ where: eq(grants.id, grantId) });
	if (!grant) return { ok: false, detail: "internal grant not stored" };
	const link = new URL(await mintDownloadUrl(deps, grant));
	// A client of its own per product, so probes never eat into a real client's rate limit.
	const headers = { "CF-Connecting-IP": `qa-probe-${pkg.productId}`, "User-Agent": "edge-factory-qa2" };
	const redeemed = await handle(new Request(`http://internal${link.pathname}`, { method: "POST", headers }));
	const location = redeemed.headers.get("Location");
	if (redeemed.status !== 303 || !location) return { ok: false, detail: `POST ${link.pathname.slice(0, 20)}… answered ${redeemed.status}` };
	const file = await handle(new Request(new URL(location, "http://internal"), { headers }));
	if (file.status !== 200) return { ok: false, detail: `GET /files/… answered ${file.status}` };
	const bytes = new Uint8Array(await file.arrayBuffer());
	const sha256 = await sha256Hex(bytes);
	const ok = sha256 === pkg.sha256 && bytes.byteLength === pkg.size && file.headers.get("X-Content-SHA256") === pkg.sha256;
	return {
		ok,
		detail: ok
			? `downloaded ${bytes.byteLength} bytes through the buyer's path, SHA-256 matches`
			: `downloaded ${bytes.byteLength} bytes hashing to ${sha256}, package is ${pkg.size} bytes ${pkg.sha256}`,
	};
}
