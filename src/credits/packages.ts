import { AppError } from "../lib/errors";

/** A credit package on sale: `credits` for `priceCents` (minor units of `currency`), from CREDIT_PACKAGES and CREDIT_CURRENCY. */
export type CreditPackage = { credits: number; priceCents: number; currency: string };

/** The package of `credits`, or `400 VALIDATION_FAILED` when none is on sale. */
export function findCreditPackage(packages: readonly CreditPackage[], credits: number): CreditPackage {
	const found = packages.find((pkg) => pkg.credits === credits);
	if (!found)
		throw new AppError(
			400,
			"VALIDATION_FAILED",
			`credits: no package of ${credits} credits is on sale; choose one of ${packages.map((p) => p.credits).join(", ")}.`,
		);
	return found;
}
