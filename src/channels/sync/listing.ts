import type { products } from "../../db/schema";
import { sha256Hex } from "../../lib/hash";
import { parseProductTexts } from "../../pipeline/language-versions";
import { primaryLanguage } from "../../pipeline/languages";
import type { ShopListing } from "../adapter";

type ProductRow = typeof products.$inferSelect;

/**
 * The shop's own product code a create carries: the same for every try of one product on one
 * shop, so a create whose answer was lost finds the first product instead of making a second.
 * (`EF-` + the product id is 39 characters, inside Cafe24's 40 for `custom_product_code`.)
 */
export function createKeyOf(productId: string): string {
	return `EF-${productId}`;
}

/**
 * A factory product as a shop should carry it: the primary language's title and description (as
 * the storefront shows them), its price, on display and on sale only while it is published and
 * enabled for the shop, no stock count (a digital product never runs out), and a link back to
 * its page in this app's storefront.
 */
export function desiredListing(product: ProductRow, wanted: boolean, baseUrl: string): ShopListing {
	const text = parseProductTexts(product.texts)[primaryLanguage(product.languages)];
	return {
		productId: product.id,
		createKey: createKeyOf(product.id),
		name: text?.title ?? product.title,
		description: text?.description ?? product.description,
		priceCents: product.priceCents,
		currency: product.currency,
		display: wanted,
		selling: wanted,
		stock: null,
		url: `${baseUrl}/products/${encodeURIComponent(product.slug)}`,
	};
}

/** What was pushed, as stored in `channel_listings.pushed` (the fields a shop shows). */
export type PushedFields = {
	name: string;
	description: string;
	price_cents: number;
	currency: string;
	display: boolean;
	selling: boolean;
	stock: number | null;
	url: string;
};

export function pushedFields(listing: ShopListing): PushedFields {
	return {
		name: listing.name,
		description: listing.description,
		price_cents: listing.priceCents,
		currency: listing.currency,
		display: listing.display,
		selling: listing.selling,
		stock: listing.stock,
		url: listing.url,
	};
}

/** A digest of what a shop shows, so an unchanged product is not pushed again. */
export function listingDigest(fields: PushedFields): Promise<string> {
	return sha256Hex(JSON.stringify(fields));
}

export function parsePushed(stored: string | null): PushedFields | null {
	if (!stored) return null;
	try {
		return JSON.parse(stored) as PushedFields;
	} catch {
		return null;
	}
}

/** Whether only the price (and its currency) differ from what the shop holds: a price update is enough. */
export function onlyPriceChanged(before: PushedFields, after: PushedFields): boolean {
	const { price_cents: _a, currency: _b, ...restBefore } = before;
	const { price_cents: _c, currency: _d, ...restAfter } = after;
	return JSON.stringify(restBefore) === JSON.stringify(restAfter) && (before.price_cents !== after.price_cents || before.currency !== after.currency);
}
