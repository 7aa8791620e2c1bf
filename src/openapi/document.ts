import { z } from "zod";
import type { ErrorCode } from "../lib/errors";
import { validatedInput } from "../lib/validate";
import { requestExample } from "./examples";
import { type Access, OPERATIONS, type Operation } from "./operations";
import { SECURITY_FOR_ACCESS, SECURITY_SCHEMES } from "./security";

/** The slice of a Hono app the document is read from: `app.routes`. */
export type RouteList = { routes: readonly { method: string; path: string; handler: unknown }[] };

/**
 * JSON routes: the API, webhooks, GPU callbacks, health and signed downloads. Everything else
 * the Worker mounts is an HTML page (or the dev-only `/__bench`) and stays out of the document.
 */
export function isJsonRoute(path: string): boolean {
	return /^\/(api|webhooks|internal)\//.test(path) || path === "/healthz" || path.startsWith("/files/") || path === "/openapi.json";
}

/** `METHOD path` of every JSON route the app mounts, as the coverage rule compares them. */
export function mountedJsonRoutes(app: RouteList): string[] {
	const keys = new Set<string>();
	for (const route of app.routes) if (route.method !== "ALL" && isJsonRoute(route.path)) keys.add(`${route.method} ${route.path}`);
	return [...keys].sort();
}

const ErrorEnvelope = z
	.object({ error: z.object({ code: z.string(), message: z.string(), requestId: z.string() }) })
	.meta({ example: { error: { code: "NOT_FOUND", message: "Not found.", requestId: "2f6c0a8e-5b7d-4d1e-9f61-3c2b1a0d9e77" } } });

const STATUS_OF: Record<ErrorCode, number> = {
	VALIDATION_FAILED: 400,
	UNAUTHORIZED: 401,
	FORBIDDEN: 403,
	NOT_FOUND: 404,
	CONFLICT: 409,
	RATE_LIMITED: 429,
	PAYMENT_REQUIRED: 402,
	INSUFFICIENT_TOKENS: 402,
	TOKEN_INVALID: 401,
	TOKEN_EXPIRED: 410,
	DOWNLOAD_LIMIT_REACHED: 403,
	ACCESS_REVOKED: 403,
	ORDER_NOT_PAID: 409,
	NOT_PUBLISHED: 409,
	WEBHOOK_SIGNATURE_INVALID: 400,
	RANGE_NOT_SATISFIABLE: 416,
	PAYLOAD_TOO_LARGE: 413,
	PAYMENT_PROVIDER_UNAVAILABLE: 503,
	ARTIST_ONLY: 403,
	STYLE_LIMIT_REACHED: 409,
	STYLE_NOT_READY: 409,
	STYLE_NOT_DELETABLE: 409,
	INVALID_IMAGE_FORMAT: 400,
	IMAGE_SIZE_EXCEEDED: 413,
	TRAINING_FAILED: 502,
	UPGRADE_REQUIRED: 426,
	GPU_GATEWAY_UNAVAILABLE: 503,
	SIGN_IN_UNAVAILABLE: 503,
	CONFIG_INVALID: 500,
	INVALID_PHONE: 422,
	INVALID_STATE: 409,
	IMAGE_TOO_SMALL: 422,
	INVALID_ASPECT_RATIO: 422,
	PHONE_MISMATCH: 403,
	TOO_MANY_ATTEMPTS: 429,
	ALREADY_SUBMITTED: 409,
	GONE: 410,
	PAYMENT_FAILED: 402,
	GENERATION_FAILED: 500,
	DUPLICATE_FOLLOW: 409,
	SELF_FOLLOW_NOT_ALLOWED: 400,
	DUPLICATE_LIKE: 409,
	REPLY_DEPTH_EXCEEDED: 400,
	ACCOUNT_NOT_DELETABLE: 409,
	ACCOUNT_DEACTIVATED: 403,
	PLAN_LIMIT_REACHED: 402,
	CHANNEL_PROVIDER_UNAVAILABLE: 404,
	OAUTH_STATE_INVALID: 400,
	CHANNEL_AUTH_FAILED: 502,
	CHANNEL_NOT_CONNECTED: 409,
	INTERNAL: 500,
};

const AUTH_ERRORS: Record<Access, readonly ErrorCode[]> = {
	public: [],
	buyer: ["TOKEN_INVALID"],
	admin: ["UNAUTHORIZED"],
	// requireUser counts every signed-in /api/* request against the per-user limit (USER_API_RATE_LIMIT_PER_MINUTE).
	user: ["UNAUTHORIZED", "FORBIDDEN", "RATE_LIMITED"],
	userOrPublic: [],
	adminOrBuyer: ["UNAUTHORIZED"],
	stripe: [],
	portone: [],
	gpuWebhook: [],
	gpuBearer: ["UNAUTHORIZED"],
	progressToken: [],
	portraitSession: ["UNAUTHORIZED"],
	fileToken: [],
};

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
	const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
	return rest;
}

/** Hono's `/:id` and `/:key{.+}` as OpenAPI's `/{id}` and `/{key}`. */
export function openApiPath(honoPath: string): string {
	return honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, "{$1}");
}

function parametersOf(target: "param" | "query" | "header", schema: z.ZodType, pathNames: string[]): Json[] {
	const objectSchema = jsonSchema(schema, "input") as { properties?: Record<string, Json>; required?: string[] };
	const location = target === "param" ? "path" : target;
	const example = requestExample(schema, objectSchema) as Record<string, unknown> | undefined;
	return Object.entries(objectSchema.properties ?? {}).map(([name, property]) => ({
		name,
		in: location,
		required: location === "path" || (objectSchema.required ?? []).includes(name),
		schema: property,
		...(example?.[name] !== undefined ? { example: example[name] } : {}),
		...(location === "path" && !pathNames.includes(name) ? { description: "(not in the path)" } : {}),
	}));
}

/** A request body's media type: its schema and, where one can be built and validates, an example. */
function mediaType(schema: z.ZodType): Json {
	const json = jsonSchema(schema, "input");
	const example = requestExample(schema, json);
	return { schema: json, ...(example !== undefined ? { example } : {}) };
}

function operationObject(key: string, operation: Operation, handlers: unknown[]): Json {
	const [method, path] = key.split(" ") as [string, string];
	const pathNames = [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1] as string);
	const parameters: Json[] = [];
	let requestBody: Json | undefined;
	let validates = false;
	for (const handler of handlers) {
		const input = validatedInput(handler);
		if (!input) continue;
		validates = true;
		if (input.target === "json") {
			const optional = input.schema.safeParse(undefined).success;
			requestBody = { required: !optional, content: { "application/json": mediaType(input.schema) } };
		} else if (input.target === "param" || input.target === "query" || input.target === "header") {
			parameters.push(...parametersOf(input.target, input.schema, pathNames));
		} else if (input.target === "form") {
			requestBody = { required: true, content: { "multipart/form-data": mediaType(input.schema) } };
		}
	}
	// Path parameters no validator names are still part of the URL.
	for (const name of pathNames)
		if (!parameters.some((p) => p.in === "path" && p.name === name)) parameters.push({ name, in: "path", required: true, schema: { type: "string" } });

	const codes = new Set<ErrorCode>([...AUTH_ERRORS[operation.access], ...(operation.errors ?? [])]);
	if (validates || requestBody) codes.add("VALIDATION_FAILED");
	if (pathNames.length > 0) codes.add("NOT_FOUND");
	codes.add("INTERNAL");
	const responses: Json = { [operation.created ? "201" : "200"]: successResponse(operation) };
	const byStatus = new Map<number, ErrorCode[]>();
	for (const code of codes) byStatus.set(STATUS_OF[code], [...(byStatus.get(STATUS_OF[code]) ?? []), code]);
	for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a - b)) {
		responses[String(status)] = {
			description: `Error envelope; \`error.code\` is one of: ${statusCodes.join(", ")}`,
			content: {
				"application/json": {
					schema: { allOf: [{ $ref: "#/components/schemas/ErrorEnvelope" }, { properties: { error: { properties: { code: { enum: statusCodes } } } } }] },
				},
			},
		};
	}
	return {
		operationId: `${method.toLowerCase()}${openApiPath(path)
			.replace(/[{}]/g, "")
			.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
		tags: [operation.tag],
		summary: operation.summary,
		security: SECURITY_FOR_ACCESS[operation.access],
		...(parameters.length > 0 ? { parameters } : {}),
		...(requestBody ? { requestBody } : {}),
		responses,
	};
}

function successResponse(operation: Operation): Json {
	if (operation.body === "zip")
		return { description: "The package", content: { "application/zip": { schema: { type: "string", contentEncoding: "binary" } } } };
	if (operation.body === "binary")
		return { description: "The file's bytes", content: { "application/octet-stream": { schema: { type: "string", contentEncoding: "binary" } } } };
	if (operation.body === "websocket") return { description: "Not returned: a successful request is upgraded to a WebSocket (101)" };
	return { description: "Success", content: { "application/json": { schema: { type: "object" } } } };
}

/** The OpenAPI 3.1 document of `app`: its routes, the schemas its `validate` middlewares check, and OPERATIONS. */
export function buildOpenApiDocument(app: RouteList): Json {
	const handlersOf = new Map<string, unknown[]>();
	for (const route of app.routes) {
		const methods = route.method === "ALL" ? [] : [route.method];
		for (const method of methods) {
			const key = `${method} ${route.path}`;
			handlersOf.set(key, [...(handlersOf.get(key) ?? []), route.handler]);
		}
	}
	const paths: Record<string, Json> = {};
	for (const key of mountedJsonRoutes(app)) {
		const operation = OPERATIONS[key];
		if (!operation) continue; // reported by the coverage check, not hidden: see coverage.ts
		const [method, path] = key.split(" ") as [string, string];
		const item = paths[openApiPath(path)] ?? {};
		paths[openApiPath(path)] = item;
		item[method.toLowerCase()] = operationObject(key, operation, handlersOf.get(key) ?? []);
	}
	return {
		openapi: "3.1.0",
		info: {
			title: "Edge Factory API",
			version: "1.0.0",
			description:
				'Every JSON route of the Edge Factory Worker. Errors use the envelope `{ error: { code, message, requestId } }`; `message` follows the request language, `code` never changes. `x-error-codes` lists every code with its HTTP status. A failed generation is not an error response: its `error` is `{ code: "GENERATION_FAILED", reason, message }`, `reason` the stored detail (`JOB_FAILED`, `GENERATION_TIMED_OUT`, …).',
		},
		"x-error-codes": Object.fromEntries(Object.entries(STATUS_OF).sort(([a], [b]) => a.localeCompare(b))),
		servers: [{ url: "/" }],
		tags: [...new Set(Object.values(OPERATIONS).map((op) => op.tag))].sort().map((name) => ({ name })),
		paths,
		components: { securitySchemes: SECURITY_SCHEMES, schemas: { ErrorEnvelope: jsonSchema(ErrorEnvelope, "output") } },
	};
}
