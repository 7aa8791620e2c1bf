import { z } from "zod";
import { AppError } from "../lib/errors";
import { log } from "../lib/log";

/** A credit package on sale: `credits` for `priceCents` (minor units of `currency`). */
export type CreditPackage = { credits: number; priceCents: number; currency: string };

const Amount = z.number().int().positive().max(1_000_000_000);

/** One `credits:price_cents` pair of CREDIT_PACKAGES. */
const PackagePair = z
	.string()
	.trim()
	.regex(/^\d+:\d+$/, "each package is written credits:price_cents")
	.transform((pair) => pair.split(":").map(Number))
	.pipe(z.tuple([Amount, Amount]));

/** CREDIT_PACKAGES ("100:500,500:2000,1000:3500"): at least one package, each size once. */
const PackageList = z
	.string()
	.transform((value) => value.split(","))
	.pipe(z.array(PackagePair).min(1).max(10))
	.refine((pairs) => new Set(pairs.map(([credits]) => credits)).size === pairs.length, "a package size is listed twice");

/** An ISO 4217 code, as Stripe takes it (lowercase). */
const Currency = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z]{3}$/, "a three-letter currency code");

/**
 * The packages on sale, smallest first, from CREDIT_PACKAGES and CREDIT_CURRENCY. A broken
 * setting stops every credits route with a 500 that names it: selling at a wrong price is
 * worse than not selling.
 */
export function creditPackages(env: { CREDIT_PACKAGES?: string; CREDIT_CURRENCY?: string }): CreditPackage[] {
	const list = PackageList.safeParse(env.CREDIT_PACKAGES ?? "");
	const currency = Currency.safeParse(env.CREDIT_CURRENCY ?? "");
	if (!list.success || !currency.success) {
		const problems = [
			...(list.success ? [] : [`CREDIT_PACKAGES ${JSON.stringify(env.CREDIT_PACKAGES ?? "")}: ${list.error.issues.map((i) => i.message).join("; ")}`]),
			...(currency.success ? [] : [`CREDIT_CURRENCY ${JSON.stringify(env.CREDIT_CURRENCY ?? "")}: ${currency.error.issues.map((i) => i.message).join("; ")}`]),
		].join("; ");
		log("error", "credit packages misconfigured", { problems });
		throw new AppError(500, "INTERNAL", `Credit packages are misconfigured: ${problems}.`);
	}
	return list.data.map(([credits, priceCents]) => ({ credits, priceCents, currency: currency.data })).sort((a, b) => a.credits - b.credits);
}

/** The package of `credits`, or `400 VALIDATION_FAILED` when none is on sale. */
export function findCreditPackage(packages: CreditPackage[], credits: number): CreditPackage {
	const found = packages.find((pkg) => pkg.credits === credits);
	if (!found)
		throw new AppError(
			400,
			"VALIDATION_FAILED",
			`credits: no package of ${credits} credits is on sale; choose one of ${packages.map((p) => p.credits).join(", ")}.`,
		);
	return found;
}
