import { signGatewayToken } from "../auth.ts";

/** The audience the Worker requires on the gateway's tokens (`src/gpu/artifacts.ts`); the reverse of `gpu-gateway`. */
export const EDGE_TOKEN_AUDIENCE = "edge-factory";

/**
 * The Worker's base URL for a job: the origin of its `callback_url`. Only the authenticated
 * Worker can create jobs, so the URL it named is where its other internal routes live too.
 */
export function workerOrigin(callbackUrl: string): string {
	return new URL(callbackUrl).origin;
}

/** An `Authorization` value for one call to the Worker: a fresh HS256 token, short-lived like the Worker's own. */
export function edgeAuthorization(secret: string, nowMs: number): string {
	return `Bearer ${signGatewayToken(secret, { aud: EDGE_TOKEN_AUDIENCE, sub: "gpu-gateway", nowS: Math.floor(nowMs / 1000) })}`;
}
