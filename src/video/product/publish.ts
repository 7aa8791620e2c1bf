import { and, eq, isNull, sql } from "drizzle-orm";
import { users } from "../../db/schema";
import { projects } from "../../db/video-schema";
import { AppError } from "../../lib/errors";
import { createProduct } from "../../pipeline/create-product";
import type { PipelineDeps } from "../../pipeline/deps";
import type { ProductRow } from "../../pipeline/stage";
import { CreateProductRequest } from "../../shared/product";
import type { PublishVideoProductRequest } from "../../shared/video-product";

/**
 * Publishes a `ready` project as a `short_video` product and starts its pipeline (QA1 → package
 * → QA2 → publish, as every kind). The project is claimed first (`product_id` set to a
 * placeholder only while it is null and the project ready), so two admins clicking at once make
 * one product; the product row and the link to it are then written in one D1 batch, and a
 * failure in between gives the claim back. Only the shop's own videos are sold: the project's
 * owner must be one of the dashboard's admins (`shopEmails`, ADMIN_EMAILS), never a customer.
 */
export async function publishProjectAsProduct(
	deps: PipelineDeps,
	projectId: string,
	request: PublishVideoProductRequest,
	shopEmails: ReadonlySet<string>,
): Promise<ProductRow> {
	const project = await deps.db.query.projects.findFirst({ where: eq(projects.id, projectId) });
	if (!project) throw new AppError(404, "NOT_FOUND", "No such project.");
	const owner = await deps.db.query.users.findFirst({ where: eq(users.id, project.userId), columns: { email: true } });
	if (!owner || !shopEmails.has(owner.email.toLowerCase())) {
		throw new AppError(403, "FORBIDDEN", "Only the shop's own videos (made by an account of ADMIN_EMAILS) can be sold as products.");
	}
	if (project.productId)
		throw new AppError(
			409,
			"CONFLICT",
			`This project is already published as product ${project.productId.startsWith("claim:") ? "(being created)" : project.productId}.`,
		);
	if (project.status !== "ready" || !project.videoR2Key || !project.thumbnailR2Key || !project.script || !project.subtitlesSrt) {
		throw new AppError(
			409,
			"CONFLICT",
			`Only a ready project with its video, thumbnail, script and subtitles can be published; this one is ${project.status}.`,
		);
	}
	const claim = `claim:${crypto.randomUUID()}`;
	const claimed = await deps.db
		.update(projects)
		.set({ productId: claim })
		.where(and(eq(projects.id, projectId), isNull(projects.productId), eq(projects.status, "ready")))
		.returning({ id: projects.id });
	if (claimed.length === 0) throw new AppError(409, "CONFLICT", "This project changed meanwhile (published by someone else, or no longer ready).");

	const title = request.title ?? project.title;
	// The admin API's schema supplies the same defaults (download limit, link life) as every product.
	const settings = CreateProductRequest.parse({
		topic: (project.keyword || project.title).slice(0, 200),
		price_cents: request.price_cents,
		currency: request.currency,
	});
	try {
		return await createProduct(
			deps,
			{ ...settings, kind: "short_video", languages: [project.language] },
			{
				titleCandidate: (n) => (n === 0 ? title : `${title} (${n + 1})`),
				// Links the project in the product row's batch, only where the product row was written.
				relatedWrites: (productId) => [
					deps.db
						.update(projects)
						.set({ productId, updatedAt: deps.now().toISOString() })
						.where(and(eq(projects.id, projectId), eq(projects.productId, claim), sql`EXISTS (SELECT 1 FROM products WHERE id = ${productId})`)),
				],
				// The generator copies the stored video: a second generation would fail QA1 the same way.
				regenerations: 0,
			},
		);
	} catch (error) {
		await deps.db
			.update(projects)
			.set({ productId: null })
			.where(and(eq(projects.id, projectId), eq(projects.productId, claim)));
		throw error;
	}
}
