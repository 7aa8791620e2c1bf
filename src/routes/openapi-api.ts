import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { buildOpenApiDocument, type RouteList } from "../openapi/document";

/**
 * The docs page: swagger-ui from public/docs-ui (vendor/ is copied from swagger-ui-dist by
 * scripts/copy-docs-ui.mjs), started by a same-origin init.js, so it works offline and under
 * the strict page CSP that security-headers.ts adds to this HTML response unchanged.
 */
const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Edge Factory API</title>
<link rel="stylesheet" href="/docs-ui/vendor/swagger-ui.css">
<script src="/docs-ui/vendor/swagger-ui-bundle.js" defer></script>
<script src="/docs-ui/init.js" defer></script>
</head>
<body>
<div id="swagger-ui"><p>The machine-readable document is at <a href="/openapi.json">/openapi.json</a>.</p></div>
</body>
</html>
`;

/** `GET /openapi.json`: the document of `app`, built once per isolate on first request (routes do not change at run time); `GET /docs`: its interactive page. */
export function openApiApi(app: RouteList) {
	let document: object | undefined;
	return new Hono<AppEnv>()
		.get("/openapi.json", (c) => {
			document ??= buildOpenApiDocument(app);
			return c.json(document);
		})
		.get("/docs", (c) => c.html(DOCS_PAGE));
}
