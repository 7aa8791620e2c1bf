/** Hono's type parameter for every app and sub-app of the Worker. */
export type AppEnv = {
	Bindings: Env;
	Variables: { requestId: string };
};
