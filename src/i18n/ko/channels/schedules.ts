/** The channels pages' words: schedules (issue 18). */
export const schedules = {} as const;
