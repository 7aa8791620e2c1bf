import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { createMiddleware } from "hono/factory";
import type { core, ZodType } from "zod";
import { AppError } from "./errors";

/** Each failed check, `field: message`, in one `400 VALIDATION_FAILED`. */
function validationFailed(target: string, issues: readonly core.$ZodIssue[]): AppError {
	const error = new AppError(400, "VALIDATION_FAILED", issues.map((issue) => `${issue.path.map(String).join(".") || target}: ${issue.message}`).join("; "));
	error.validation = { target, issues };
	return error;
}

/**
 * zValidator whose failures become `400 VALIDATION_FAILED` naming each bad field. For a JSON
 * body, an empty body is no body: the schema is given `undefined` (so `X.optional()` accepts
 * it, and a required body is named as missing) instead of Hono's "Malformed JSON", because curl
 * and many HTTP libraries send `Content-Type: application/json` with nothing after it on actions.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(target: Target, schema: Schema) {
	const validator = zValidator(target, schema, (result) => {
		if (!result.success) throw validationFailed(target, result.error.issues);
	});
	if (target !== "json") return describedBy(validator, target, schema);
	const jsonOrNothing = createMiddleware(async (c, next) => {
		// The text is cached on the request, so the validator below parses it without a second read.
		if (c.req.raw.body !== null && (await c.req.text()).length > 0) return validator(c, next);
		const parsed = await schema.safeParseAsync(undefined);
		if (!parsed.success) throw validationFailed(target, parsed.error.issues);
		c.req.addValidatedData(target, parsed.data as object);
		await next();
	});
	// The same middleware type as the validator's, so `c.req.valid("json")` keeps its inferred type.
	return describedBy(jsonOrNothing as unknown as typeof validator, target, schema);
}

/** What a `validate` middleware checks, kept on it so the OpenAPI document (src/openapi) reads the very schema that validates. */
export type ValidatedInput = { target: keyof ValidationTargets; schema: ZodType };

const VALIDATED_INPUT = Symbol.for("edge-factory.validated-input");

function describedBy<Middleware extends object>(middleware: Middleware, target: keyof ValidationTargets, schema: ZodType): Middleware {
	Object.defineProperty(middleware, VALIDATED_INPUT, { value: { target, schema } satisfies ValidatedInput });
	return middleware;
}

/** The input a handler from `app.routes` validates, or undefined when it is not a `validate` middleware. */
export function validatedInput(handler: unknown): ValidatedInput | undefined {
	if (typeof handler !== "function") return undefined;
	return (handler as unknown as Record<symbol, ValidatedInput | undefined>)[VALIDATED_INPUT];
}
