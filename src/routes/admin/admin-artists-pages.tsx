import { z } from "zod";
import { decideArtistApplication, listArtistApplications } from "../../accounts/artist-applications";
import { validate } from "../../lib/validate";
import { ARTIST_NOTICES, ArtistsPage } from "../../views/admin/artists";
import { renderPage } from "../render-page";
import { adminRoutes, adminViewer, IdParams, noticeQuery, requireSession } from "./admin-shell";

const ArtistDecisionParams = IdParams.extend({ decision: z.enum(["approve", "reject"]) });

/** `/admin/artists`: the artist applications waiting for a decision, and approving or rejecting them. */
export const adminArtistPages = adminRoutes()
	.use(requireSession)
	.get("/", validate("query", noticeQuery(ARTIST_NOTICES)), async (c) => {
		const { db } = c.var.deps;
		const [pending, decided] = await Promise.all([listArtistApplications(db, "pending"), listArtistApplications(db, "decided", 20)]);
		return renderPage(c, <ArtistsPage pending={pending} decided={decided} viewer={adminViewer(c)} notice={c.req.valid("query").done} />);
	})
	.post("/:id/:decision{approve|reject}", validate("param", ArtistDecisionParams), async (c) => {
		const { id, decision } = c.req.valid("param");
		const done = decision === "approve" ? "approved" : "rejected";
		await decideArtistApplication(c.var.deps.db, id, done, adminViewer(c).subject, c.var.deps.now());
		return c.redirect(`/admin/artists?done=${done}`, 303);
	});
