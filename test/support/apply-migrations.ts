import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Every test file starts from the schema that production migrations produce.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
