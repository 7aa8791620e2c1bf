/** English messages of the storefront pages (see src/i18n/README in docs/i18n.md for conventions). */
export const storefront = {} as const;
