import type { ChannelKind } from "../../shared/channels";

/**
 * Who a channel belongs to: the shop's admins (`ownerKey` = `admin`, no user) or one user
 * (`ownerKey` = the user's id). Shops are the admins', video channels the users' (issue 18), so
 * the owner also says which kind a flow connects.
 */
export type ChannelOwner = { ownerKey: string; userId: string | null };

/** The shop's own channels' owner. */
export const ADMIN_OWNER: ChannelOwner = { ownerKey: "admin", userId: null };

/** A user's channels' owner. */
export function userOwner(userId: string): ChannelOwner {
	return { ownerKey: userId, userId };
}

/** The kind an owner connects: admins connect shops, users video channels. */
export function kindOf(owner: ChannelOwner): ChannelKind {
	return owner.userId === null ? "shop" : "video";
}
