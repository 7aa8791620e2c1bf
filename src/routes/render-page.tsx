import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../app-env";
import { I18nContext } from "../i18n/context";

/**
 * Renders a page in the reader's language: the whole page inside the one provider that gives
 * every view `useI18n()`. Every HTML page route answers through this instead of `c.html`.
 */
export function renderPage(c: Context<AppEnv>, page: Child, status?: ContentfulStatusCode, headers?: Record<string, string>) {
	return c.html(<I18nContext.Provider value={c.var.i18n}>{page}</I18nContext.Provider>, status, headers);
}
