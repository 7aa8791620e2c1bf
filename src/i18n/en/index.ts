import { account } from "./account";
import { admin } from "./admin";
import { channels } from "./channels";
import { common } from "./common";
import { community } from "./community";
import { earnings } from "./earnings";
import { errors } from "./errors";
import { feed } from "./feed";
import { mail } from "./mail";
import { portraits } from "./portraits";
import { profile } from "./profile";
import { storefront } from "./storefront";
import { styles } from "./styles";
import { video } from "./video";

/** The English catalogue, one namespace per area; every other language has exactly its keys. */
export const en = { common, errors, storefront, account, styles, admin, mail, portraits, community, feed, profile, earnings, video, channels } as const;
