import type { ScriptSection } from "../../shared/video";
import type { VideoTemplate } from "../templates/built-in";
import { parseScript } from "./script-format";

/** One scene as the images step writes it into `project_scenes`. */
export type PlannedScene = {
	position: number;
	section: ScriptSection;
	role: string;
	text: string;
	startMs: number;
	endMs: number;
};

/** Sentences of a text: split after `.`, `!`, `?`, `。` (Korean sentences end with them too). */
export function sentencesOf(text: string): string[] {
	return text
		.split(/(?<=[.!?。])\s+/)
		.map((sentence) => sentence.trim())
		.filter((sentence) => sentence.length > 0);
}

/** Each template scene's span, its 30-second durations scaled to `durationS`, in whole milliseconds with no gap. */
export function sceneSpans(template: VideoTemplate, durationS: number): { startMs: number; endMs: number }[] {
	const total = template.structure.scenes.reduce((sum, scene) => sum + scene.duration_s, 0);
	let elapsed = 0;
	return template.structure.scenes.map((scene) => {
		const startMs = Math.round((elapsed / total) * durationS * 1000);
		elapsed += scene.duration_s;
		return { startMs, endMs: Math.round((elapsed / total) * durationS * 1000) };
	});
}

/** Splits `items` into `parts` runs as even as possible, in order (some empty when there are fewer items). */
function share<T>(items: readonly T[], parts: number): T[][] {
	const out: T[][] = Array.from({ length: parts }, () => []);
	if (parts === 0) return out;
	if (items.length <= parts) {
		for (const [i, item] of items.entries()) out[i]?.push(item);
		return out;
	}
	let index = 0;
	for (let part = 0; part < parts; part++) {
		const take = Math.round(((part + 1) * items.length) / parts) - Math.round((part * items.length) / parts);
		out[part]?.push(...items.slice(index, index + take));
		index += take;
	}
	return out;
}

/**
 * A timestamped script → one scene per template scene (pure). When the script has exactly one
 * block per template scene in the same sections, block i is scene i; otherwise each section's
 * sentences are shared, in order, among that section's template scenes. Spans come from the
 * template, scaled to the project's length, so the video is as long as asked whatever the
 * script's own timestamps say. A script not in the format is treated as one MAIN text.
 */
export function scriptScenes(script: string, template: VideoTemplate, durationS: number): PlannedScene[] {
	const spans = sceneSpans(template, durationS);
	const scenes = template.structure.scenes;
	const blocks = parseScript(script) ?? [{ section: "MAIN" as const, startS: 0, endS: durationS, text: script.replace(/\s+/g, " ").trim() }];
	const textOf: string[] = new Array(scenes.length).fill("");
	if (blocks.length === scenes.length && blocks.every((block, i) => block.section === scenes[i]?.section)) {
		blocks.forEach((block, i) => {
			textOf[i] = block.text;
		});
	} else {
		for (const section of ["INTRO", "MAIN", "OUTRO"] as const) {
			const positions = scenes.flatMap((scene, i) => (scene.section === section ? [i] : []));
			const sentences = blocks.filter((block) => block.section === section).flatMap((block) => sentencesOf(block.text));
			share(sentences, positions.length).forEach((part, i) => {
				textOf[positions[i] as number] = part.join(" ");
			});
		}
	}
	return scenes.map((scene, i) => ({
		position: i,
		section: scene.section,
		role: scene.role,
		text: (textOf[i] ?? "").slice(0, 1_000),
		startMs: spans[i]?.startMs ?? 0,
		endMs: spans[i]?.endMs ?? durationS * 1000,
	}));
}
