/** The channels pages' words: analytics (issue 18). */
export const analytics = {} as const;
