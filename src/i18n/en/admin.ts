/** English messages of the admin pages (see src/i18n/README in docs/i18n.md for conventions). */
export const admin = {} as const;
