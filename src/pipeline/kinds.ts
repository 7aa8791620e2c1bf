import type { packages } from "../db/schema";
import type { ProductKind } from "../shared/product";
import type { QaCheck } from "../shared/qa";
import type { PipelineDeps } from "./deps";
import type { GeneratedFile, GeneratedProduct, GenerateInput, ProductGenerator } from "./generators/types";
import type { VersionSignature } from "./qa/content-signatures";
import type { ProductFileUnderTest } from "./qa/qa1-checks";
import type { ProductRow } from "./stage";

/** A stored package row, as QA2 sees it. */
export type PackageRow = typeof packages.$inferSelect;

/** An entry a package must hold: its name in words, and the pattern its path matches. */
export type RequiredEntry = readonly [label: string, pattern: RegExp];

/**
 * A product line of the factory: everything the pipeline's stages need to know about one kind.
 * A new kind writes one of these and registers it in src/wiring.ts; no stage names a kind.
 */
export type ProductKindDefinition = {
	readonly kind: ProductKind;
	/** What makes a version's files (the generate stage). */
	generator(deps: PipelineDeps): ProductGenerator;
	/**
	 * Files made from each language version's generated files and stored beside them (the digital
	 * kit's PDF edition), so every generator's output gets them.
	 */
	derive?(deps: PipelineDeps, input: GenerateInput, version: GeneratedProduct): Promise<GeneratedFile[]>;
	/** QA1, the generation gate: checks over one generation's files as read back from storage. */
	qa1(deps: PipelineDeps, product: ProductRow, files: ProductFileUnderTest[]): Promise<QaCheck[]>;
	/**
	 * QA1's content_fit checks that need more than the files (stored signatures of other products,
	 * the LLM judge): what it found, the signatures to store when QA1 passes and the judge's answers.
	 */
	contentFit?(deps: PipelineDeps, product: ProductRow, files: ProductFileUnderTest[]): Promise<ContentFitOutcome>;
	/** What its package must hold (QA2 checks these and `manifest.json`). */
	packageEntries: readonly RequiredEntry[];
	/** Checks of its own that QA2 adds once the archive itself passed. */
	qa2?(deps: PipelineDeps, product: ProductRow, pkg: PackageRow): Promise<QaCheck[]>;
};

/** What a kind's `contentFit` hands QA1. */
export type ContentFitOutcome = { checks: QaCheck[]; signatures: VersionSignature[]; judge: Record<string, unknown> | null };

/** The registered product kinds. */
export type ProductKindRegistry = {
	/** The definition of `kind`; an unregistered kind is a wiring bug and throws. */
	get(kind: string): ProductKindDefinition;
	all(): readonly ProductKindDefinition[];
};

/** A registry over `definitions`, one per kind. */
export function productKindRegistry(definitions: readonly ProductKindDefinition[]): ProductKindRegistry {
	const byKind = new Map(definitions.map((definition) => [definition.kind as string, definition]));
	if (byKind.size !== definitions.length) throw new Error("a product kind is registered twice");
	return {
		get(kind) {
			const definition = byKind.get(kind);
			if (!definition) throw new Error(`no product kind "${kind}" is registered`);
			return definition;
		},
		all: () => definitions,
	};
}

/** The package of a product with a landing page: the page, its README and its licence. */
export const LANDING_PAGE_PACKAGE: readonly RequiredEntry[] = [
	["index.html", /^index\.html$/],
	["README", /^readme(\.md|\.txt)?$/i],
	["LICENSE", /^licen[sc]e(\.md|\.txt)?$/i],
];
