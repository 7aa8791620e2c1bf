/**
 * The shape every language's catalogue must have: the English catalogue's keys, each a string.
 * A key missing in another language, or one it has that English lacks, is a type error, so
 * `npm test` (which type-checks) fails on it.
 */
export type Catalogue<T> = { readonly [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
