/** English messages of the mail pages (see src/i18n/README in docs/i18n.md for conventions). */
export const mail = {} as const;
