import type { Catalogue } from "../catalogue";
import type { admin as en } from "../en/admin";

/** Korean messages of the admin pages. */
export const admin: Catalogue<typeof en> = {};
