import type { RateLimiter } from "../durable-objects/rate-limiter";
import type { AccountEraser } from "./accounts/erasers";
import type { ChannelAdapter } from "./channels/adapter";
import { cafe24Adapter } from "./channels/cafe24/adapter";
import type { ChannelDeps } from "./channels/deps";
import { channelAccountEraser } from "./channels/erase";
import { localAdapter } from "./channels/local/adapter";
import type { ChannelMessage } from "./channels/messages";
import { channelAdapterRegistry } from "./channels/registry";
import { productSyncListener } from "./channels/sync/listener";
import { youtubeAdapter } from "./channels/youtube/adapter";
import { commerceConfig } from "./commerce/config";
import { probeDelivery } from "./commerce/delivery-probe";
import type { CommerceDeps } from "./commerce/deps";
import { selectMailer } from "./commerce/mail/select";
import type { Mailer } from "./commerce/mail/types";
import { orderPayable } from "./commerce/order-payable";
import { payableRegistry } from "./commerce/payables";
import { deliverLocalEvent } from "./commerce/payments/local-delivery";
import { paymentRoutingOf, selectPaymentProvider } from "./commerce/payments/select";
import { type DerivedKeys, deriveKeys } from "./config/keys";
import { type AppConfig, type ConfigResult, describeProblem, parseConfig } from "./config/settings";
import { creditPurchasePayable } from "./credits/payable";
import { type Db, getDb } from "./db/client";
import type { GenerationDeps } from "./generation/queue";
import { settleGenerationJob } from "./generation/settle";
import { gpuGatewayClient } from "./gpu/client";
import type { GpuDeps } from "./gpu/deps";
import type { WorkerGpuJobHook } from "./gpu/job-hooks";
import { log } from "./lib/log";
import { type OutsideHttp, outsideHttp } from "./lib/outside-http";
import type { PipelineDeps } from "./pipeline/deps";
import { digitalKitKind } from "./pipeline/digital-kit";
import { productKindRegistry } from "./pipeline/kinds";
import { assetFontSource, type PdfFontSource } from "./pipeline/pdf/fonts";
import type { PortraitDeps } from "./portraits/deps";
import type { PortraitMessage } from "./portraits/messages";
import { portraitPayable } from "./portraits/payable";
import { settlePortraitJob } from "./portraits/portrait-hook";
import { selectSmsProvider } from "./sms/select";
import { stylePackKind } from "./style-packs/kind";
import type { StyleDeps } from "./styles/style-queries";
import { settleTrainingJob } from "./styles/training-hook";
import { settleAssetJob } from "./video/assets/generate";
import type { VideoDeps } from "./video/deps";
import { videoAccountEraser } from "./video/erase";
import { videoPipelineHook } from "./video/pipeline/hook";
import { planPurchasePayable } from "./video/plans/payable";
import { shortVideoKind } from "./video/product/kind";

/**
 * The composition root: the only module that reads the Worker's bindings (with the entry,
 * src/index.ts) and the only place that decides which implementation serves which purpose.
 * Everything below it receives what it needs as arguments.
 */

/** Every product line's extension points, registered here and nowhere else. */
const PAYABLES = [orderPayable, creditPurchasePayable, planPurchasePayable] as const;
/** The portrait line's hook hands its next step to PORTRAIT_QUEUE and publishes to JOB_PROGRESS, so the hooks are built over the bindings. */
const GPU_JOB_HOOKS = (env: Env, video: () => VideoDeps): readonly WorkerGpuJobHook[] => [
	settleTrainingJob,
	settleGenerationJob,
	settlePortraitJob({ queue: env.PORTRAIT_QUEUE as Queue<PortraitMessage>, progress: env.JOB_PROGRESS }),
	// Images generated into a user's asset library (src/video/assets/generate.ts).
	settleAssetJob,
	// The video pipeline submits its next step from the hook: it reads the line's deps, built after the GPU deps.
	videoPipelineHook(video),
];
/** What each product line keeps of a user, for the erasure of their account (the channels' eraser revokes grants through the line's deps). */
const ACCOUNT_ERASERS = (channels: ChannelDeps): readonly AccountEraser[] => [videoAccountEraser, channelAccountEraser(channels)];
/** The channel providers this deployment offers: the sandbox where allowed, and each outside provider whose OAuth client is configured. */
const CHANNEL_ADAPTERS = (config: AppConfig, sandbox: { db: Db; files: R2Bucket; baseUrl: string }, http: OutsideHttp, now: () => Date): ChannelAdapter[] => {
	const context = { http, now };
	const { cafe24, youtube } = config.channels;
	return [
		...(config.channels.sandbox ? [localAdapter(sandbox, context)] : []),
		...(cafe24 ? [cafe24Adapter(cafe24, context)] : []),
		...(youtube ? [youtubeAdapter(youtube, context)] : []),
	];
};
const productKinds = (config: AppConfig, http: OutsideHttp) => productKindRegistry([digitalKitKind(config.llm, http), stylePackKind, shortVideoKind]);
/** The PDF fonts per assets binding, so they are read once per isolate rather than per request. */
const pdfFontSources = new WeakMap<Fetcher, PdfFontSource>();
function pdfFontsOf(assets: Fetcher): PdfFontSource {
	let source = pdfFontSources.get(assets);
	if (!source) {
		source = assetFontSource(assets);
		pdfFontSources.set(assets, source);
	}
	return source;
}

/** The loops only the app and the entry can close: they hold the app this module cannot import. */
export type Loops = {
	/** The Worker's own HTTP app: QA2 downloads each package through the buyer's routes. */
	fetchApp: (request: Request) => Promise<Response>;
};

/** The dependencies of every domain, for one request, queue batch or cron run. */
export type AppDeps = {
	config: AppConfig;
	keys: DerivedKeys;
	now: () => Date;
	db: Db;
	files: R2Bucket;
	limiter: DurableObjectNamespace<RateLimiter>;
	mailer: Mailer;
	pipeline: PipelineDeps;
	commerce: CommerceDeps;
	gpu: GpuDeps;
	generation: GenerationDeps;
	styles: StyleDeps;
	portraits: PortraitDeps;
	video: VideoDeps;
	channels: ChannelDeps;
	/** The client of every outside call (src/lib/outside-http.ts). */
	http: OutsideHttp;
	/** Every product line's part of an account's erasure. */
	accountErasers: readonly AccountEraser[];
};

const configs = new WeakMap<object, ConfigResult>();

/**
 * The configuration of `env`, parsed once per isolate. A problem is logged once, naming the
 * variable and what is wrong, never its value; every request then answers 503 CONFIG_INVALID.
 */
export function configOf(env: Env): ConfigResult {
	const cached = configs.get(env);
	if (cached) return cached;
	const result = parseConfig(env as unknown as Record<string, unknown>);
	if (!result.ok) {
		log("error", "configuration invalid", {
			variables: result.problems.map((problem) => problem.variable),
			problems: result.problems.map(describeProblem),
		});
	}
	configs.set(env, result);
	return result;
}

/**
 * Builds every domain's dependencies from the bindings and the parsed configuration. Cheap:
 * derived keys are cached per isolate; the rest are thin objects over the bindings.
 */
export async function buildDeps(env: Env, config: AppConfig, loops: Loops, now: () => Date = () => new Date()): Promise<AppDeps> {
	const keys = await deriveKeys(config.tokenSecrets);
	const db = getDb(env.DB);
	const files = env.FILES;
	// The one client of every outside call (payment, mail, SMS, LLM, channels, sign-in).
	const http = outsideHttp();
	const mailer = selectMailer(config.mail, http);
	const gpu: GpuDeps = {
		db,
		files,
		progress: env.JOB_PROGRESS,
		gateway: gpuGatewayClient({ baseUrl: config.gpuGateway.url, secret: config.gpuGateway.secret, db, now }),
		publicBaseUrl: config.publicBaseUrl,
		secret: config.gpuGateway.secret,
		hooks: GPU_JOB_HOOKS(env, () => video),
		now,
	};
	// The local provider pays through the very webhook receiver Stripe's events reach.
	const payments = selectPaymentProvider(
		config,
		db,
		now,
		async (event) => {
			await deliverLocalEvent(commerce, event);
		},
		http,
	);
	const commerce: CommerceDeps = {
		db,
		files,
		grants: env.DOWNLOAD_GRANTS,
		limiter: env.RATE_LIMITER,
		payments,
		// Provider per currency: KRW through PortOne when PORTONE_* are set.
		...paymentRoutingOf(config, payments, http),
		// The portrait payable erases through the GPU gateway and refunds through the portrait queue: it reads the portrait deps built below.
		payables: payableRegistry([...PAYABLES, portraitPayable(() => portraits)]),
		mailer,
		mailQueue: env.MAIL_QUEUE,
		keyring: keys.links,
		clientHashKey: keys.clientHash,
		webhookSecret: config.stripeWebhookSecret,
		config: commerceConfig(config.publicBaseUrl, config.limits, config.i18n),
		now,
	};
	const pipeline: PipelineDeps = {
		db,
		files,
		queue: env.FACTORY_QUEUE,
		config: config.pipeline,
		kinds: productKinds(config, http),
		pdfFonts: pdfFontsOf(env.ASSETS),
		now,
		probeDelivery: (pkg) => probeDelivery(commerce, loops.fetchApp, pkg),
		productListeners: [productSyncListener(() => channels)],
	};
	const generation: GenerationDeps = {
		db,
		limiter: env.RATE_LIMITER,
		gpu,
		rateLimit: { name: "generation", limit: config.limits.generation, windowMs: 60_000 },
		artistSharePercent: config.earnings.artistSharePercent,
		now,
	};
	const portraits: PortraitDeps = {
		db,
		files,
		commerce,
		gpu,
		sms: selectSmsProvider(config.sms, db, now, http),
		queue: env.PORTRAIT_QUEUE as Queue<PortraitMessage>,
		limiter: env.RATE_LIMITER,
		keys,
		config: { ...config.portraits, baseUrl: config.publicBaseUrl, llm: config.llm !== null },
		now,
	};
	const video: VideoDeps = {
		db,
		files,
		gpu,
		commerce,
		limiter: env.RATE_LIMITER,
		keys,
		config: {
			...config.video,
			baseUrl: config.publicBaseUrl,
			llm: config.llm !== null,
			rateLimit: { name: "video-generation", limit: config.video.generationsPerMinute, windowMs: 60_000 },
		},
		now,
	};
	const channels: ChannelDeps = {
		db,
		files,
		queue: env.CHANNEL_QUEUE as Queue<ChannelMessage>,
		http,
		adapters: channelAdapterRegistry(CHANNEL_ADAPTERS(config, { db, files, baseUrl: config.publicBaseUrl }, http, now)),
		// CHANNEL_TOKEN_KEYS when set; else keys derived from DOWNLOAD_TOKEN_SECRET (a loopback deployment only, once a provider is configured).
		tokenKeys: config.channels.tokenKeys ?? keys.channelTokens,
		limiter: env.RATE_LIMITER,
		config: { baseUrl: config.publicBaseUrl, retryBaseSeconds: config.channels.retryBaseSeconds },
		now,
	};
	return {
		config,
		keys,
		now,
		db,
		files,
		limiter: env.RATE_LIMITER,
		mailer,
		pipeline,
		commerce,
		gpu,
		generation,
		styles: { db, files, now },
		portraits,
		video,
		channels,
		http,
		accountErasers: ACCOUNT_ERASERS(channels),
	};
}
