import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { buildOpenApiDocument, type RouteList } from "../openapi/document";

/** `GET /openapi.json`: the document of `app`, built once per isolate on first request (routes do not change at run time). */
export function openApiApi(app: RouteList) {
	let document: object | undefined;
	return new Hono<AppEnv>().get("/openapi.json", (c) => {
		document ??= buildOpenApiDocument(app);
		return c.json(document);
	});
}
