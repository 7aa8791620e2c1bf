import { z } from "zod";
import { CreateProductRequest } from "./product";

/**
 * Body of `POST /api/projects/:id/publish-product` (admin): sells a ready video project as a
 * `short_video` product. The title defaults to the project's; price and currency as for any product.
 */
export const PublishVideoProductRequest = z.strictObject({
	price_cents: CreateProductRequest.shape.price_cents.unwrap(),
	currency: CreateProductRequest.shape.currency,
	title: z.string().trim().min(1).max(200).optional(),
});
export type PublishVideoProductRequest = z.infer<typeof PublishVideoProductRequest>;
