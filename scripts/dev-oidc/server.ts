// The development OpenID Connect issuer as a process: `node scripts/dev-oidc/server.ts`.
// Configured like the Worker (the values of .dev.vars): OIDC_ISSUER is the URL it listens on,
// OIDC_CLIENT_ID and OIDC_CLIENT_SECRET the one client it knows. `npm start` runs it.
import { startDevIssuer } from "./issuer.ts";

const issuer = (process.env.OIDC_ISSUER ?? "http://127.0.0.1:8790").replace(/\/+$/, "");
const clientId = process.env.OIDC_CLIENT_ID ?? "";
const clientSecret = process.env.OIDC_CLIENT_SECRET ?? "";
if (!clientId || !clientSecret) {
	console.error("dev-oidc: set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (npm start reads them from .dev.vars).");
	process.exit(1);
}
const url = new URL(issuer);
if (url.protocol !== "http:" || !["127.0.0.1", "localhost"].includes(url.hostname)) {
	// It signs anyone in without a password: a loopback-only tool, never a real issuer.
	console.error(`dev-oidc: OIDC_ISSUER must be a loopback http URL, not ${issuer}.`);
	process.exit(1);
}

const running = await startDevIssuer({
	issuer,
	host: url.hostname === "localhost" ? "127.0.0.1" : url.hostname,
	port: Number(url.port || 80),
	clientId,
	clientSecret,
});
console.log(JSON.stringify({ level: "info", message: "development OIDC issuer listening", issuer: running.issuer }));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
	process.on(signal, () => {
		void running.close().then(() => process.exit(0));
	});
}
