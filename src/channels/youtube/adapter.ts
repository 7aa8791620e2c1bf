import type { AppConfig } from "../../config/settings";
import type { AdapterContext, ChannelAdapter } from "../adapter";
import { notBuiltAdapter } from "../not-built";

/** The YouTube Data API adapter. (Built by issue 18's YouTube work.) */
export function youtubeAdapter(_config: NonNullable<AppConfig["channels"]["youtube"]>, _context: AdapterContext): ChannelAdapter {
	return notBuiltAdapter("youtube", ["video"]);
}
