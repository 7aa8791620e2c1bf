import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { localizedErrorMessage } from "../i18n/error-message";
import { createI18n } from "../i18n/i18n";
import { type AppError, errorBody } from "../lib/errors";
import { ErrorPage } from "../views/error-page";
import { negotiateLocale } from "./locale";
import { renderPage } from "./render-page";

/** Browsers asking for a page get errors as pages; API routes, webhooks and scripts get the JSON envelope. */
export function wantsHtml(c: Context): boolean {
	return !/^\/(api|webhooks|internal|healthz)(\/|$)/.test(c.req.path) && (c.req.header("Accept") ?? "").includes("text/html");
}

/**
 * The reader's language kit, also for errors raised before the i18n middleware ran (a refused
 * body, an invalid configuration): then from the request alone, with English as the default.
 */
function i18nOf(c: Context<AppEnv>) {
	return c.var.i18n ?? createI18n(negotiateLocale(c, "en").locale, null, { fallback: true });
}

/** An error in the contract's shape: the JSON envelope, or its HTML page with the same status; the message in the reader's language. */
export function renderError<E extends AppEnv>(c: Context<E>, error: AppError) {
	const context = c as unknown as Context<AppEnv>;
	const i18n = i18nOf(context);
	const message = localizedErrorMessage(error, i18n);
	const requestId = c.var.requestId;
	if (wantsHtml(c)) {
		if (!context.var.i18n) context.set("i18n", i18n);
		return renderPage(context, <ErrorPage status={error.status} code={error.code} message={message} requestId={requestId} />, error.status, error.headers);
	}
	return c.json(errorBody(error.code, message, requestId), error.status, error.headers);
}
