import { mountedJsonRoutes, openApiPath, type RouteList } from "./document";
import { OPERATIONS } from "./operations";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * The coverage rule: every JSON route `app` mounts has an operation in `document`, and every
 * operation in `document` is a mounted route. Both lists empty means the document is complete.
 */
export function routeCoverage(app: RouteList, document: { paths?: Record<string, Record<string, unknown>> }): { undocumented: string[]; notMounted: string[] } {
	const documented = new Set<string>();
	for (const [path, item] of Object.entries(document.paths ?? {}))
		for (const method of Object.keys(item)) if (METHODS.includes(method)) documented.add(`${method.toUpperCase()} ${path}`);
	const mounted = mountedJsonRoutes(app).map((key) => {
		const [method, path] = key.split(" ") as [string, string];
		return { key, openApi: `${method} ${openApiPath(path)}` };
	});
	const mountedKeys = new Set(mounted.map((route) => route.key));
	const mountedOpenApi = new Set(mounted.map((route) => route.openApi));
	return {
		undocumented: mounted.filter((route) => !documented.has(route.openApi)).map((route) => route.key),
		// An OPERATIONS entry for a route that is gone counts too, though the document leaves it out.
		notMounted: [
			...new Set([...documented].filter((key) => !mountedOpenApi.has(key)).concat(Object.keys(OPERATIONS).filter((key) => !mountedKeys.has(key)))),
		].sort(),
	};
}
