/**
 * The network a client address stands for, as every per-client limit keys it: an IPv4 address
 * itself, or the /64 of an IPv6 address (written `a:b:c:d::/64`). A subscriber is handed a whole
 * /64 and picks interface identifiers inside it at will (privacy addresses rotate on their own),
 * so keying on the full IPv6 address would give one client 2^64 budgets. IPv4-mapped IPv6
 * (`::ffff:a.b.c.d`, also in hex) is the IPv4 address it carries. Anything that is not an address
 * becomes `other:<it, lowercased>`, which no address can collide with.
 */
export function clientNetwork(address: string): string {
	const text = address.trim().toLowerCase();
	const ipv4 = parseIpv4(text);
	if (ipv4) return ipv4.join(".");
	const groups = parseIpv6(text);
	if (!groups) return `other:${text}`;
	if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
		const [high = 0, low = 0] = groups.slice(6);
		return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
	}
	return `${groups
		.slice(0, 4)
		.map((group) => group.toString(16))
		.join(":")}::/64`;
}

/** The four octets of a dotted-quad IPv4 address; leading zeros are refused (some parsers read them as octal). */
function parseIpv4(text: string): number[] | null {
	const parts = text.split(".");
	if (parts.length !== 4) return null;
	const octets = parts.map((part) => (/^(0|[1-9]\d{0,2})$/.test(part) ? Number(part) : Number.NaN));
	return octets.every((octet) => octet >= 0 && octet <= 255) ? octets : null;
}

/** The eight 16-bit groups of an IPv6 address: `::` expanded, a trailing dotted quad read, brackets and a zone id dropped. */
function parseIpv6(text: string): number[] | null {
	const bare = text.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
	const halves = bare.split("::");
	if (halves.length > 2) return null;
	const parse = (half: string | undefined, last: boolean): number[] | null => {
		if (!half) return [];
		const parts = half.split(":");
		const groups: number[] = [];
		for (const [i, part] of parts.entries()) {
			if (last && i === parts.length - 1 && part.includes(".")) {
				const octets = parseIpv4(part);
				if (!octets) return null;
				const [a = 0, b = 0, c = 0, d = 0] = octets;
				groups.push((a << 8) | b, (c << 8) | d);
			} else if (/^[0-9a-f]{1,4}$/.test(part)) {
				groups.push(Number.parseInt(part, 16));
			} else {
				return null;
			}
		}
		return groups;
	};
	const compressed = halves.length === 2;
	const head = parse(halves[0], !compressed);
	const tail = compressed ? parse(halves[1], true) : [];
	if (!head || !tail) return null;
	const missing = 8 - head.length - tail.length;
	if (compressed ? missing < 1 : missing !== 0) return null;
	return [...head, ...Array<number>(missing).fill(0), ...tail];
}
