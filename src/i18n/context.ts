import { createContext, useContext } from "hono/jsx";
import type { I18n } from "./i18n";

/**
 * The reader's language kit for views. Pages get it from the route's `renderPage` (one provider
 * around the whole page), mails from their renderer; a view reads it with {@link useI18n}.
 */
export const I18nContext = createContext<I18n | null>(null);

/** The language kit of what is being rendered; throws when nothing provided one (a bug). */
export function useI18n(): I18n {
	const i18n = useContext(I18nContext);
	if (!i18n) throw new Error("useI18n: render the view inside I18nContext.Provider (renderPage does)");
	return i18n;
}
