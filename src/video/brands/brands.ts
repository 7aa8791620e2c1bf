import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { brandProfiles } from "../../db/video-schema";
import { AppError } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { BrandTone } from "../../shared/video";

/** A brand profile's row, as the script step reads it (`avoidPhrases` is JSON: use {@link brandAvoidPhrases}). */
export type BrandProfileRow = typeof brandProfiles.$inferSelect;

/** The fonts the gateway renders subtitles in (fonts-noto-cjk): nothing else would show. */
export const BRAND_FONTS = ["Noto Sans CJK KR", "Noto Serif CJK KR"] as const;

const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour as #rrggbb");

/** The voice a brand prefers: language, the backend's voice (female, male, or its default), speed. */
export const BrandVoice = z.strictObject({
	language: z.enum(["ko", "en"]),
	voice: z.enum(["female", "male"]).nullable(),
	speed: z.number().min(0.5).max(2),
});

const brandFields = {
	name: z.string().trim().min(1).max(60),
	tone: BrandTone,
	primary_color: Colour,
	accent_color: Colour,
	text_color: Colour,
	font: z.enum(BRAND_FONTS),
	voice: BrandVoice,
	target_audience: z.string().trim().max(200),
	avoid_phrases: z.array(z.string().trim().min(1).max(60)).max(20),
};

/** `POST /api/brand-profiles`: a name; everything else has a default. */
export const BrandCreate = z.strictObject({
	name: brandFields.name,
	tone: brandFields.tone.default("professional"),
	primary_color: brandFields.primary_color.default("#1f6feb"),
	accent_color: brandFields.accent_color.default("#ffcc00"),
	text_color: brandFields.text_color.default("#ffffff"),
	font: brandFields.font.default("Noto Sans CJK KR"),
	voice: brandFields.voice.default({ language: "ko", voice: null, speed: 1 }),
	target_audience: brandFields.target_audience.default(""),
	avoid_phrases: brandFields.avoid_phrases.default([]),
});
export type BrandCreate = z.infer<typeof BrandCreate>;

/** `PATCH /api/brand-profiles/:id`: any of the fields. */
export const BrandUpdate = z
	.strictObject(brandFields)
	.partial()
	.meta({ example: { name: "동네 빵집 2호점", tone: "humorous", avoid_phrases: ["최고의", "무조건"] } });
export type BrandUpdate = z.infer<typeof BrandUpdate>;

/** The phrases a brand's script must avoid. */
export function brandAvoidPhrases(row: BrandProfileRow): string[] {
	const parsed = z.array(z.string()).safeParse(JSON.parse(row.avoidPhrases));
	return parsed.success ? parsed.data : [];
}

/** The API's brand profile shape (snake_case). */
export function brandView(row: BrandProfileRow) {
	return {
		id: row.id,
		name: row.name,
		tone: row.tone,
		primary_color: row.primaryColor,
		accent_color: row.accentColor,
		text_color: row.textColor,
		font: row.font,
		voice: { language: row.voiceLanguage, voice: row.voice, speed: row.voiceSpeed },
		target_audience: row.targetAudience,
		avoid_phrases: brandAvoidPhrases(row),
		created_at: row.createdAt,
		updated_at: row.updatedAt,
	};
}
export type BrandView = ReturnType<typeof brandView>;

const notFound = () => new AppError(404, "NOT_FOUND", "No such brand profile.");

/** The user's brand profiles, newest first. */
export function listBrands(db: Db, userId: string): Promise<BrandProfileRow[]> {
	return db.query.brandProfiles.findMany({ where: eq(brandProfiles.userId, userId), orderBy: [desc(brandProfiles.createdAt), desc(brandProfiles.id)] });
}

/** One of the user's brand profiles; another user's is `404` as if it did not exist. */
export async function ownBrand(db: Db, userId: string, brandId: string): Promise<BrandProfileRow> {
	const row = await db.query.brandProfiles.findFirst({ where: and(eq(brandProfiles.id, brandId), eq(brandProfiles.userId, userId)) });
	if (!row) throw notFound();
	return row;
}

/**
 * The brand a script follows: none when `brandId` is null, else the user's own profile (`404`
 * when it is not theirs). The pipeline's script step reads its tone, audience and avoided phrases.
 */
export async function brandForScript(db: Db, userId: string, brandId: string | null): Promise<BrandProfileRow | null> {
	if (brandId === null) return null;
	return ownBrand(db, userId, brandId);
}

function columnsOf(input: BrandUpdate) {
	return {
		...(input.name !== undefined && { name: input.name }),
		...(input.tone !== undefined && { tone: input.tone }),
		...(input.primary_color !== undefined && { primaryColor: input.primary_color.toLowerCase() }),
		...(input.accent_color !== undefined && { accentColor: input.accent_color.toLowerCase() }),
		...(input.text_color !== undefined && { textColor: input.text_color.toLowerCase() }),
		...(input.font !== undefined && { font: input.font }),
		...(input.voice !== undefined && { voiceLanguage: input.voice.language, voice: input.voice.voice, voiceSpeed: input.voice.speed }),
		...(input.target_audience !== undefined && { targetAudience: input.target_audience }),
		...(input.avoid_phrases !== undefined && { avoidPhrases: JSON.stringify(input.avoid_phrases) }),
	};
}

export async function createBrand(db: Db, userId: string, input: BrandCreate, now: Date): Promise<BrandProfileRow> {
	const at = now.toISOString();
	const [row] = await db
		.insert(brandProfiles)
		.values({
			id: newId("brand"),
			userId,
			name: input.name,
			tone: input.tone,
			primaryColor: input.primary_color.toLowerCase(),
			accentColor: input.accent_color.toLowerCase(),
			textColor: input.text_color.toLowerCase(),
			font: input.font,
			voiceLanguage: input.voice.language,
			voice: input.voice.voice,
			voiceSpeed: input.voice.speed,
			targetAudience: input.target_audience,
			avoidPhrases: JSON.stringify(input.avoid_phrases),
			createdAt: at,
			updatedAt: at,
		})
		.returning();
	if (!row) throw new Error("The brand profile was not stored.");
	return row;
}

export async function updateBrand(db: Db, userId: string, brandId: string, input: BrandUpdate, now: Date): Promise<BrandProfileRow> {
	const [row] = await db
		.update(brandProfiles)
		.set({ ...columnsOf(input), updatedAt: now.toISOString() })
		.where(and(eq(brandProfiles.id, brandId), eq(brandProfiles.userId, userId)))
		.returning();
	if (!row) throw notFound();
	return row;
}

/** Deletes the user's brand profile; projects that named it keep going without one (`set null`). */
export async function deleteBrand(db: Db, userId: string, brandId: string): Promise<void> {
	const deleted = await db
		.delete(brandProfiles)
		.where(and(eq(brandProfiles.id, brandId), eq(brandProfiles.userId, userId)))
		.returning({ id: brandProfiles.id });
	if (deleted.length === 0) throw notFound();
}
