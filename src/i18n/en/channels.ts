import { analytics } from "./channels/analytics";
import { connect } from "./channels/connect";
import { schedules } from "./channels/schedules";
import { sync } from "./channels/sync";

/** The channels line (issue 18): one file per area, `channels:connect.…`, `channels:sync.…`, `channels:schedules.…`, `channels:analytics.…`. */
export const channels = { connect, sync, schedules, analytics } as const;
