import type { Catalogue } from "../catalogue";
import type { en } from "../en";
import { account } from "./account";
import { admin } from "./admin";
import { common } from "./common";
import { errors } from "./errors";
import { mail } from "./mail";
import { portraits } from "./portraits";
import { storefront } from "./storefront";
import { styles } from "./styles";

/** The Korean catalogue. */
export const ko: Catalogue<typeof en> = { common, errors, storefront, account, styles, admin, mail, portraits };
