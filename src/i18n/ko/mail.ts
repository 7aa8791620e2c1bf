import type { Catalogue } from "../catalogue";
import type { mail as en } from "../en/mail";

/** Korean messages of the mail pages. */
export const mail: Catalogue<typeof en> = {};
