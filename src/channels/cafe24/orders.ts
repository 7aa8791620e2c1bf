import { z } from "zod";
import { ChannelCallFailed, type ShopOrderLine } from "../adapter";
import type { Cafe24Api } from "./api";
import { kstToIso } from "./oauth";
import { CAFE24_CURRENCY, wonFromCafe24 } from "./price";

/**
 * Orders of a mall since a time, as order lines for the analytics page. Cafe24 searches orders
 * by calendar date in Korea Standard Time between `start_date` and `end_date` (a bounded period),
 * pages with `limit`/`offset`, and embeds the lines with `embed=items`.
 */

/** Days per search: Cafe24 bounds an order search's period, so longer spans are read in windows. */
export const ORDER_WINDOW_DAYS = 30;
/** Orders per page (Cafe24's maximum `limit` for orders). */
export const ORDER_PAGE_SIZE = 1000;
/** Cafe24's largest `offset`; beyond it a window must be narrower. */
const MAX_OFFSET = 15_000;
const DAY_MS = 86_400_000;
const KST_OFFSET_MS = 9 * 3_600_000;

const OrderList = z.object({
	orders: z.array(
		z.object({
			order_date: z.string(),
			currency: z.string().optional(),
			items: z
				.array(
					z.object({
						product_no: z.number().int(),
						quantity: z.number().int(),
						product_price: z.union([z.string(), z.number()]),
						option_price: z.union([z.string(), z.number()]).optional(),
					}),
				)
				.default([]),
		}),
	),
});

/** The KST calendar date (YYYY-MM-DD) of an instant. */
export function kstDate(at: number): string {
	return new Date(at + KST_OFFSET_MS).toISOString().slice(0, 10);
}

export async function readOrders(api: Cafe24Api, mallId: string, accessToken: string, since: string, now: Date): Promise<ShopOrderLine[]> {
	const from = Date.parse(since);
	if (Number.isNaN(from)) throw new ChannelCallFailed(`not a time: ${since}`, false, null);
	const lines: ShopOrderLine[] = [];
	for (let windowStart = from; windowStart <= now.getTime(); windowStart += ORDER_WINDOW_DAYS * DAY_MS) {
		const windowEnd = Math.min(now.getTime(), windowStart + (ORDER_WINDOW_DAYS - 1) * DAY_MS);
		for (let offset = 0; offset <= MAX_OFFSET; offset += ORDER_PAGE_SIZE) {
			const query = new URLSearchParams({
				start_date: kstDate(windowStart),
				end_date: kstDate(windowEnd),
				embed: "items",
				limit: String(ORDER_PAGE_SIZE),
				offset: String(offset),
			});
			const page = OrderList.safeParse(await api.call(mallId, accessToken, "orders.list", "GET", `/orders?${query}`));
			if (!page.success) throw new ChannelCallFailed("Cafe24's order list is not in the documented shape", false, null);
			for (const order of page.data.orders) {
				const orderedAt = kstToIso(order.order_date);
				// Dates are whole KST days; the lines before `since` on its first day are not ours to count.
				if (Date.parse(orderedAt) < from) continue;
				for (const item of order.items) {
					const unit = wonFromCafe24(item.product_price) + wonFromCafe24(item.option_price);
					lines.push({
						externalProductId: String(item.product_no),
						quantity: item.quantity,
						amountCents: unit * item.quantity,
						currency: (order.currency ?? CAFE24_CURRENCY).toLowerCase(),
						orderedAt,
					});
				}
			}
			if (page.data.orders.length < ORDER_PAGE_SIZE) break;
		}
	}
	return lines;
}
