import type { Db } from "../../db/client";
import type { AdapterContext, ChannelAdapter } from "../adapter";
import { notBuiltAdapter } from "../not-built";

/** The in-app sandbox shop and channel (the `local` provider). (Built by issue 18's connections work.) */
export function localAdapter(_sandbox: { db: Db; files: R2Bucket; baseUrl: string }, _context: AdapterContext): ChannelAdapter {
	return notBuiltAdapter("local", ["shop", "video"]);
}
