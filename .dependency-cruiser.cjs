// Layer rules of the Worker (docs/architecture.md), checked by `npm run check:layers` in `npm test`.
// Layers, top to bottom: entry (src/index.ts) → app (src/app.tsx, the URL map) and composition root
// (src/wiring.ts, src/scheduled.ts) → routes → views and domains → db, r2, lib, shared.
// Durable Objects sit beside the Worker and use only src/shared and src/lib.

/** The domain folders of src/: plain functions over their dependencies. */
const DOMAINS =
	"^src/(accounts|admin|commerce|community|config|credits|earnings|generation|gpu|notifications|pipeline|portraits|sms|style-packs|styles|video)/";
/** Everything above the domains: the entry, the app, the composition root, routes and views. */
const ABOVE_DOMAINS = "^src/(index\\.ts|app\\.tsx|wiring\\.ts|scheduled\\.ts|routes/|views/)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: "no-runtime-cycle",
			severity: "error",
			comment: "A cycle of imports that exist at run time (type-only imports are erased, so their cycles are harmless).",
			from: {},
			to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
		},
		{
			name: "lib-and-shared-are-leaves",
			severity: "error",
			comment: "src/lib and src/shared are the bottom layer: they import nothing of the project above them.",
			from: { path: "^src/(lib|shared)/" },
			to: { path: "^(src/|durable-objects/)", pathNot: "^src/(lib|shared)/" },
		},
		{
			name: "i18n-stays-low",
			severity: "error",
			comment: "src/i18n (catalogues, formatting) imports only src/lib and src/shared: pages, mails and domains all use it.",
			from: { path: "^src/i18n/" },
			to: { path: "^(src/|durable-objects/)", pathNot: "^src/(i18n|lib|shared)/" },
		},
		{
			name: "storage-layer-stays-low",
			severity: "error",
			comment: "src/db and src/r2 (schema, client, key layout) import only each other, src/lib and src/shared.",
			from: { path: "^src/(db|r2)/" },
			to: { path: "^(src/|durable-objects/)", pathNot: "^src/(db|r2|lib|shared)/" },
		},
		{
			name: "domains-stay-below-http",
			severity: "error",
			comment: "Domain folders never import routes, views, the app, the entry or the composition root (only its types).",
			from: { path: DOMAINS },
			to: { path: ABOVE_DOMAINS, pathNot: "^src/wiring\\.ts$" },
		},
		{
			name: "domains-use-wiring-types-only",
			severity: "error",
			comment: "Below the app, src/wiring.ts may be named for its types (AppDeps), never imported at run time.",
			from: { pathNot: "^src/(index\\.ts|app\\.tsx)$" },
			to: { path: "^src/wiring\\.ts$", dependencyTypesNot: ["type-only"] },
		},
		{
			name: "views-render-only",
			severity: "error",
			comment: "Views import other views, lib, shared and domain types; never routes, the app, the entry or the composition root.",
			from: { path: "^src/views/" },
			to: { path: "^src/(index\\.ts|app\\.tsx|wiring\\.ts|scheduled\\.ts|routes/)" },
		},
		{
			name: "nothing-imports-the-app",
			severity: "error",
			comment: "Only the entry imports the app, and nothing imports the entry: loops are closed at the top, not from below.",
			from: { pathNot: "^src/index\\.ts$" },
			to: { path: "^src/(index\\.ts|app\\.tsx)$" },
		},
		{
			name: "durable-objects-use-shared-and-lib",
			severity: "error",
			comment: "Durable Objects import only src/shared and src/lib (and the runtime).",
			from: { path: "^durable-objects/" },
			to: { path: "^src/", pathNot: "^src/(shared|lib)/" },
		},
		{
			name: "bindings-only-at-the-root",
			severity: "error",
			comment:
				"Only the Durable Objects import cloudflare:workers (its `env` is the raw bindings): the Worker reads its bindings in src/index.ts and src/wiring.ts alone, as arguments.",
			from: { path: "^src/" },
			to: { path: "^cloudflare:workers$" },
		},
	],
	options: {
		doNotFollow: { path: "node_modules" },
		exclude: { path: "node_modules" },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: "tsconfig.json" },
		enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".d.ts"] },
	},
};
