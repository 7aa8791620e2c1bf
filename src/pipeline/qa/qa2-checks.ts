import type { productFiles } from "../../db/schema";
import { toHex } from "../../lib/hash";
import { findUnsafePaths } from "../../lib/safe-path";
import { centralDirectoryEntryCount, readZipDigests, type ZipEntryDigest } from "../../lib/zip";
import { MANIFEST_PATH, PackageManifest } from "../../shared/manifest";
import type { QaCheck } from "../../shared/qa";
import type { PackageRow, RequiredEntry } from "../kinds";
import { check } from "./score";

type FileRow = typeof productFiles.$inferSelect;

/** End-of-central-directory record (22 bytes) plus the longest possible ZIP comment. */
const EOCD_SEARCH_BYTES = 22 + 0xffff;
const MANIFEST_ENTRY: RequiredEntry = [MANIFEST_PATH, /^manifest\.json$/];

/**
 * Runs QA2 over the stored package: the object is what the ledger recorded (size, SHA-256),
 * it opens as a ZIP whose central directory agrees with its entries, and every entry matches
 * the manifest, which matches the files QA1 passed.
 */
export async function qa2Checks(
	bucket: R2Bucket,
	pkg: PackageRow | undefined,
	files: FileRow[],
	product: { id: string; version: number },
	kindEntries: readonly RequiredEntry[],
): Promise<QaCheck[]> {
	if (!pkg) return [check("package.recorded", "functional", false, "no package recorded for this version", true)];
	const object = await bucket.get(pkg.r2Key);
	if (!object) return [check("package.stored", "functional", false, `package object missing from storage (${pkg.r2Key})`, true)];

	const checks: QaCheck[] = [check("package.stored", "functional", true, `${pkg.r2Key} present`)];
	checks.push(check("package.size", "technical", object.size === pkg.size, `stored ${object.size} bytes, ledger ${pkg.size}`, true));

	const [forHash, forUnzip] = object.body.tee();
	const digest = new crypto.DigestStream("SHA-256");
	const hashed = forHash.pipeTo(digest).then(async () => toHex(await digest.digest));
	let entries: ZipEntryDigest[] | null = null;
	let unzipError = "";
	try {
		entries = await readZipDigests(forUnzip, (path) => path === MANIFEST_PATH);
	} catch (err) {
		unzipError = err instanceof Error ? err.message : String(err);
	}
	const sha256 = await hashed;
	checks.push(
		check(
			"package.sha256",
			"technical",
			sha256 === pkg.sha256,
			sha256 === pkg.sha256 ? `SHA-256 ${sha256}` : `stored object hashes to ${sha256}, ledger says ${pkg.sha256}`,
			true,
		),
	);

	if (!entries) {
		checks.push(check("zip.opens", "functional", false, `archive does not open: ${unzipError}`, true));
		return checks;
	}
	const tail = await bucket.get(pkg.r2Key, { range: { suffix: Math.min(EOCD_SEARCH_BYTES, object.size) } });
	const directoryCount = tail ? centralDirectoryEntryCount(new Uint8Array(await tail.arrayBuffer())) : null;
	checks.push(
		check(
			"zip.opens",
			"functional",
			directoryCount === entries.length,
			`${entries.length} entries read, central directory lists ${directoryCount ?? "none"}`,
			true,
		),
	);

	const names = entries.map((entry) => entry.path);
	const unsafe = findUnsafePaths(names);
	checks.push(
		check(
			"zip.safe_names",
			"technical",
			unsafe.length === 0,
			unsafe.length === 0 ? "entry names are relative, normalised and unique" : unsafe.join(", "),
			true,
		),
	);
	const required = [...kindEntries, MANIFEST_ENTRY];
	const missing = required.filter(([, pattern]) => !names.some((name) => pattern.test(name))).map(([label]) => label);
	checks.push(
		check(
			"zip.required_files",
			"structural",
			missing.length === 0,
			missing.length === 0 ? `${inWords(required.map(([label]) => label))} present` : `missing: ${missing.join(", ")}`,
			true,
		),
	);

	const manifestEntry = entries.find((entry) => entry.path === MANIFEST_PATH);
	let manifest: PackageManifest | null = null;
	try {
		manifest = manifestEntry?.body ? PackageManifest.parse(JSON.parse(new TextDecoder().decode(manifestEntry.body))) : null;
	} catch {
		manifest = null;
	}
	const manifestOk = manifest !== null && manifest.product_id === product.id && manifest.version === product.version;
	checks.push(
		check(
			"manifest.valid",
			"productization",
			manifestOk,
			manifestOk ? `${manifest?.files.length} files listed` : "manifest.json missing, unreadable or for another product/version",
			true,
		),
	);
	if (!manifest) return checks;

	const byPath = new Map(entries.map((entry) => [entry.path, entry]));
	const mismatches: string[] = [];
	for (const listed of manifest.files) {
		const entry = byPath.get(listed.path);
		if (!entry) mismatches.push(`${listed.path} missing from the archive`);
		else if (entry.size !== listed.size || entry.sha256 !== listed.sha256) mismatches.push(`${listed.path} differs from its manifest checksum`);
	}
	const listedPaths = new Set(manifest.files.map((file) => file.path));
	for (const name of names) if (name !== MANIFEST_PATH && !listedPaths.has(name)) mismatches.push(`${name} not in the manifest`);
	checks.push(
		check(
			"manifest.checksums",
			"technical",
			mismatches.length === 0,
			mismatches.length === 0 ? "every entry matches its manifest size and SHA-256" : mismatches.join("; "),
			true,
		),
	);

	const ledger = new Map(files.map((file) => [file.path, file]));
	const drift = manifest.files
		.filter((file) => ledger.get(file.path)?.sha256 !== file.sha256 || ledger.get(file.path)?.size !== file.size)
		.map((file) => file.path);
	const unlisted = files.filter((file) => !listedPaths.has(file.path)).map((file) => file.path);
	const ledgerOk = drift.length === 0 && unlisted.length === 0;
	checks.push(
		check(
			"manifest.matches_ledger",
			"productization",
			ledgerOk,
			ledgerOk ? "manifest lists exactly the files QA1 passed" : `differs from the recorded files: ${[...drift, ...unlisted].join(", ")}`,
			true,
		),
	);
	return checks;
}

/** "a, b and c". */
function inWords(labels: string[]): string {
	return labels.length < 2 ? labels.join("") : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}
