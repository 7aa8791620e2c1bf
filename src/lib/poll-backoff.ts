/** A page waiting for something (a payment) reloads itself after this many seconds first. */
const FIRST_DELAY_SECONDS = 5;
/** …doubling on each reload, up to once a minute. */
const MAX_DELAY_SECONDS = 60;

/** The most reloads a `poll` counter may claim (the delay is long capped by then). */
export const MAX_POLL = 1000;

/** How long a waiting page waits before its next reload, after `poll` reloads: 5, 10, 20, 40, then 60 s. */
export function pollDelaySeconds(poll: number): number {
	return Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** Math.max(0, Math.min(poll, 10)));
}

/** `path` (a path with its query) with `poll` set to the next reload's count. */
export function nextPollPath(path: string, poll: number): string {
	const url = new URL(path, "http://page.invalid");
	url.searchParams.set("poll", String(Math.min(poll + 1, MAX_POLL)));
	return `${url.pathname}${url.search}`;
}
