import type { TemplateStructure } from "../../shared/video";

/** A template as the pipeline and the pages use it: built-in or the user's own. */
export type VideoTemplate = { id: string; name: string; description: string; builtIn: boolean; structure: TemplateStructure };

/**
 * The built-in templates (docs/video.md "Templates"). Every scene's duration is for a 30-second
 * video; the pipeline scales them to the project's length. Names are i18n keys' defaults: the
 * pages show them in the reader's language.
 */
export const BUILT_IN_TEMPLATES: readonly VideoTemplate[] = [
	{
		id: "builtin-hook-points-cta",
		name: "Hook – points – call to action",
		description: "A hook that stops the scroll, three points, and what to do next.",
		builtIn: true,
		structure: {
			layout: "full-bleed",
			scenes: [
				{ section: "INTRO", role: "hook", duration_s: 3 },
				{ section: "MAIN", role: "point", duration_s: 7 },
				{ section: "MAIN", role: "point", duration_s: 8 },
				{ section: "MAIN", role: "point", duration_s: 7 },
				{ section: "OUTRO", role: "cta", duration_s: 5 },
			],
		},
	},
	{
		id: "builtin-listicle",
		name: "Listicle",
		description: "A title and five numbered items.",
		builtIn: true,
		structure: {
			layout: "framed",
			scenes: [
				{ section: "INTRO", role: "title", duration_s: 3 },
				{ section: "MAIN", role: "item", duration_s: 4.5 },
				{ section: "MAIN", role: "item", duration_s: 4.5 },
				{ section: "MAIN", role: "item", duration_s: 4.5 },
				{ section: "MAIN", role: "item", duration_s: 4.5 },
				{ section: "MAIN", role: "item", duration_s: 4 },
				{ section: "OUTRO", role: "cta", duration_s: 5 },
			],
		},
	},
	{
		id: "builtin-before-after",
		name: "Before / after",
		description: "The problem, the change, the result, and the call to action.",
		builtIn: true,
		structure: {
			layout: "full-bleed",
			scenes: [
				{ section: "INTRO", role: "hook", duration_s: 3 },
				{ section: "MAIN", role: "before", duration_s: 8 },
				{ section: "MAIN", role: "change", duration_s: 6 },
				{ section: "MAIN", role: "after", duration_s: 8 },
				{ section: "OUTRO", role: "cta", duration_s: 5 },
			],
		},
	},
];

/** The template used when a project names none. */
export const DEFAULT_TEMPLATE_ID = "builtin-hook-points-cta";

/** A built-in template by id, if it is one. */
export function builtInTemplate(id: string): VideoTemplate | undefined {
	return BUILT_IN_TEMPLATES.find((template) => template.id === id);
}
