import type { Catalogue } from "../catalogue";
import type { storefront as en } from "../en/storefront";

/** Korean messages of the storefront pages. */
export const storefront: Catalogue<typeof en> = {};
