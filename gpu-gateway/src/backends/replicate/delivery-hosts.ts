/**
 * The hosts Replicate serves output files from. Its docs ("Output files",
 * https://replicate.com/docs/topics/predictions/output-files): "Output files are served by
 * replicate.delivery and its subdomains", to be allow-listed as `replicate.delivery` and
 * `*.replicate.delivery`. An output URL on any other host is not fetched: a provider answer (or
 * whoever forged one) must not be able to point the gateway at its own network.
 */
export const DEFAULT_DELIVERY_HOSTS = ["replicate.delivery", "*.replicate.delivery"] as const;

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const HOST = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
/** A wildcard needs at least two labels after `*.`: `*.com` would allow half the internet. */
const WILDCARD = new RegExp(`^\\*\\.${LABEL}(?:\\.${LABEL})+$`);

/**
 * Parses REPLICATE_DELIVERY_HOSTS: comma-separated host names, each exact (`replicate.delivery`)
 * or a wildcard for its subdomains (`*.replicate.delivery`); unset → Replicate's documented hosts.
 * Throws, naming the variable, on anything else (schemes, paths, a bare `*`).
 */
export function parseDeliveryHosts(value: string | undefined): string[] {
	if (value === undefined) return [...DEFAULT_DELIVERY_HOSTS];
	const hosts = value
		.split(",")
		.map((host) => host.trim().toLowerCase())
		.filter(Boolean);
	if (hosts.length === 0) throw new Error("REPLICATE_DELIVERY_HOSTS must name at least one host");
	const bad = hosts.filter((host) => !HOST.test(host) && !WILDCARD.test(host));
	if (bad.length > 0) throw new Error(`REPLICATE_DELIVERY_HOSTS: ${bad.join(", ")} is not a host name or *.domain`);
	return hosts;
}

/** Whether `hostname` is one of `hosts`: equal, or a subdomain of a `*.` entry (never a bare suffix match). */
export function isDeliveryHost(hostname: string, hosts: readonly string[]): boolean {
	const host = hostname.toLowerCase().replace(/\.$/, "");
	return hosts.some((pattern) => (pattern.startsWith("*.") ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1 : host === pattern));
}
