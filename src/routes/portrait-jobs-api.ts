import { Hono } from "hono";
import { z } from "zod";
import { requireAdmin } from "../admin/admin-auth";
import type { AppEnv } from "../app-env";
import { validate } from "../lib/validate";
import { jobForAdmin, listJobsForAdmin } from "../portraits/admin-view";
import { PortraitStatus } from "../shared/portraits";

const ListQuery = z.strictObject({
	status: PortraitStatus.optional(),
	before: z.iso.datetime().optional(),
	limit: z.coerce.number().int().min(1).max(100).default(50),
});
const JobParams = z.object({ id: z.string().regex(/^ptj_[0-9a-f]{32}$/) });

/** `/api/portrait-jobs` (admin): the portrait jobs for support, the CLI and the bench; nothing personal, numbers masked. */
export const portraitJobsApi = new Hono<AppEnv>()
	.use(requireAdmin)
	.get("/", validate("query", ListQuery), async (c) => c.json(await listJobsForAdmin(c.var.deps.db, c.req.valid("query"))))
	.get("/:id", validate("param", JobParams), async (c) => c.json(await jobForAdmin(c.var.deps.db, c.req.valid("param").id)));
