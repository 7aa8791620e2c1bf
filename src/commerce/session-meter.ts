import { AppError } from "../lib/errors";

const KIB = 1024;
const MIB = 1024 * KIB;

/** Connections a download manager may hold open on one session at once (4–16 is usual). */
const PARALLEL_CONNECTIONS = 16;

/**
 * How much of a package a file session sends per charge: 1/64 of it, between 64 KB and 1 MB, so
 * a copy costs at most 64 Durable Object calls (a few for small files) and a connection closed
 * early was charged at most one slice it did not take.
 */
export function meterSlice(packageSize: number): number {
	return Math.min(MIB, Math.max(64 * KIB, Math.ceil(packageSize / 64)));
}

/**
 * The bytes one file session may send: `copies` of its package, plus one slice in flight on each
 * of 16 parallel connections (a download manager closing its segments' connections has been sent
 * a little more than it keeps; for a package smaller than a slice that is up to 16 copies).
 */
export function sessionByteBudget(packageSize: number, copies: number): number {
	return copies * packageSize + PARALLEL_CONNECTIONS * meterSlice(packageSize);
}

/**
 * `source` (a body of `length` bytes) handed on only when the reader asks for it (no read-ahead:
 * the high-water mark is 0), and paid for in advance with `charge`, a slice (or what is left) at a
 * time, so a connection is never more than one slice ahead of what it took. What is counted is
 * what was sent, not the range that was asked for: a download manager asking for everything from
 * each segment's start and hanging up at the next segment pays for its segment. A refused charge
 * ends the body with an error (the client sees a cut transfer; its next request gets 410).
 */
export function meteredBody(
	source: ReadableStream<Uint8Array>,
	length: number,
	slice: number,
	charge: (bytes: number) => Promise<boolean>,
): ReadableStream<Uint8Array> {
	const reader = source.getReader();
	let pending: Uint8Array = new Uint8Array(0);
	let paid = 0;
	let sent = 0;
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				while (pending.length === 0) {
					const { done, value } = await reader.read();
					if (done) return controller.close();
					pending = value;
				}
				const next = pending.subarray(0, slice);
				pending = pending.subarray(next.length);
				if (sent + next.length > paid) {
					const amount = Math.max(next.length, Math.min(slice, length - paid));
					if (!(await charge(amount))) {
						await reader.cancel();
						controller.error(new AppError(410, "DOWNLOAD_LIMIT_REACHED", "This download session has sent all it may."));
						return;
					}
					paid += amount;
				}
				sent += next.length;
				controller.enqueue(next);
			},
			cancel(reason) {
				return reader.cancel(reason);
			},
		},
		{ highWaterMark: 0 },
	);
}
