import { account } from "./account";
import { admin } from "./admin";
import { common } from "./common";
import { errors } from "./errors";
import { mail } from "./mail";
import { portraits } from "./portraits";
import { storefront } from "./storefront";
import { styles } from "./styles";

/** The English catalogue, one namespace per area; every other language has exactly its keys. */
export const en = { common, errors, storefront, account, styles, admin, mail, portraits } as const;
