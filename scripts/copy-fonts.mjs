// Copies the Noto Sans KR files the PDF edition draws with from node_modules/@fontsource/noto-sans-kr
// (SIL Open Font License 1.1) into public/fonts (git-ignored), where the Worker reads them at run
// time through its ASSETS binding: ~870 KB of fonts stay out of the Worker bundle.
// Run by `postinstall`, so `npm install` (before start, test or deploy) leaves them in place.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "node_modules", "@fontsource", "noto-sans-kr");
const target = join(root, "public", "fonts");
// Keep in step with PDF_FONT_FILES in src/pipeline/pdf/fonts.ts.
const files = ["noto-sans-kr-korean-400-normal.woff", "noto-sans-kr-latin-400-normal.woff"];
if (!existsSync(source)) {
	console.error("@fontsource/noto-sans-kr is not installed; products cannot get their PDF edition");
	process.exit(1);
}
mkdirSync(target, { recursive: true });
for (const file of files) copyFileSync(join(source, "files", file), join(target, file));
copyFileSync(join(source, "LICENSE"), join(target, "OFL.txt"));
