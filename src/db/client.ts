import { drizzle } from "drizzle-orm/d1";
import * as channels from "./channels-schema";
import * as community from "./community-schema";
import * as core from "./schema";
import * as video from "./video-schema";

// community-schema.ts, video-schema.ts and channels-schema.ts reference users and generations, so it cannot be re-exported by schema.ts (a cycle): the client joins them.
const schema = { ...core, ...community, ...video, ...channels };

/** A drizzle client over the D1 binding. Cheap: create one per request or batch. */
export function getDb(d1: D1Database) {
	return drizzle(d1, { schema });
}

export type Db = ReturnType<typeof getDb>;
