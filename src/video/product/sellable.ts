import { and, desc, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { projects } from "../../db/video-schema";

/** A video of the shop's own on the admin's list: ready to sell, or already a product. */
export type SellableVideo = {
	id: string;
	title: string;
	keyword: string;
	ownerEmail: string;
	durationMs: number | null;
	width: number | null;
	height: number | null;
	updatedAt: string;
	/** The product it was published as; null while it is only ready. */
	productId: string | null;
};

/** How many the page lists: the newest first. */
const LIMIT = 100;

/**
 * The ready (or already sold) video projects of the shop's own accounts, the owners whose
 * e-mail is one of ADMIN_EMAILS: what `/admin/videos` offers to publish as products.
 */
export async function sellableVideos(db: Db, shopEmails: ReadonlySet<string>): Promise<SellableVideo[]> {
	if (shopEmails.size === 0) return [];
	const owners = await db
		.select({ id: users.id, email: users.email })
		.from(users)
		.where(inArray(sql`lower(${users.email})`, [...shopEmails]));
	if (owners.length === 0) return [];
	const emailOf = new Map(owners.map((owner) => [owner.id, owner.email]));
	const rows = await db
		.select()
		.from(projects)
		.where(
			and(
				inArray(
					projects.userId,
					owners.map((owner) => owner.id),
				),
				or(eq(projects.status, "ready"), isNotNull(projects.productId)),
			),
		)
		.orderBy(desc(projects.updatedAt))
		.limit(LIMIT);
	return rows.map((row) => ({
		id: row.id,
		title: row.title,
		keyword: row.keyword,
		ownerEmail: emailOf.get(row.userId) ?? "",
		durationMs: row.videoDurationMs,
		width: row.videoWidth,
		height: row.videoHeight,
		updatedAt: row.updatedAt,
		productId: row.productId?.startsWith("claim:") ? null : row.productId,
	}));
}
