/** English messages of the styles pages (see src/i18n/README in docs/i18n.md for conventions). */
export const styles = {} as const;
