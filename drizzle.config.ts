import { defineConfig } from "drizzle-kit";

/** `npm run db:generate` writes a new SQL migration into migrations/ from src/db/schema.ts, community-schema.ts, video-schema.ts and channels-schema.ts. */
export default defineConfig({
	dialect: "sqlite",
	schema: ["./src/db/schema.ts", "./src/db/community-schema.ts", "./src/db/video-schema.ts", "./src/db/channels-schema.ts"],
	out: "./migrations",
});
