/** Hono's type parameter for every app and sub-app of the Worker. */
export type AppEnv = {
	Bindings: Env;
	Variables: {
		requestId: string;
		/** Set by the admin guards when the request comes from a dashboard session. */
		adminSession?: import("./admin/sessions").AdminSession;
		/** Set by `requireUser` for signed-in users (style licensing). */
		user?: import("./accounts/sessions").User;
		userSession?: import("./accounts/sessions").UserSession;
		/** Set by `loadViewer` on HTML pages: who the storefront header shows (signed in or not). */
		viewer?: import("./accounts/viewer").Viewer;
	};
};
