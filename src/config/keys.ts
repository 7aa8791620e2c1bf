import { hmacSha256Hex, sha256Hex } from "../lib/hash";
import type { SealKey } from "../lib/sealed-box";

/** A signing key of download and file links with its key id; see {@link DerivedKeys.links}. */
export type LinkKey = { kid: string; key: Uint8Array };

/**
 * The keys of each purpose, derived from DOWNLOAD_TOKEN_SECRET (and the previous secret during
 * a rotation) with HMAC-SHA256 under a label per purpose, so no key can stand in for another:
 * an IP hash reveals nothing that signs a link, and a progress token never verifies as a
 * download link. Order keys are not among them: they are random (src/commerce/order-key.ts),
 * so a rotation cannot break a buyer's link.
 */
export type DerivedKeys = {
	/**
	 * Link signing, the first entry signs and all verify. After the derived keys come the raw
	 * secrets under their old key ids: links minted before keys were derived stay valid for the
	 * rest of their life (at most 7 days, plus 6 hours of file session).
	 */
	links: [LinkKey, ...LinkKey[]];
	/** Key of the keyed hashes of client IPs (logs, rate-limit keys). */
	clientHash: string;
	/** Signing key of progress tokens. */
	progress: Uint8Array;
	/**
	 * Phone numbers of the portrait line (src/portraits/phone-seal.ts): AES-GCM keys, the first
	 * seals and all open (a rotation keeps numbers sealed under the previous secret readable for
	 * their remaining hours), and the HMAC keys of the verification hash, the first hashes and all verify.
	 */
	phoneSeal: [PhoneKey, ...PhoneKey[]];
	phoneHash: [string, ...string[]];
	/**
	 * Outside accounts' tokens (src/channels/token-vault.ts) when CHANNEL_TOKEN_KEYS is not set:
	 * the first seals, all open, as for phone numbers.
	 */
	channelTokens: [PhoneKey, ...PhoneKey[]];
};

/** A phone-sealing key with its key id (stored next to each ciphertext). */
export type PhoneKey = SealKey;

/** The labels: a new version of one purpose's key is a new label. */
const LABELS = {
	links: "download-links:v1",
	clientHash: "client-ip-hash:v1",
	// The label progress tokens were already derived under, so tokens in open pages stay valid.
	progress: "job-progress-token:v1",
	phoneSeal: "portrait-phone-seal:v1",
	phoneHash: "portrait-phone-hash:v1",
	channelTokens: "channel-tokens:v1",
} as const;

const encoder = new TextEncoder();

/** The key of `label` under `secret`: lowercase hex of HMAC-SHA256(secret, label). */
export function deriveKey(secret: string, label: string): Promise<string> {
	return hmacSha256Hex(secret, label);
}

/** A link key: its kid is the first 12 hex digits of SHA-256("kid:" + key), as links always had. */
async function linkKey(key: string): Promise<LinkKey> {
	return { kid: (await sha256Hex(`kid:${key}`)).slice(0, 12), key: encoder.encode(key) };
}

/**
 * Derives every purpose's keys from the current and previous secret. Cached per isolate as the
 * resolved value (workerd does not share pending promises across requests): every download
 * and every page with live progress needs them.
 */
export async function deriveKeys(secrets: { current: string; previous: string | null }): Promise<DerivedKeys> {
	const roots: [string, ...string[]] = secrets.previous ? [secrets.current, secrets.previous] : [secrets.current];
	const cacheKey = roots.join("\n");
	const cached = cache.get(cacheKey);
	if (cached) return cached;
	// Every purpose from every root: the current root's key signs, the others only verify.
	const derive = async (label: string): Promise<[string, ...string[]]> => {
		const [first, ...rest] = await Promise.all(roots.map((root) => deriveKey(root, label)));
		return [first ?? "", ...rest];
	};
	const [links, clientHash, progress, phoneSeal, phoneHash, channelTokens] = await Promise.all([
		derive(LABELS.links),
		deriveKey(secrets.current, LABELS.clientHash),
		deriveKey(secrets.current, LABELS.progress),
		derive(LABELS.phoneSeal),
		derive(LABELS.phoneHash),
		derive(LABELS.channelTokens),
	]);
	const sealKeys = async (purpose: string, derived: [string, ...string[]]): Promise<[PhoneKey, ...PhoneKey[]]> => {
		const [first, ...rest] = await Promise.all(derived.map(async (key) => ({ kid: (await sha256Hex(`${purpose}-kid:${key}`)).slice(0, 12), key })));
		return [first ?? { kid: "", key: "" }, ...rest];
	};
	const [phoneKeys, channelTokenKeys] = await Promise.all([sealKeys("phone", phoneSeal), sealKeys("channel", channelTokens)]);
	const [signing, ...verifying] = await Promise.all([...links, ...roots].map(linkKey));
	if (!signing) throw new Error("no link key");
	const keys: DerivedKeys = {
		links: [signing, ...verifying],
		clientHash,
		progress: encoder.encode(progress),
		phoneSeal: phoneKeys,
		phoneHash,
		channelTokens: channelTokenKeys,
	};
	cache.set(cacheKey, keys);
	return keys;
}

const cache = new Map<string, DerivedKeys>();
