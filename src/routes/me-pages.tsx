import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { signedInUser, userPage } from "../accounts/guards";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { creditBalance } from "../credits/ledger";
import { styles } from "../db/schema";
import { generationView, listUserGenerations } from "../generation/queries";
import { mintProgressToken } from "../gpu/progress-token";
import { validate } from "../lib/validate";
import { MePage } from "../views/me/me-page";
import { renderPage } from "./render-page";

const PageQuery = z.object({ cursor: z.string().max(200).optional() });
/** Generations per page. */
const PAGE_SIZE = 24;

/** `GET /me`: "my page": the signed-in user's balance, generations (with live progress) and, for artists, styles. */
export const mePages = new Hono<AppEnv>().get("/", userPage, loadViewer, validate("query", PageQuery), async (c) => {
	const { db, keys, now } = c.var.deps;
	const { user, csrfToken } = signedInUser(c);
	const [balance, page, myStyles, progressToken] = await Promise.all([
		creditBalance(db, user.id),
		listUserGenerations(db, user.id, { cursor: c.req.valid("query").cursor, limit: PAGE_SIZE }),
		user.role === "artist" ? db.query.styles.findMany({ where: eq(styles.artistId, user.id), orderBy: (s, { desc }) => [desc(s.createdAt)] }) : [],
		mintProgressToken(keys.progress, { type: "user", id: user.id }, now()),
	]);
	return renderPage(
		c,
		<MePage
			viewer={c.var.viewer}
			user={{ name: user.name, email: user.email, role: user.role }}
			balance={balance}
			generations={page.items.map(generationView)}
			nextPage={page.nextCursor ? `/me?cursor=${encodeURIComponent(page.nextCursor)}` : null}
			styles={myStyles.map((s) => ({
				id: s.id,
				slug: s.slug,
				title: s.title,
				status: s.status,
				price_credits: s.priceCredits,
				generation_count: s.generationCount,
			}))}
			csrfToken={csrfToken}
			progressToken={progressToken}
		/>,
	);
});
