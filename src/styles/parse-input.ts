import type { z } from "zod";
import { AppError } from "../lib/errors";

/**
 * Parses a style body with its schema. A body that is well-formed but breaks a rule (a tag that
 * is not English, a price out of range) is `422 VALIDATION_FAILED`, naming each bad field.
 */
export function parseInput<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
	const parsed = schema.safeParse(raw);
	if (parsed.success) return parsed.data;
	const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
	throw new AppError(422, "VALIDATION_FAILED", issues.join("; "));
}

/** A form's text fields as an object; a field given more than once (tags) becomes a list. */
export function formFields(form: FormData): Record<string, string | string[]> {
	const fields: Record<string, string | string[]> = {};
	for (const key of new Set(form.keys())) {
		if (key === "_csrf") continue;
		const values = form.getAll(key).filter((value): value is string => typeof value === "string");
		if (values.length === 1 && values[0] !== undefined) fields[key] = values[0];
		else if (values.length > 1) fields[key] = values;
	}
	return fields;
}

/** The body of a request as fields: JSON, or a urlencoded / multipart form. */
export async function requestFields(request: Request): Promise<unknown> {
	const type = request.headers.get("Content-Type") ?? "";
	if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
		return formFields(await request.formData());
	}
	try {
		return await request.json();
	} catch {
		throw new AppError(400, "VALIDATION_FAILED", "The body must be JSON or a form.");
	}
}

/** The body as a form (multipart or urlencoded); anything else is `422 VALIDATION_FAILED` rather than a crash. */
export async function requestForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		throw new AppError(422, "VALIDATION_FAILED", "Send the files as multipart/form-data.");
	}
}
