/**
 * The one seeded pseudo-random number generator of the project, shared by the template
 * generator (Worker), the GPU gateway's local backend (Node) and the bench fixture (Node).
 * Reproducible output (product bytes, gateway images, bench fixtures) depends on every one of
 * them drawing the same sequence from the same seed, so this file has no imports and uses only
 * what workerd and Node both have.
 */

/** A mulberry32 stream that also reveals its state, which {@link Rng.fork} derives seeds from. */
type Mulberry32Stream = { next: () => number; state: () => number };

function mulberry32Stream(seed: number): Mulberry32Stream {
	let state = seed >>> 0;
	return {
		next: () => {
			state = (state + 0x6d2b79f5) >>> 0;
			let t = state;
			t = Math.imul(t ^ (t >>> 15), t | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		},
		state: () => state,
	};
}

/**
 * Creates a mulberry32 generator of floats in [0, 1): tiny, fast and deterministic on every
 * runtime, which reproducible bytes need (Math.random cannot be seeded). The seed is taken as
 * an unsigned 32-bit integer, so negative seeds and seeds of 2^32 or more wrap.
 */
export function mulberry32(seed: number): () => number {
	return mulberry32Stream(seed).next;
}

/**
 * 32-bit FNV-1a hash of a string's UTF-16 code units, for deriving seeds from text. Used for
 * seeding only, not for anything security-related.
 */
export function hash32(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/** A seeded source of pseudo-random choices; the same seed always yields the same sequence. */
export type Rng = {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both inclusive. */
	int(min: number, max: number): number;
	/** True with probability `p`. */
	chance(p: number): boolean;
	/** One element of a non-empty list. */
	pick<T>(items: readonly T[]): T;
	/** A shuffled copy of a list. */
	shuffle<T>(items: readonly T[]): T[];
	/** `count` distinct elements in random order. */
	sample<T>(items: readonly T[], count: number): T[];
	/** `count` distinct elements kept in their original order (for content whose order matters). */
	sampleInOrder<T>(items: readonly T[], count: number): T[];
	/** An independent generator derived from this one, so adding draws in one place does not shift another. */
	fork(label: string): Rng;
};

/** Creates an {@link Rng} over {@link mulberry32}, with the helpers the template generator draws with. */
export function createRng(seed: number): Rng {
	const stream = mulberry32Stream(seed);
	const next = stream.next;
	const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
	const shuffle = <T>(items: readonly T[]): T[] => {
		const copy = [...items];
		for (let i = copy.length - 1; i > 0; i--) {
			const j = int(0, i);
			const a = copy[i] as T;
			copy[i] = copy[j] as T;
			copy[j] = a;
		}
		return copy;
	};
	return {
		next,
		int,
		chance: (p) => next() < p,
		pick: <T>(items: readonly T[]): T => {
			if (items.length === 0) throw new Error("pick from an empty list");
			return items[int(0, items.length - 1)] as T;
		},
		shuffle,
		sample: <T>(items: readonly T[], count: number): T[] => shuffle(items).slice(0, Math.max(0, count)),
		sampleInOrder: <T>(items: readonly T[], count: number): T[] => {
			const keep = new Set(shuffle(items.map((_, index) => index)).slice(0, Math.max(0, count)));
			return items.filter((_, index) => keep.has(index));
		},
		fork: (label) => createRng(hash32(`${stream.state()}:${label}`)),
	};
}
