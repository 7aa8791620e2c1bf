import { applyMovement, type MovementOutcome } from "../credits/ledger";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { newId } from "../lib/ids";
import { WELCOME_CREDITS } from "../shared/styles";
import type { VerifiedIdentity } from "./oidc";
import type { User } from "./sessions";

/**
 * The user of a verified sign-in: created on the first one (role `user`, no credits yet), found
 * on later ones by (issuer, subject), the issuer's stable account id, never by e-mail, which can
 * change hands. E-mail and name are refreshed from the ID token each time.
 */
export async function upsertSignedInUser(db: Db, issuer: string, identity: VerifiedIdentity, now: Date): Promise<User> {
	const at = now.toISOString();
	const [user] = await db
		.insert(users)
		.values({
			id: newId("usr"),
			oidcIssuer: issuer,
			oidcSubject: identity.subject,
			email: identity.email,
			name: identity.name,
			createdAt: at,
			lastSignInAt: at,
		})
		.onConflictDoUpdate({ target: [users.oidcIssuer, users.oidcSubject], set: { email: identity.email, name: identity.name, lastSignInAt: at } })
		.returning();
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
