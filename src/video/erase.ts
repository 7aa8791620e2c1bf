import { and, eq } from "drizzle-orm";
import type { AccountEraser } from "../accounts/erasers";
import { assets, brandProfiles, imageCache, projects, scriptCache, usageRecords, userPlans, videoSlots, videoTemplates } from "../db/video-schema";
import { AppError } from "../lib/errors";
import { projectFilesPrefix } from "./pipeline/keys";

/**
 * The short-video line's part of an account's erasure (docs/video.md "Data and deletion"): brand
 * profiles, templates, projects (their scenes and runs cascade), the caches, the asset library, the
 * plan and video slots go, with every file they point at. Usage rows and plan purchases stay for
 * accounting, as the credit ledger does (no content, only amounts). A project being made blocks it,
 * as an image being generated does: its jobs are still writing files.
 */
export const videoAccountEraser: AccountEraser = {
	name: "video",
	async blocker(db, userId) {
		const open = await db.query.projects.findFirst({ columns: { id: true }, where: and(eq(projects.userId, userId), eq(projects.status, "processing")) });
		return open ? new AppError(409, "CONFLICT", "A video of yours is still being made; delete your account once it has finished.") : null;
	},
	async objects(db, userId) {
		const [own, library, cached] = await db.batch([
			db.select({ id: projects.id }).from(projects).where(eq(projects.userId, userId)),
			db.select({ key: assets.r2Key }).from(assets).where(eq(assets.userId, userId)),
			db.select({ key: imageCache.r2Key }).from(imageCache).where(eq(imageCache.userId, userId)),
		]);
		// Every file of a project (scenes, voice, video, thumbnail, the probe) is under its own prefix.
		return {
			keys: [...new Set([...library, ...cached].map((row) => row.key))],
			prefixes: [...own.map((row) => projectFilesPrefix(row.id)), `assets/${userId}/`],
		};
	},
	statements: (db, userId) => [
		db.delete(projects).where(eq(projects.userId, userId)),
		db.delete(brandProfiles).where(eq(brandProfiles.userId, userId)),
		db.delete(videoTemplates).where(eq(videoTemplates.userId, userId)),
		db.delete(assets).where(eq(assets.userId, userId)),
		db.delete(scriptCache).where(eq(scriptCache.userId, userId)),
		db.delete(imageCache).where(eq(imageCache.userId, userId)),
		db.delete(videoSlots).where(eq(videoSlots.userId, userId)),
		db.delete(userPlans).where(eq(userPlans.userId, userId)),
		// Nothing else keys on these: an erased user's usage rows keep their amounts, not their projects.
		db.update(usageRecords).set({ projectId: null }).where(eq(usageRecords.userId, userId)),
	],
};
