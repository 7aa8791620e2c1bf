import { escapeMarkdown as md } from "./escape";
import type { KitUi } from "./lang";

/** Renders `LICENSE.md`: personal and commercial use of the content, no redistribution of the kit. */
export function renderLicense(title: string, ui: KitUi): string {
	return ui.license(md(title));
}
