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
import { requireUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { getDb } from "../db/client";
import { requireAdmin } from "../lib/admin-auth";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { ArtistApplicationStatus } from "../shared/styles";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const ListQuery = z.object({ status: ArtistApplicationStatus.optional() });

/** `/api/me/artist-application`: a signed-in user applies to become an artist and follows the decision. */
export const myArtistApplicationApi = new Hono<AppEnv>()
	.use(requireUser)
	.get("/", async (c) => {
		const user = c.var.user;
		if (!user) throw new AppError(401, "UNAUTHORIZED", "Sign in first.");
		const application = await latestApplication(getDb(c.env.DB), user.id);
		return c.json({ role: user.role, application: application ? applicationView(application) : null });
	})
	.post("/", validate("json", ArtistApplicationRequest), async (c) => {
		const user = c.var.user;
		if (!user) throw new AppError(401, "UNAUTHORIZED", "Sign in first.");
		const application = await applyAsArtist(getDb(c.env.DB), user.id, c.req.valid("json").statement, new Date());
		return c.json({ application: applicationView(application) }, 201);
	});

/** `/api/artist-applications` (admin): the review queue, and approving or rejecting. */
export const artistApplicationsApi = new Hono<AppEnv>()
	.use(requireAdmin)
	.get("/", validate("query", ListQuery), async (c) => {
		return c.json({ applications: await listArtistApplications(getDb(c.env.DB), c.req.valid("query").status) });
	})
	.post("/:id/approve", validate("param", IdParams), async (c) => {
		const decided = await decideArtistApplication(getDb(c.env.DB), c.req.valid("param").id, "approved", adminName(c.var.adminSession), new Date());
		return c.json({ application: applicationView(decided) });
	})
	.post("/:id/reject", validate("param", IdParams), async (c) => {
		const decided = await decideArtistApplication(getDb(c.env.DB), c.req.valid("param").id, "rejected", adminName(c.var.adminSession), new Date());
		return c.json({ application: applicationView(decided) });
	});

/** Who decided, for the record: the dashboard session's admin, or the API key. */
export function adminName(session: { subject: string } | undefined): string {
	return session?.subject ?? "api-key";
}
