import { Hono } from "hono";
import { z } from "zod";
import {
	ArtistApplicationRequest,
	applicationView,
	applyAsArtist,
	decideArtistApplication,
	latestApplication,
	listArtistApplications,
} from "../accounts/artist-applications";
import { requireUser, signedInUser } from "../accounts/guards";
import { requireAdmin } from "../admin/admin-auth";
import type { AppEnv } from "../app-env";
import { validate } from "../lib/validate";
import { ArtistApplicationStatus } from "../shared/styles";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const ListQuery = z.object({ status: ArtistApplicationStatus.optional() });

/** `/api/me/artist-application`: a signed-in user applies to become an artist and follows the decision. */
export const myArtistApplicationApi = new Hono<AppEnv>()
	.use(requireUser)
	.get("/", async (c) => {
		const { user } = signedInUser(c);
		const application = await latestApplication(c.var.deps.db, user.id);
		return c.json({ role: user.role, application: application ? applicationView(application) : null });
	})
	.post("/", validate("json", ArtistApplicationRequest), async (c) => {
		const { db, now } = c.var.deps;
		const application = await applyAsArtist(db, signedInUser(c).user.id, c.req.valid("json").statement, now());
		return c.json({ application: applicationView(application) }, 201);
	});

/** `/api/artist-applications` (admin): the review queue, and approving or rejecting. */
export const artistApplicationsApi = new Hono<AppEnv>()
	.use(requireAdmin)
	.get("/", validate("query", ListQuery), async (c) => {
		return c.json({ applications: await listArtistApplications(c.var.deps.db, c.req.valid("query").status) });
	})
	.post("/:id/approve", validate("param", IdParams), async (c) => {
		const { db, now } = c.var.deps;
		const decided = await decideArtistApplication(db, c.req.valid("param").id, "approved", adminName(c.var.adminSession), now());
		return c.json({ application: applicationView(decided) });
	})
	.post("/:id/reject", validate("param", IdParams), async (c) => {
		const { db, now } = c.var.deps;
		const decided = await decideArtistApplication(db, c.req.valid("param").id, "rejected", adminName(c.var.adminSession), now());
		return c.json({ application: applicationView(decided) });
	});

/** Who decided, for the record: the dashboard session's admin, or the API key. */
export function adminName(session: { subject: string } | undefined): string {
	return session?.subject ?? "api-key";
}
