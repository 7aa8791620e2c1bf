import type { User, UserSession } from "./accounts/sessions";
import type { Viewer } from "./accounts/viewer";
import type { AdminSession } from "./admin/sessions";
import type { I18n } from "./i18n/i18n";
import type { LocaleSource } from "./routes/locale";
import type { AppDeps } from "./wiring";

/**
 * Hono's type parameter for every sub-app of the Worker. It has no `Bindings` on purpose: only
 * the composition root reads them; a route gets everything it needs from `c.var.deps`.
 */
export type AppEnv = {
	Variables: {
		requestId: string;
		/** Every domain's dependencies, set for each request by the app (src/app.tsx) from src/wiring.ts. */
		deps: AppDeps;
		/** The reader's language, time zone and formatters, set for each request by `i18nMiddleware` (src/routes/locale.ts). */
		i18n: I18n;
		localeSource: LocaleSource;
		/** Set by the admin guards when the request comes from a dashboard session. */
		adminSession?: AdminSession;
		/** Set by `requireUser` for signed-in users (style licensing). */
		user?: User;
		userSession?: UserSession;
		/** Set by `loadViewer` on HTML pages: who the storefront header shows (signed in or not). */
		viewer?: Viewer;
	};
};
