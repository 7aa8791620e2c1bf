import { and, asc, desc, eq, inArray, ne, notExists, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { artistApplications, users } from "../db/schema";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { ArtistApplicationStatus } from "../shared/styles";

/** What a user sends to apply: a few words on their art, 20 to 2000 characters. */
export const ArtistApplicationRequest = z.object({ statement: z.string().trim().min(20).max(2000) });
export type ArtistApplicationRequest = z.infer<typeof ArtistApplicationRequest>;

export type ArtistApplication = typeof artistApplications.$inferSelect;

/** An application as the API shows it. */
export function applicationView(row: ArtistApplication) {
	return { id: row.id, status: row.status, statement: row.statement, created_at: row.createdAt, decided_at: row.decidedAt };
}

/**
 * Files an application for `userId`, in one conditional insert: only a user (not yet an artist)
 * with no application pending gets one, so two concurrent submits cannot make two.
 * Otherwise `409 CONFLICT`, saying which.
 */
export async function applyAsArtist(db: Db, userId: string, statement: string, now: Date): Promise<ArtistApplication> {
	const pending = db
		.select({ one: sql`1` })
		.from(artistApplications)
		.where(and(eq(artistApplications.userId, userId), eq(artistApplications.status, "pending")));
	const [created] = await db
		.insert(artistApplications)
		.select(
			db
				.select({
					id: sql`${newId("apl")}`.as("id"),
					userId: users.id,
					statement: sql`${statement}`.as("statement"),
					status: sql`'pending'`.as("status"),
					createdAt: sql`${now.toISOString()}`.as("created_at"),
					decidedAt: sql`null`.as("decided_at"),
					decidedBy: sql`null`.as("decided_by"),
				})
				.from(users)
				.where(and(eq(users.id, userId), eq(users.role, "user"), notExists(pending))),
		)
		.returning();
	if (created) return created;
	const user = await db.query.users.findFirst({ columns: { role: true }, where: eq(users.id, userId) });
	if (!user) throw new AppError(401, "UNAUTHORIZED", "Sign in first.");
	if (user.role === "artist") throw new AppError(409, "CONFLICT", "You are already an artist.");
	throw new AppError(409, "CONFLICT", "You already have an application waiting for review.");
}

/** The user's most recent application, or null. */
export async function latestApplication(db: Db, userId: string): Promise<ArtistApplication | null> {
	const row = await db.query.artistApplications.findFirst({
		where: eq(artistApplications.userId, userId),
		orderBy: [desc(artistApplications.createdAt), desc(artistApplications.id)],
	});
	return row ?? null;
}

/** An application with its applicant, for the admin. */
export type ArtistApplicationWithUser = ReturnType<typeof applicationView> & {
	decided_by: string | null;
	user: { id: string; name: string; email: string; role: string };
};

/**
 * Applications of one status, all decided ones (`"decided"`), or all: pending ones oldest first,
 * as a queue; otherwise newest first.
 */
export async function listArtistApplications(
	db: Db,
	status: ArtistApplicationStatus | "decided" | undefined,
	limit = 200,
): Promise<ArtistApplicationWithUser[]> {
	const filter = status === "decided" ? ne(artistApplications.status, "pending") : status ? eq(artistApplications.status, status) : undefined;
	const rows = await db
		.select({ application: artistApplications, user: { id: users.id, name: users.name, email: users.email, role: users.role } })
		.from(artistApplications)
		.innerJoin(users, eq(users.id, artistApplications.userId))
		.where(filter)
		.orderBy(status === "pending" ? asc(artistApplications.createdAt) : desc(artistApplications.createdAt), asc(artistApplications.id))
		.limit(limit);
	return rows.map(({ application, user }) => ({ ...applicationView(application), decided_by: application.decidedBy, user }));
}

/**
 * Approves or rejects a pending application. Approving moves the application and makes its user
 * an artist in one batch (one transaction). Only a pending application can be decided: deciding
 * it again, or the other way, is `409 CONFLICT`; an unknown id `404`.
 */
export async function decideArtistApplication(db: Db, id: string, decision: "approved" | "rejected", decidedBy: string, now: Date): Promise<ArtistApplication> {
	const decide = db
		.update(artistApplications)
		.set({ status: decision, decidedAt: now.toISOString(), decidedBy })
		.where(and(eq(artistApplications.id, id), eq(artistApplications.status, "pending")))
		.returning();
	// Keyed on the application being approved (by this statement or before): a no-op otherwise.
	const promote = db
		.update(users)
		.set({ role: "artist" })
		.where(
			inArray(
				users.id,
				db
					.select({ userId: artistApplications.userId })
					.from(artistApplications)
					.where(and(eq(artistApplications.id, id), eq(artistApplications.status, "approved"))),
			),
		);
	const [decided] = decision === "approved" ? (await db.batch([decide, promote]))[0] : await decide;
	if (decided) return decided;
	const existing = await db.query.artistApplications.findFirst({ columns: { status: true }, where: eq(artistApplications.id, id) });
	if (!existing) throw new AppError(404, "NOT_FOUND", "No such artist application.");
	throw new AppError(409, "CONFLICT", `This application was already ${existing.status}.`);
}
