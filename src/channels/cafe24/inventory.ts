import { z } from "zod";
import { ChannelCallFailed } from "../adapter";
import type { Cafe24Api } from "./api";
import { productNo } from "./products";

/**
 * Stock per variant: Cafe24 keeps inventory on each variant (a product without options has one).
 * A number turns inventory tracking on with that quantity; null (unlimited, a digital product)
 * turns it off, so the variant never sells out.
 */

const VariantList = z.object({ variants: z.array(z.object({ variant_code: z.string().min(1) })) });

export async function updateStock(api: Cafe24Api, mallId: string, accessToken: string, externalId: string, stock: number | null): Promise<void> {
	if (stock !== null && (!Number.isInteger(stock) || stock < 0)) throw new ChannelCallFailed("stock must be a whole number of units", false, null);
	const no = productNo(externalId);
	const listed = VariantList.safeParse(await api.call(mallId, accessToken, "variants.list", "GET", `/products/${no}/variants`));
	if (!listed.success) throw new ChannelCallFailed("Cafe24's variant list is not in the documented shape", false, null);
	const request = stock === null ? { use_inventory: "F" } : { use_inventory: "T", quantity: stock };
	// One after another: the call limit is per mall, and the limiter paces sequential calls.
	for (const variant of listed.data.variants) {
		await api.call(
			mallId,
			accessToken,
			"inventories.update",
			"PUT",
			`/products/${no}/variants/${encodeURIComponent(variant.variant_code)}/inventories`,
			request,
		);
	}
}
