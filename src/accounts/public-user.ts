import { sql } from "drizzle-orm";
import { users } from "../db/schema";
import type { UserRole, UserStatus } from "../shared/styles";

/** What every public place shows of a person: never `name` (a real name) or `email`. */
export type PublicUser = {
	id: string;
	nickname: string;
	role: UserRole;
	bio: string;
	avatar_url: string | null;
	follower_count: number;
	following_count: number;
	status: UserStatus;
	created_at: string;
};

/** The columns {@link publicUserView} reads, so a query can select just these. */
export type PublicUserRow = Pick<
	typeof users.$inferSelect,
	"id" | "nickname" | "role" | "bio" | "avatarR2Key" | "followerCount" | "followingCount" | "status" | "createdAt"
>;

/**
 * The avatar's URL, or null without one: `/users/<id>/avatar?v=<first 8 of its sha256>`. The
 * object is content-addressed (`avatars/<user>/<sha256>.<ext>`), so the version changes with the
 * picture and the URL can be cached for good.
 */
export function avatarUrlOf(user: Pick<PublicUserRow, "id" | "avatarR2Key">): string | null {
	const version = avatarVersionOf(user.avatarR2Key);
	return version ? `/users/${user.id}/avatar?v=${version}` : null;
}

/** The first 8 hex digits of the avatar object's sha256, read from its key; null without an avatar. */
export function avatarVersionOf(key: string | null): string | null {
	const match = key ? /\/([0-9a-f]{64})\.(png|jpg)$/.exec(key) : null;
	return match?.[1] ? match[1].slice(0, 8) : null;
}

/**
 * A person as the public sees them. A nickname is null only on a deleted account (which has no
 * public view), and on rows made before the migration ran; those show as `user_<last 6 of id>`,
 * the very nickname the migration gives a name too short to use.
 */
export function publicUserView(row: PublicUserRow): PublicUser {
	return {
		id: row.id,
		nickname: shownNickname(row),
		role: row.role,
		bio: row.bio,
		avatar_url: avatarUrlOf(row),
		follower_count: row.followerCount,
		following_count: row.followingCount,
		status: row.status,
		created_at: row.createdAt,
	};
}

/**
 * The name shown for a person: their nickname, or `user_<last 6 of id>` for a row without one
 * (made before the migration, or straight in D1), the very nickname the migration gives a name
 * too short to use. Never the sign-in name: that is a person's real name.
 */
export function shownNickname(user: { id: string; nickname: string | null }): string {
	return user.nickname ?? `user_${user.id.slice(-6)}`;
}

/** {@link shownNickname} as a column of a query over `users`. */
export const shownNicknameSql = sql<string>`coalesce(${users.nickname}, 'user_' || substr(${users.id}, -6))`;
