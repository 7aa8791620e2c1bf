/** The channels pages' words: sync (issue 18). */
export const sync = {} as const;
