import type { CommerceDeps } from "../commerce/deps";
import type { DerivedKeys } from "../config/keys";
import type { Db } from "../db/client";
import type { GpuDeps } from "../gpu/deps";
import type { RateLimiterNamespace } from "../shared/rate-limit";
import type { SmsProvider } from "../sms/types";
import type { PortraitMessage } from "./messages";

/** What the portrait line needs, built once by the composition root (src/wiring.ts). */
export type PortraitDeps = {
	db: Db;
	files: R2Bucket;
	/** Payments (the payable's checkout and refunds) go through the storefront's commerce deps. */
	commerce: CommerceDeps;
	gpu: GpuDeps;
	sms: SmsProvider;
	queue: Queue<PortraitMessage>;
	limiter: RateLimiterNamespace;
	/** `progress` mints the waiting page's progress token (src/portraits/progress.ts). */
	keys: Pick<DerivedKeys, "phoneSeal" | "phoneHash" | "links" | "progress">;
	config: {
		priceCents: number;
		currency: string;
		/** PUBLIC_BASE_URL without a trailing slash: the SMS's result link. */
		baseUrl: string;
		/** Whether an LLM writes the report; without one the template does, and says so. */
		llm: boolean;
	};
	now: () => Date;
};
