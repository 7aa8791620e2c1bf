import { and, eq } from "drizzle-orm";
import { channelListings, channels, productChannels } from "../../db/channels-schema";
import { products } from "../../db/schema";
import { AppError } from "../../lib/errors";
import { errorMessage, log } from "../../lib/log";
import type { SyncOperation } from "../../shared/channels";
import { ChannelCallFailed, ChannelReauthRequired, type ChannelSession, type ShopCapability } from "../adapter";
import type { ChannelDeps } from "../deps";
import { withChannelSession } from "../tokens";
import { createKeyOf, desiredListing, listingDigest, onlyPriceChanged, parsePushed, pushedFields } from "./listing";
import { writeSyncLog } from "./sync-log";

/** A sync that keeps failing for a reason a later try may not have is given up after this many tries. */
export const SYNC_MAX_ATTEMPTS = 5;

export type SyncResult = "done" | { retryInSeconds: number };

type Listing = typeof channelListings.$inferSelect;

/** The one outside call a sync decided on; `call` answers the outside id the listing keeps. */
type Plan = { operation: SyncOperation; call: (shop: ShopCapability, session: ChannelSession) => Promise<string> };

/**
 * Brings one product's listing in one shop in line with the product, with at most one outside
 * call: hide it (unpublished, or disabled for the shop), create it (no outside id yet; the id is
 * stored the moment it is known), update its price (only the price changed), update it (anything
 * else), or nothing (`skipped`: the shop already shows exactly this). Every call lands in the sync
 * log. A failure a later try may fix answers a delay (`retryBaseSeconds`, doubling) until
 * {@link SYNC_MAX_ATTEMPTS}; any other failure is logged and the sync ends.
 */
export async function syncProductToChannel(deps: ChannelDeps, productId: string, channelId: string, attempt: number): Promise<SyncResult> {
	const [product, channel, setting] = await Promise.all([
		deps.db.query.products.findFirst({ where: eq(products.id, productId) }),
		deps.db.query.channels.findFirst({ where: eq(channels.id, channelId) }),
		deps.db.query.productChannels.findFirst({ where: and(eq(productChannels.productId, productId), eq(productChannels.channelId, channelId)) }),
	]);
	// A product or channel deleted since the message was sent: nothing is left to bring in line.
	if (!product || !channel || channel.kind !== "shop") return "done";
	const wanted = product.status === "PUBLISHED" && (setting?.enabled ?? false);
	const listing = await listingRow(deps, channelId, productId);
	const desired = desiredListing(product, wanted, deps.config.baseUrl);
	const fields = pushedFields(desired);
	const digest = await listingDigest(fields);
	const base = { channelId, productId, attempt };

	if (!wanted && (!listing.externalId || listing.hidden)) return "done";
	const before = parsePushed(listing.pushed);
	if (wanted && listing.externalId && !listing.hidden && listing.pushedDigest === digest) {
		await writeSyncLog(deps.db, { ...base, operation: "update_product", outcome: "skipped", externalId: listing.externalId, detail: "unchanged" }, deps.now());
		return "done";
	}
	const plan = planCall(listing, wanted, desired, before, fields);
	if (channel.status !== "connected") {
		// No outside call on a channel that must be connected again; the next change or "sync now" after reconnecting brings it in line.
		await writeSyncLog(
			deps.db,
			{ ...base, operation: plan.operation, outcome: "skipped", externalId: listing.externalId, detail: `channel ${channel.status}` },
			deps.now(),
		);
		return "done";
	}

	let externalId: string;
	try {
		externalId = await withChannelSession(deps, channelId, (session, adapter) => {
			if (!adapter.shop) throw new ChannelCallFailed(`${adapter.provider} carries no shop`, false);
			return plan.call(adapter.shop, session);
		});
	} catch (err) {
		return failed(deps, { ...base, operation: plan.operation, externalId: listing.externalId }, err);
	}
	await deps.db
		.update(channelListings)
		.set({
			externalId,
			pushed: JSON.stringify(plan.operation === "hide_product" ? { ...(before ?? fields), display: false, selling: false } : fields),
			pushedDigest: plan.operation === "hide_product" ? null : digest,
			hidden: plan.operation === "hide_product",
			lastSyncedAt: deps.now().toISOString(),
			updatedAt: deps.now().toISOString(),
		})
		.where(and(eq(channelListings.channelId, channelId), eq(channelListings.productId, productId)));
	await writeSyncLog(deps.db, { ...base, operation: plan.operation, outcome: "succeeded", externalId, detail: "" }, deps.now());
	return "done";
}

function planCall(
	listing: Listing,
	wanted: boolean,
	desired: ReturnType<typeof desiredListing>,
	before: ReturnType<typeof parsePushed>,
	fields: ReturnType<typeof pushedFields>,
): Plan {
	const id = listing.externalId;
	if (!wanted && id) {
		return {
			operation: "hide_product",
			call: async (shop, session) => {
				await shop.hide(session, id);
				return id;
			},
		};
	}
	if (!id) return { operation: "create_product", call: async (shop, session) => (await shop.pushProduct(session, desired, null)).externalId };
	if (!listing.hidden && before && onlyPriceChanged(before, fields)) {
		return {
			operation: "update_price",
			call: async (shop, session) => {
				await shop.updatePrice(session, id, desired.priceCents, desired.currency);
				return id;
			},
		};
	}
	return { operation: "update_product", call: async (shop, session) => (await shop.pushProduct(session, desired, id)).externalId };
}

/** The listing row of (channel, product), made with its create key the first time. */
async function listingRow(deps: ChannelDeps, channelId: string, productId: string): Promise<Listing> {
	const where = and(eq(channelListings.channelId, channelId), eq(channelListings.productId, productId));
	await deps.db
		.insert(channelListings)
		.values({ channelId, productId, createKey: createKeyOf(productId) })
		.onConflictDoNothing();
	const row = await deps.db.query.channelListings.findFirst({ where });
	if (!row) throw new Error("channel listing row missing after insert");
	return row;
}

/**
 * A failed call: logged with the provider's reason, and tried again later only when a later try
 * may succeed (the provider said so, or the network failed) and tries are left.
 */
async function failed(
	deps: ChannelDeps,
	entry: { channelId: string; productId: string; attempt: number; operation: SyncOperation; externalId: string | null },
	err: unknown,
): Promise<SyncResult> {
	const reason = errorMessage(err);
	const retryable = err instanceof ChannelCallFailed ? err.retryable : !(err instanceof AppError || err instanceof ChannelReauthRequired);
	const retry = retryable && entry.attempt < SYNC_MAX_ATTEMPTS;
	const delay = deps.config.retryBaseSeconds * 2 ** (entry.attempt - 1);
	const detail = retry ? `${reason} (retrying in ${delay} s)` : retryable ? `${reason} (gave up after ${entry.attempt} attempts)` : reason;
	await writeSyncLog(deps.db, { ...entry, outcome: "failed", detail }, deps.now());
	log("warn", "product sync failed", {
		channelId: entry.channelId,
		productId: entry.productId,
		operation: entry.operation,
		attempt: entry.attempt,
		retry,
		reason,
	});
	return retry ? { retryInSeconds: delay } : "done";
}

/** A sync the queue gave up on (its bookkeeping kept failing): one failed row, so no failure is silent. */
export async function syncDeadLettered(deps: ChannelDeps, productId: string, channelId: string): Promise<void> {
	const listing = await deps.db.query.channelListings.findFirst({
		where: and(eq(channelListings.channelId, channelId), eq(channelListings.productId, productId)),
	});
	await writeSyncLog(
		deps.db,
		{
			channelId,
			productId,
			operation: listing?.externalId ? "update_product" : "create_product",
			outcome: "failed",
			externalId: listing?.externalId ?? null,
			attempt: 0,
			detail: "the queue gave up on this sync (dead-lettered)",
		},
		deps.now(),
	);
}
