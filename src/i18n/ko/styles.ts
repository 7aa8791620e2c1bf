import type { Catalogue } from "../catalogue";
import type { styles as en } from "../en/styles";

/** Korean messages of the styles pages. */
export const styles: Catalogue<typeof en> = {};
