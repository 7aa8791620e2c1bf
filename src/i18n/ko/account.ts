import type { Catalogue } from "../catalogue";
import type { account as en } from "../en/account";

/** Korean messages of the account pages. */
export const account: Catalogue<typeof en> = {};
