import { z } from "zod";
import { Locale } from "./locale";

/** Kinds of product the factory makes, each with its own generator and QA1 checks. */
export const ProductKind = z.enum(["digital_kit", "style_pack", "short_video"]);
export type ProductKind = z.infer<typeof ProductKind>;

/**
 * Kinds an admin can make from a topic. A `style_pack` is made only by its artist from their own
 * generations (`POST /api/styles/:id/packs`): from a topic it would have no images to pack.
 */
export const TopicProductKind = z.enum(["digital_kit"]);
export type TopicProductKind = z.infer<typeof TopicProductKind>;

/** States of a product version (DESIGN.md section 3). */
export const ProductStatus = z.enum([
	"DRAFT",
	"GENERATING",
	"QA1_FAILED",
	"QA1_PASSED",
	"PACKAGING",
	"PACKAGED",
	"QA2_FAILED",
	"QA2_PASSED",
	"PUBLISHED",
	"UNPUBLISHED",
	"ARCHIVED",
]);
export type ProductStatus = z.infer<typeof ProductStatus>;

/** Pipeline stages, in order. */
export const PipelineStage = z.enum(["generate", "qa1", "package", "qa2", "publish"]);
export type PipelineStage = z.infer<typeof PipelineStage>;

/** Body of `POST /api/products`. */
export const CreateProductRequest = z.strictObject({
	topic: z.string().trim().min(3).max(200),
	kind: TopicProductKind.default("digital_kit"),
	price_cents: z.int().min(0).max(100_000_000).default(1900),
	currency: z
		.string()
		.regex(/^[a-z]{3}$/, "a lowercase ISO 4217 code such as usd")
		.default("usd"),
	download_limit: z.int().min(1).max(100).default(5),
	link_ttl_seconds: z.int().min(60).max(604_800).default(86_400),
	access_days: z.int().min(1).max(3650).optional(),
	/** The product's languages, primary first; each is a full version inside the one package. */
	languages: z
		.array(Locale)
		.min(1)
		.refine((list) => new Set(list).size === list.length, "languages must not repeat")
		.default(["en"]),
});
export type CreateProductRequest = z.infer<typeof CreateProductRequest>;

/** Body of `POST /api/products/batch`: `batch` products on one topic (or varied topics). */
export const CreateBatchRequest = CreateProductRequest.extend({
	topic: CreateProductRequest.shape.topic.optional(),
	batch: z.int().min(1).max(50),
});
export type CreateBatchRequest = z.infer<typeof CreateBatchRequest>;

/** Query of `GET /api/products`. */
export const ListProductsQuery = z.strictObject({
	status: ProductStatus.optional(),
	cursor: z.string().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(100).default(50),
	/** Words in the title, topic or description (any language; Hangul as typed). */
	q: z.string().trim().min(1).max(100).optional(),
});
export type ListProductsQuery = z.infer<typeof ListProductsQuery>;

/** Product as the admin API shows it. */
export type ProductView = {
	id: string;
	slug: string;
	title: string;
	/** The languages the package holds, primary first; `title` is in the first. */
	languages: Locale[];
	topic: string;
	description: string;
	kind: ProductKind;
	status: ProductStatus;
	version: number;
	price_cents: number;
	currency: string;
	download_limit: number;
	link_ttl_seconds: number;
	access_days: number | null;
	quality_score: number | null;
	failed_stage: PipelineStage | null;
	last_error: string | null;
	created_at: string;
	updated_at: string;
	published_at: string | null;
};
