import type { AppConfig } from "../../config/settings";
import type { AdapterContext, ChannelAdapter } from "../adapter";
import { notBuiltAdapter } from "../not-built";

/** The Cafe24 Admin API adapter. (Built by issue 18's Cafe24 work.) */
export function cafe24Adapter(_config: NonNullable<AppConfig["channels"]["cafe24"]>, _context: AdapterContext): ChannelAdapter {
	return notBuiltAdapter("cafe24", ["shop"]);
}
