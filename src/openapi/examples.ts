import type { z } from "zod";

type Json = Record<string, unknown>;

/** Sample strings for the patterns our schemas use; a pattern not listed here gets no example. */
const PATTERN_SAMPLES: Record<string, string> = {
	"^[a-z]{3}$": "krw",
	"^[0-9a-f]{64}$": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
	"^[a-z_]{1,32}$": "generation",
	"^[\\x21-\\x7e]{1,255}$": "refund-7f3a9c",
};

/** Sample strings for formats zod writes into the JSON Schema. */
const FORMAT_SAMPLES: Record<string, string> = {
	email: "buyer@example.com",
	uri: "https://shop.example.com/thanks",
	url: "https://shop.example.com/thanks",
	"date-time": "2026-12-04T09:30:00.000Z",
	date: "2026-12-04",
	uuid: "2f6c0a8e-5b7d-4d1e-9f61-3c2b1a0d9e77",
};

/** Words a field's name suggests, so an example reads like a real request rather than "string". */
const NAMED_SAMPLES: Record<string, unknown> = {
	topic: "초보자를 위한 사워도우 빵 굽기",
	title: "수묵 수채화 해안 풍경",
	description: "가는 먹선과 맑은 수채로 그린 해안 풍경 세 점.",
	prompt: "등대, 폭풍우 치는 바다",
	email: "buyer@example.com",
	name: "Ada Lune",
	reason: "requested_by_customer",
};

class NoExample extends Error {}

function sampleString(schema: Json, name: string | undefined): string {
	// zod writes a format together with its own pattern (an email's regex): the format says more.
	if (typeof schema.format === "string" && FORMAT_SAMPLES[schema.format]) return FORMAT_SAMPLES[schema.format] as string;
	if (typeof schema.pattern === "string") {
		const sample = PATTERN_SAMPLES[schema.pattern];
		if (sample === undefined) throw new NoExample(schema.pattern);
		return sample;
	}
	const named = name ? NAMED_SAMPLES[name] : undefined;
	let text = typeof named === "string" ? named : name?.endsWith("id") ? `${name.replace(/_?id$/, "") || "obj"}_2f6c0a8e5b7d4d1e` : "example";
	const min = typeof schema.minLength === "number" ? schema.minLength : 0;
	const max = typeof schema.maxLength === "number" ? schema.maxLength : Number.POSITIVE_INFINITY;
	while (text.length < min) text += text;
	return text.slice(0, max);
}

function sampleNumber(schema: Json): number {
	const min = typeof schema.minimum === "number" ? schema.minimum : typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum + 1 : 1;
	const max = typeof schema.maximum === "number" ? schema.maximum : Number.POSITIVE_INFINITY;
	return Math.min(Math.max(min, 1), max);
}

function sample(schema: Json, name?: string): unknown {
	if ("example" in schema) return schema.example;
	if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
	if ("default" in schema) return schema.default;
	if ("const" in schema) return schema.const;
	if (Array.isArray(schema.enum)) return schema.enum[0];
	if (name && name in NAMED_SAMPLES && schema.type === "string" && !schema.pattern && !schema.format) return sampleString(schema, name);
	for (const key of ["anyOf", "oneOf"] as const) {
		const options = schema[key];
		if (Array.isArray(options)) return sample(options.find((option: Json) => option.type !== "null") ?? options[0], name);
	}
	if (Array.isArray(schema.allOf)) return Object.assign({}, ...schema.allOf.map((part: Json) => sample(part, name)));
	switch (schema.type) {
		case "object": {
			const properties = (schema.properties ?? {}) as Record<string, Json>;
			return Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, sample(property, key)]));
		}
		case "array": {
			const count = typeof schema.minItems === "number" ? Math.max(schema.minItems, 1) : 1;
			const item = (schema.items ?? {}) as Json;
			// Items that must differ (ids, generation ids) get a numbered suffix.
			return Array.from({ length: count }, (_, i) => {
				const value = sample(item, name?.replace(/s$/, ""));
				return typeof value === "string" && count > 1 ? `${value}${i + 1}` : value;
			});
		}
		case "string":
			return sampleString(schema, name);
		case "integer":
		case "number":
			return sampleNumber(schema);
		case "boolean":
			return true;
		default:
			throw new NoExample(String(schema.type));
	}
}

/** The schema with each object's optional properties dropped, all the way down. */
function requiredOnly(schema: Json): Json {
	const out: Json = { ...schema };
	if (schema.properties) {
		const required = new Set((schema.required as string[] | undefined) ?? []);
		out.properties = Object.fromEntries(
			Object.entries(schema.properties as Record<string, Json>)
				.filter(([key]) => required.has(key))
				.map(([key, value]) => [key, requiredOnly(value)]),
		);
	}
	if (schema.items) out.items = requiredOnly(schema.items as Json);
	for (const key of ["anyOf", "oneOf", "allOf"]) if (Array.isArray(schema[key])) out[key] = (schema[key] as Json[]).map(requiredOnly);
	return out;
}

/**
 * An example value for a request schema: built from its JSON Schema (defaults, enums, formats and
 * field names), then checked by the zod schema itself, so the document never shows a request the
 * route would refuse. `undefined` when no valid example can be built from the schema alone.
 */
export function requestExample(schema: z.ZodType, jsonSchema: Json): unknown {
	try {
		// Every field first; if the route refuses that (a field only valid with another), the required fields alone.
		for (const value of [sample(jsonSchema), sample(requiredOnly(jsonSchema))]) if (schema.safeParse(value).success) return value;
		return undefined;
	} catch (error) {
		if (error instanceof NoExample) return undefined;
		throw error;
	}
}
