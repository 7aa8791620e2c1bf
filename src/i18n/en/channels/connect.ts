/** The channels pages' words: connect (issue 18). */
export const connect = {} as const;
