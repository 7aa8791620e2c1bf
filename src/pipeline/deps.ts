import type { ProbedPackage, ProbeResult } from "../commerce/delivery-probe";
import type { Db } from "../db/client";
import type { PipelineConfig } from "./config";
import type { ProductKindRegistry } from "./kinds";
import type { FactoryMessage } from "./messages";
import type { PdfFontSource } from "./pdf/fonts";
import type { ProductListener } from "./product-listeners";

/** What pipeline functions need, built by the composition root (src/wiring.ts); tests swap any part. */
export type PipelineDeps = {
	db: Db;
	files: R2Bucket;
	queue: Queue<FactoryMessage>;
	config: PipelineConfig;
	/** The product kinds: each one's generator, QA1 checks, package contents and QA2 extras. */
	kinds: ProductKindRegistry;
	now: () => Date;
	/** The fonts the PDF edition is set in (the static assets' Noto Sans KR). */
	pdfFonts: PdfFontSource;
	/** Downloads a package through the buyer's path (QA2's deliverability check). */
	probeDelivery: (pkg: ProbedPackage) => Promise<ProbeResult>;
	/** Told after a product is published, unpublished or edited (src/pipeline/product-listeners.ts). */
	productListeners: readonly ProductListener[];
};
