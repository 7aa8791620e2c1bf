/** English messages of the account pages (see src/i18n/README in docs/i18n.md for conventions). */
export const account = {} as const;
