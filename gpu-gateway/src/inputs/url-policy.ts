import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { BackendError } from "../backends/types.ts";
import { classifyAddress } from "./address-policy.ts";

/** Resolves a host name to every address it has (injectable so tests can play DNS). */
export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;

/** The system resolver, all addresses, in the order the OS gives them. */
export const systemResolver: HostResolver = (hostname) =>
	new Promise((resolve, reject) => dnsLookup(hostname, { all: true, order: "verbatim" }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

/** A refused input URL; never retried, since the same URL would be refused again. */
export function forbiddenUrl(reason: string): BackendError {
	return new BackendError("INPUT_URL_FORBIDDEN", reason, false);
}

/**
 * Checks what can be decided from the URL alone: `https:` only, and an IP-literal host must be
 * public (Node connects to literals without a lookup, so the guarded lookup never sees them).
 */
export function checkInputUrl(url: URL): void {
	if (url.protocol !== "https:") throw forbiddenUrl(`input URLs must use https, not ${url.protocol}`);
	const range = classifyAddress(url.hostname);
	if (range !== "invalid" && range !== "public") throw forbiddenUrl(`input host ${url.hostname} is a ${range} address`);
}

/**
 * A `lookup` for node:http(s) that refuses a host when *any* of its addresses is not public,
 * and hands the socket only the addresses it checked: the connection goes where the check
 * looked, so DNS rebinding between a check and the connect cannot slip through.
 */
export function guardedLookup(resolver: HostResolver = systemResolver): LookupFunction {
	return (hostname, options, callback) => {
		resolver(hostname).then(
			(all) => {
				const wanted = options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
				const refused = all.find((a) => classifyAddress(a.address) !== "public");
				const [first] = wanted;
				if (refused) callback(forbiddenUrl(`input host ${hostname} resolves to a ${classifyAddress(refused.address)} address`), "", 0);
				else if (!first) callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "", 0);
				else if (options.all) callback(null, wanted);
				else callback(null, first.address, first.family);
			},
			(err: NodeJS.ErrnoException) => callback(err, "", 0),
		);
	};
}
