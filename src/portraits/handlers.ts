import { deletionHandler } from "./deletion";
import { processingHandler } from "./processing";
import type { PortraitHandlers } from "./queue";
import { smsHandler } from "./sms";

/** What each kind of PORTRAIT_QUEUE message does. */
export const PORTRAIT_HANDLERS: PortraitHandlers = { process: processingHandler, sms: smsHandler, delete: deletionHandler };
