import { env, exports } from "cloudflare:workers";
import { claimNickname, nicknameFromName } from "../../src/accounts/nickname";
import { createUserSession, type User } from "../../src/accounts/sessions";
import { getDb } from "../../src/db/client";
import { users } from "../../src/db/schema";
import { newId } from "../../src/lib/ids";
import type { UserRole } from "../../src/shared/styles";

/** A signed-in test user: the row, and the cookie and CSRF token its browser would send. */
export type TestUser = { user: User; cookie: string; csrf: string };

/**
 * Creates a user straight in D1 (as a completed sign-in would, nickname included: derived from
 * the name, suffixed where taken) with a live session. Credits are set directly on the balance,
 * without ledger rows, unless the test adds them itself.
 */
export async function createTestUser(opts: { role?: UserRole; credits?: number; name?: string } = {}): Promise<TestUser> {
	const db = getDb(env.DB);
	const id = newId("usr");
	const name = opts.name ?? `Test ${id.slice(-6)}`;
	const [user] = await claimNickname(db, nicknameFromName(name, id), (nickname) =>
		db
			.insert(users)
			.values({
				id,
				oidcIssuer: "http://issuer.test",
				oidcSubject: id,
				email: `${id}@example.com`,
				name,
				nickname,
				role: opts.role ?? "user",
				creditBalance: opts.credits ?? 0,
			})
			.returning(),
	);
	if (!user) throw new Error("user not stored");
	const { token, session } = await createUserSession(db, id, new Date());
	return { user, cookie: `ef_user=${token}`, csrf: session.csrfToken };
}

/** A request as the signed-in user's browser makes it (cookie, and the CSRF header on unsafe methods). */
export function userApi(who: TestUser, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
	const headers = new Headers(init.headers);
	headers.set("Cookie", who.cookie);
	if (init.method && init.method !== "GET" && init.method !== "HEAD") headers.set("X-CSRF-Token", who.csrf);
	let body = init.body;
	if (init.json !== undefined) {
		headers.set("Content-Type", "application/json");
		body = JSON.stringify(init.json);
	}
	return exports.default.fetch(new Request(`http://localhost:8787${path}`, { redirect: "manual", ...init, headers, body }));
}
