import { isIP } from "node:net";

/**
 * What an IP address is, for the SSRF guard: `public`, or the special-purpose range that makes
 * fetching from it dangerous (it reaches the gateway's own host, its network, or a cloud's
 * metadata service) or meaningless.
 */
export type AddressRange =
	| "public"
	| "unspecified"
	| "loopback"
	| "private"
	| "link-local"
	| "unique-local"
	| "site-local"
	| "cgnat"
	| "metadata"
	| "multicast"
	| "documentation"
	| "benchmarking"
	| "reserved"
	| "tunnel"
	| "invalid";

/** Special-purpose ranges (IANA registries), most specific first: the first match names the range. */
const RANGES: readonly [cidr: string, range: Exclude<AddressRange, "public" | "invalid">][] = [
	// Cloud metadata services, named on their own so a refusal says so.
	["169.254.169.254/32", "metadata"],
	["100.100.100.200/32", "metadata"],
	["fd00:ec2::254/128", "metadata"],
	["0.0.0.0/8", "unspecified"],
	["10.0.0.0/8", "private"],
	["100.64.0.0/10", "cgnat"],
	["127.0.0.0/8", "loopback"],
	["169.254.0.0/16", "link-local"],
	["172.16.0.0/12", "private"],
	["192.0.0.0/24", "reserved"],
	["192.0.2.0/24", "documentation"],
	["192.88.99.0/24", "reserved"],
	["192.168.0.0/16", "private"],
	["198.18.0.0/15", "benchmarking"],
	["198.51.100.0/24", "documentation"],
	["203.0.113.0/24", "documentation"],
	["224.0.0.0/4", "multicast"],
	["240.0.0.0/4", "reserved"],
	["::/128", "unspecified"],
	["::1/128", "loopback"],
	["64:ff9b:1::/48", "private"],
	["100::/64", "reserved"],
	// Teredo hides its IPv4 endpoint (obfuscated), so it cannot be checked: refused as a whole.
	["2001::/32", "tunnel"],
	["2001:db8::/32", "documentation"],
	["fc00::/7", "unique-local"],
	["fe80::/10", "link-local"],
	["fec0::/10", "site-local"],
	["ff00::/8", "multicast"],
];

/** IPv6 prefixes that carry an IPv4 address, which decides instead: [prefix bytes, offset of the IPv4 bytes]. */
const EMBEDDED_IPV4: readonly [cidr: string, offset: number][] = [
	["::ffff:0:0/96", 12], // IPv4-mapped
	["::/96", 12], // IPv4-compatible (deprecated)
	["64:ff9b::/96", 12], // NAT64
	["2002::/16", 2], // 6to4
];

function ipv4Bytes(text: string): number[] {
	return text.split(".").map(Number);
}

/** Sixteen bytes of a valid IPv6 literal (zone id dropped, trailing dotted quad allowed). */
function ipv6Bytes(text: string): number[] {
	let rest = text.split("%")[0] ?? "";
	let tail: number[] = [];
	const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(rest);
	if (dotted?.[1]) {
		tail = ipv4Bytes(dotted[1]);
		rest = `${rest.slice(0, -dotted[1].length)}0:0`;
	}
	const [head = "", back] = rest.split("::");
	const groups = (part: string) => (part === "" ? [] : part.split(":").map((g) => Number.parseInt(g, 16)));
	const front = groups(head);
	const end = back === undefined ? [] : groups(back);
	const words = [...front, ...new Array<number>(8 - front.length - end.length).fill(0), ...end];
	const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
	if (tail.length === 4) bytes.splice(12, 4, ...tail);
	return bytes;
}

/** The address's bytes (4 or 16), or undefined when it is not an IP literal. */
function addressBytes(address: string): number[] | undefined {
	const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
	const family = isIP(bare.split("%")[0] ?? "");
	if (family === 4) return ipv4Bytes(bare);
	if (family === 6) return ipv6Bytes(bare);
	return undefined;
}

type Cidr = { bytes: number[]; prefix: number };

function parseCidr(cidr: string): Cidr {
	const [address = "", prefix = ""] = cidr.split("/");
	const bytes = addressBytes(address);
	if (!bytes) throw new Error(`bad CIDR ${cidr}`);
	return { bytes, prefix: Number(prefix) };
}

function inCidr(bytes: readonly number[], cidr: Cidr): boolean {
	if (bytes.length !== cidr.bytes.length) return false;
	for (let bit = 0; bit < cidr.prefix; bit++) {
		const mask = 0x80 >> (bit % 8);
		const i = Math.floor(bit / 8);
		if (((bytes[i] ?? 0) & mask) !== ((cidr.bytes[i] ?? 0) & mask)) return false;
	}
	return true;
}

const PARSED_RANGES = RANGES.map(([cidr, range]) => ({ cidr: parseCidr(cidr), range }));
const PARSED_EMBEDDED = EMBEDDED_IPV4.map(([cidr, offset]) => ({ cidr: parseCidr(cidr), offset }));

function classifyBytes(bytes: readonly number[]): AddressRange {
	for (const { cidr, range } of PARSED_RANGES) if (inCidr(bytes, cidr)) return range;
	if (bytes.length === 16) {
		// The IPv4 inside decides: ::ffff:127.0.0.1 is loopback however it is spelled.
		for (const { cidr, offset } of PARSED_EMBEDDED) if (inCidr(bytes, cidr)) return classifyBytes(bytes.slice(offset, offset + 4));
	}
	return "public";
}

/** Classifies an IP literal (IPv4, IPv6, bracketed or with a zone id); anything else is `invalid`. */
export function classifyAddress(address: string): AddressRange {
	const bytes = addressBytes(address);
	return bytes ? classifyBytes(bytes) : "invalid";
}
