import { LANDING_PAGE_PACKAGE, type ProductKindDefinition } from "../pipeline/kinds";
import { stylePackGenerator } from "./generator";
import { stylePackChecks, stylePackExpectation } from "./qa1-checks";

/**
 * The `style_pack` line: an artist's chosen generations copied into the product with a gallery
 * page and a licence; QA1 decodes every image and checks its signature and provenance.
 */
export const stylePackKind: ProductKindDefinition = {
	kind: "style_pack",
	generator: (deps) => stylePackGenerator(deps),
	qa1: async (deps, product, files) => stylePackChecks(files, await stylePackExpectation(deps.db, product.id)),
	packageEntries: LANDING_PAGE_PACKAGE,
};
