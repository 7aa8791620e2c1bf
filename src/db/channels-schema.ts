import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { ChannelKind, ChannelProvider, ChannelStatus, ScheduleStatus, SyncOperation, SyncOutcome, VideoVisibility } from "../shared/channels";
import { products, users } from "./schema";
import { projects } from "./video-schema";

/**
 * The channels line (issue 18, docs/channels.md): connected outside accounts and their encrypted
 * tokens, the OAuth flows in progress, which product goes to which shop and under which outside
 * id, the sync log, video schedules, analytics snapshots, and the local sandbox's contents.
 * Joined with the other schema files in src/db/client.ts.
 */

/** ISO 8601 UTC time, as in schema.ts. */
const isoNow = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/**
 * One connected outside account: a Cafe24 mall (owned by the admins: `owner_key` = `admin`) or a
 * video channel (owned by a user: `owner_key` = the user's id). Tokens are AES-GCM ciphertexts
 * under the key named by `token_kid` (src/channels/token-vault.ts), never plaintext; they are
 * deleted on disconnect.
 */
export const channels = sqliteTable(
	"channels",
	{
		id: text("id").primaryKey(),
		provider: text("provider").$type<ChannelProvider>().notNull(),
		kind: text("kind").$type<ChannelKind>().notNull(),
		/** `admin` for the shop's channels, else the owning user's id. */
		ownerKey: text("owner_key").notNull(),
		userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
		/** The account at the provider: the Cafe24 `mall_id`, the YouTube channel id, the sandbox's id. */
		externalId: text("external_id").notNull(),
		displayName: text("display_name").notNull(),
		status: text("status").$type<ChannelStatus>().notNull().default("connected"),
		scopes: text("scopes").notNull().default(""),
		tokenKid: text("token_kid"),
		accessTokenEnc: text("access_token_enc"),
		refreshTokenEnc: text("refresh_token_enc"),
		accessExpiresAt: text("access_expires_at"),
		refreshExpiresAt: text("refresh_expires_at"),
		/** The provider's last refusal (refresh refused, revoked outside), in words; never a token. */
		lastError: text("last_error"),
		/** The IANA time zone schedules on this channel are entered in (the owner's, when connected). */
		timeZone: text("time_zone").notNull().default("Asia/Seoul"),
		connectedAt: text("connected_at").notNull().default(isoNow),
		updatedAt: text("updated_at").notNull().default(isoNow),
	},
	(t) => [uniqueIndex("channels_owner_account").on(t.ownerKey, t.provider, t.externalId), index("channels_owner_status").on(t.ownerKey, t.status)],
);

/**
 * An OAuth authorization in progress: its `state` (stored hashed), bound to the browser that
 * started it (a hash of a cookie nonce), the PKCE verifier (encrypted), the exact redirect URI.
 * Used once; expires after 10 minutes.
 */
export const channelOauthStates = sqliteTable("channel_oauth_states", {
	stateHash: text("state_hash").primaryKey(),
	provider: text("provider").$type<ChannelProvider>().notNull(),
	ownerKey: text("owner_key").notNull(),
	userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
	browserHash: text("browser_hash").notNull(),
	/** AES-GCM ciphertext of the PKCE code verifier (null when the provider has no PKCE). */
	codeVerifierEnc: text("code_verifier_enc"),
	tokenKid: text("token_kid"),
	redirectUri: text("redirect_uri").notNull(),
	/** The account named before the flow (Cafe24's `mall_id`), or null. */
	account: text("account"),
	/** Where to send the browser when the flow ends (a path of this app). */
	returnTo: text("return_to").notNull().default("/channels"),
	createdAt: text("created_at").notNull().default(isoNow),
	expiresAt: text("expires_at").notNull(),
	usedAt: text("used_at"),
});

/** Which shops a product is pushed to: the seller enables each connected shop per product. */
export const productChannels = sqliteTable(
	"product_channels",
	{
		productId: text("product_id")
			.notNull()
			.references(() => products.id, { onDelete: "cascade" }),
		channelId: text("channel_id")
			.notNull()
			.references(() => channels.id, { onDelete: "cascade" }),
		enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
		createdAt: text("created_at").notNull().default(isoNow),
		updatedAt: text("updated_at").notNull().default(isoNow),
	},
	(t) => [primaryKey({ columns: [t.productId, t.channelId] })],
);

/**
 * A product as it stands in one shop: the outside id (so a retry updates instead of creating a
 * second), and what was last pushed (a digest of the fields), so an unchanged product is skipped.
 */
export const channelListings = sqliteTable(
	"channel_listings",
	{
		channelId: text("channel_id")
			.notNull()
			.references(() => channels.id, { onDelete: "cascade" }),
		productId: text("product_id")
			.notNull()
			.references(() => products.id, { onDelete: "cascade" }),
		/** The shop's product id (Cafe24 `product_no`); null until the first create succeeded. */
		externalId: text("external_id"),
		/** A key the create carried (the shop's custom product code), so a lost response is found again instead of created twice. */
		createKey: text("create_key").notNull(),
		/** JSON of what was last pushed: `{name, description, price_cents, currency, display, selling, stock}`. */
		pushed: text("pushed"),
		pushedDigest: text("pushed_digest"),
		hidden: integer("hidden", { mode: "boolean" }).notNull().default(false),
		lastSyncedAt: text("last_synced_at"),
		createdAt: text("created_at").notNull().default(isoNow),
		updatedAt: text("updated_at").notNull().default(isoNow),
	},
	(t) => [primaryKey({ columns: [t.channelId, t.productId] }), index("channel_listings_product").on(t.productId)],
);

/** Every outside call a sync or publish made: what, on which channel, the outcome and the outside id. Append-only. */
export const channelSyncLog = sqliteTable(
	"channel_sync_log",
	{
		id: text("id").primaryKey(),
		channelId: text("channel_id").notNull(),
		productId: text("product_id"),
		scheduleId: text("schedule_id"),
		operation: text("operation").$type<SyncOperation>().notNull(),
		outcome: text("outcome").$type<SyncOutcome>().notNull(),
		externalId: text("external_id"),
		attempt: integer("attempt").notNull().default(1),
		/** Why it failed or was skipped, in words (the provider's reason); never a token. */
		detail: text("detail").notNull().default(""),
		createdAt: text("created_at").notNull().default(isoNow),
	},
	(t) => [index("channel_sync_log_channel_created").on(t.channelId, t.createdAt), index("channel_sync_log_product").on(t.productId, t.createdAt)],
);

/** A video to publish on a channel at a time: statuses `pending → queued → publishing → published | failed`. */
export const publishSchedules = sqliteTable(
	"publish_schedules",
	{
		id: text("id").primaryKey(),
		userId: text("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		projectId: text("project_id")
			.notNull()
			.references(() => projects.id, { onDelete: "cascade" }),
		channelId: text("channel_id")
			.notNull()
			.references(() => channels.id, { onDelete: "cascade" }),
		/** When to publish, UTC. */
		scheduledAt: text("scheduled_at").notNull(),
		/** The zone it was entered in (shown back in it). */
		timeZone: text("time_zone").notNull(),
		title: text("title").notNull(),
		description: text("description").notNull().default(""),
		/** JSON array of tags. */
		tags: text("tags").notNull().default("[]"),
		visibility: text("visibility").$type<VideoVisibility>().notNull().default("public"),
		status: text("status").$type<ScheduleStatus>().notNull().default("pending"),
		/** Publish attempts made (at most 5). */
		attempts: integer("attempts").notNull().default(0),
		/** When a failed attempt may run again (UTC), or null. */
		nextAttemptAt: text("next_attempt_at"),
		lastError: text("last_error"),
		/** The outside video id and its page, once published; also the resumable upload's session while uploading. */
		externalId: text("external_id"),
		externalUrl: text("external_url"),
		/** A resumable upload in progress (the provider's session URI), so a retry resumes rather than restarts. */
		uploadSession: text("upload_session"),
		publishedAt: text("published_at"),
		createdAt: text("created_at").notNull().default(isoNow),
		updatedAt: text("updated_at").notNull().default(isoNow),
	},
	(t) => [
		index("publish_schedules_due").on(t.status, t.scheduledAt),
		index("publish_schedules_user").on(t.userId, t.scheduledAt),
		index("publish_schedules_channel").on(t.channelId, t.scheduledAt),
	],
);

/** Numbers read back from a channel, every 6 hours: per channel (`item_id` null) and per video or product. */
export const analyticsSnapshots = sqliteTable(
	"analytics_snapshots",
	{
		id: text("id").primaryKey(),
		channelId: text("channel_id")
			.notNull()
			.references(() => channels.id, { onDelete: "cascade" }),
		/** The outside video or product id, or null for the channel's totals. */
		itemId: text("item_id"),
		projectId: text("project_id"),
		productId: text("product_id"),
		views: integer("views").notNull().default(0),
		likes: integer("likes").notNull().default(0),
		comments: integer("comments").notNull().default(0),
		/** Shops: orders and revenue (minor units) read for the item. */
		orders: integer("orders").notNull().default(0),
		revenueCents: integer("revenue_cents").notNull().default(0),
		capturedAt: text("captured_at").notNull(),
	},
	(t) => [
		index("analytics_snapshots_channel_item").on(t.channelId, t.itemId, t.capturedAt),
		index("analytics_snapshots_project").on(t.projectId, t.capturedAt),
	],
);

/**
 * The `local` provider's sandbox: what was pushed to the in-app shop or uploaded to the in-app
 * channel, as the outside service would hold it (its own pages show them).
 */
export const sandboxItems = sqliteTable(
	"sandbox_items",
	{
		id: text("id").primaryKey(),
		/** The sandbox account (`externalId` of its channel). */
		account: text("account").notNull(),
		kind: text("kind").$type<"account" | "product" | "video">().notNull(),
		/** The caller's create key (a product's custom code), unique per account, so a repeated create finds the first. */
		createKey: text("create_key"),
		/** JSON of the item as last written. */
		data: text("data").notNull(),
		/** A video's R2 key (a copy under the sandbox's prefix) once uploaded. */
		r2Key: text("r2_key"),
		views: integer("views").notNull().default(0),
		likes: integer("likes").notNull().default(0),
		comments: integer("comments").notNull().default(0),
		createdAt: text("created_at").notNull().default(isoNow),
		updatedAt: text("updated_at").notNull().default(isoNow),
	},
	(t) => [uniqueIndex("sandbox_items_create_key").on(t.account, t.createKey), index("sandbox_items_account").on(t.account, t.kind, t.createdAt)],
);

/**
 * The `local` provider's authorization server: codes and tokens it issued (hashed), so the
 * sandbox speaks the same OAuth flow as the outside providers (PKCE, refresh, revoke).
 */
export const sandboxTokens = sqliteTable(
	"sandbox_tokens",
	{
		tokenHash: text("token_hash").primaryKey(),
		account: text("account").notNull(),
		kind: text("kind").$type<"code" | "access" | "refresh">().notNull(),
		/** For a code: the PKCE challenge (S256) and the redirect URI it was issued for. */
		codeChallenge: text("code_challenge"),
		redirectUri: text("redirect_uri"),
		expiresAt: text("expires_at").notNull(),
		usedAt: text("used_at"),
		revokedAt: text("revoked_at"),
		createdAt: text("created_at").notNull().default(isoNow),
	},
	(t) => [index("sandbox_tokens_account").on(t.account, t.kind)],
);
