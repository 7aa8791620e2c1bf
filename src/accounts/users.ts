import { and, eq } from "drizzle-orm";
import { applyMovement, type MovementOutcome } from "../credits/ledger";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { newId } from "../lib/ids";
import { WELCOME_CREDITS } from "../shared/styles";
import { claimNickname, nicknameFromName } from "./nickname";
import type { VerifiedIdentity } from "./oidc";
import type { User } from "./sessions";

/**
 * The user of a verified sign-in: created on the first one (role `user`, no credits yet, a
 * nickname derived from the name, with a random suffix where taken), found on later ones by
 * (issuer, subject), the issuer's stable account id, never by e-mail, which can change hands.
 * E-mail and name are refreshed from the ID token each time; the nickname is the user's own
 * from then on and never changes on sign-in.
 */
export async function upsertSignedInUser(db: Db, issuer: string, identity: VerifiedIdentity, now: Date): Promise<User> {
	const at = now.toISOString();
	const refresh = { email: identity.email, name: identity.name, lastSignInAt: at };
	const [existing] = await db
		.update(users)
		.set(refresh)
		.where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, identity.subject)))
		.returning();
	if (existing) return existing;
	const id = newId("usr");
	const user = await claimNickname(db, nicknameFromName(identity.name, id), async (nickname) => {
		const [row] = await db
			.insert(users)
			.values({ id, oidcIssuer: issuer, oidcSubject: identity.subject, email: identity.email, name: identity.name, nickname, createdAt: at, lastSignInAt: at })
			// Two first sign-ins of one account at once: the second finds the first's row (and keeps its nickname).
			.onConflictDoUpdate({ target: [users.oidcIssuer, users.oidcSubject], set: refresh })
			.returning();
		return row;
	});
	if (!user) throw new Error("user not stored");
	return user;
}

/**
 * Grants the welcome credits, once per user: the movement id `welcome:<user>` is the ledger's
 * key, so calling this on every sign-in is safe (later calls are "duplicate" and change
 * nothing), and a first grant that failed half-way is simply made on the next sign-in.
 */
export function grantWelcomeCredits(db: Db, userId: string, now: Date): Promise<MovementOutcome> {
	return applyMovement(db, { id: `welcome:${userId}`, userId, kind: "welcome", amount: WELCOME_CREDITS, now });
}
