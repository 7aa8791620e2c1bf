// Copies the swagger-ui files /docs needs from node_modules into public/docs-ui/vendor (git-ignored),
// so the docs page works offline and under the strict CSP: no CDN, same-origin files only.
// Run by `postinstall`, so `npm install` (before start, test or deploy) leaves them in place.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "node_modules", "swagger-ui-dist");
const target = join(root, "public", "docs-ui", "vendor");
if (!existsSync(source)) {
	// A production install without devDependencies: /docs then shows its page without the UI.
	console.warn("swagger-ui-dist is not installed; /docs will lack its UI files");
	process.exit(0);
}
mkdirSync(target, { recursive: true });
for (const file of ["swagger-ui.css", "swagger-ui-bundle.js"]) copyFileSync(join(source, file), join(target, file));
