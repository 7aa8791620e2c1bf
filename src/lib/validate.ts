import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { ZodType } from "zod";
import { AppError } from "./errors";

/** zValidator whose failures become `400 VALIDATION_FAILED` naming each bad field. */
export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(target: Target, schema: Schema) {
	return zValidator(target, schema, (result) => {
		if (!result.success) {
			const issues = result.error.issues.map((issue) => `${issue.path.join(".") || target}: ${issue.message}`);
			throw new AppError(400, "VALIDATION_FAILED", issues.join("; "));
		}
	});
}
