import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { type AppError, errorBody } from "../lib/errors";
import { ERROR_TITLES, ErrorPage } from "../views/error-page";

/** Browsers asking for a page get errors as pages; API routes, webhooks and scripts get the JSON envelope. */
export function wantsHtml(c: Context): boolean {
	return !/^\/(api|webhooks|internal|healthz)(\/|$)/.test(c.req.path) && (c.req.header("Accept") ?? "").includes("text/html");
}

/** An error in the contract's shape: the JSON envelope, or its HTML page with the same status. */
export function renderError<E extends AppEnv>(c: Context<E>, error: AppError) {
	const requestId = c.var.requestId;
	if (wantsHtml(c)) {
		return c.html(
			<ErrorPage
				status={error.status}
				code={error.code}
				title={ERROR_TITLES[error.code] ?? "Something went wrong"}
				message={error.message}
				requestId={requestId}
			/>,
			error.status,
			error.headers,
		);
	}
	return c.json(errorBody(error.code, error.message, requestId), error.status, error.headers);
}
