import { z } from "zod";
import { ChannelCallFailed, type ShopListing } from "../adapter";
import type { Cafe24Api } from "./api";
import { cafe24Price } from "./price";

/**
 * Products of a mall: created on the first publish and updated after. Cafe24 takes no
 * idempotency key, so a create carries the listing's `createKey` as `custom_product_code` and
 * every create is preceded by a lookup of that code: a create whose answer was lost is found
 * and updated instead of being made twice.
 */

const flag = (on: boolean) => (on ? "T" : "F");

const ProductAnswer = z.object({ product: z.object({ product_no: z.number().int() }) });
const ProductList = z.object({ products: z.array(z.object({ product_no: z.number().int(), custom_product_code: z.string().nullable().optional() })) });

function productNo(externalId: string): number {
	const no = Number(externalId);
	if (!Number.isInteger(no) || no <= 0) throw new ChannelCallFailed(`not a Cafe24 product number: ${externalId}`, false, null);
	return no;
}

function parsed<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
	const result = schema.safeParse(body);
	if (!result.success) throw new ChannelCallFailed(`Cafe24's ${what} answer is not in the documented shape`, false, null);
	return result.data;
}

/** The fields of a listing as Cafe24 names them. */
function productRequest(listing: ShopListing): Record<string, unknown> {
	const price = cafe24Price(listing.priceCents, listing.currency);
	return {
		product_name: listing.name,
		price,
		// A digital product has no purchase cost; Cafe24 requires a supply price, so it is the price.
		supply_price: price,
		display: flag(listing.display),
		selling: flag(listing.selling),
		description: listing.description,
		custom_product_code: listing.createKey,
	};
}

/** The product carrying `code`, or null. */
export async function findByCode(api: Cafe24Api, mallId: string, accessToken: string, code: string): Promise<number | null> {
	const query = new URLSearchParams({ custom_product_code: code, fields: "product_no,custom_product_code" });
	const body = parsed(ProductList, await api.call(mallId, accessToken, "products.find", "GET", `/products?${query}`), "product list");
	// The filter is exact in Cafe24, but a product whose code merely starts alike must never be taken for ours.
	return body.products.find((product) => product.custom_product_code === code)?.product_no ?? null;
}

async function update(api: Cafe24Api, mallId: string, accessToken: string, no: number, request: Record<string, unknown>): Promise<void> {
	parsed(ProductAnswer, await api.call(mallId, accessToken, "products.update", "PUT", `/products/${no}`, request), "product");
}

/** Creates the product (after looking for its code) or updates the one at `externalId`; answers the product number. */
export async function pushProduct(
	api: Cafe24Api,
	mallId: string,
	accessToken: string,
	listing: ShopListing,
	externalId: string | null,
): Promise<{ externalId: string }> {
	const request = productRequest(listing);
	const existing = externalId !== null ? productNo(externalId) : await findByCode(api, mallId, accessToken, listing.createKey);
	if (existing !== null) {
		await update(api, mallId, accessToken, existing, request);
		return { externalId: String(existing) };
	}
	const created = parsed(ProductAnswer, await api.call(mallId, accessToken, "products.create", "POST", "/products", request), "product");
	return { externalId: String(created.product.product_no) };
}

export async function updatePrice(
	api: Cafe24Api,
	mallId: string,
	accessToken: string,
	externalId: string,
	priceCents: number,
	currency: string,
): Promise<void> {
	await update(api, mallId, accessToken, productNo(externalId), { price: cafe24Price(priceCents, currency) });
}

/** Off display and off sale; never deleted, so its orders stay readable. */
export async function hideProduct(api: Cafe24Api, mallId: string, accessToken: string, externalId: string): Promise<void> {
	await update(api, mallId, accessToken, productNo(externalId), { display: "F", selling: "F" });
}

export { productNo };
