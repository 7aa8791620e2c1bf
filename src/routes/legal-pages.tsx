import { Hono } from "hono";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { PrivacyPage, TermsPage } from "../views/legal/legal-pages";
import { renderPage } from "./render-page";

/** `/terms` and `/privacy`, linked from every page's footer; the share and payout figures come from the configuration. */
export const legalPages = new Hono<AppEnv>()
	.get("/terms", loadViewer, (c) => {
		const { earnings } = c.var.deps.config;
		const payoutValue = c.var.i18n.money(earnings.payoutCentsPerCredit, earnings.payoutCurrency);
		return renderPage(
			c,
			<TermsPage
				viewer={c.var.viewer ?? null}
				figures={{ artistSharePercent: earnings.artistSharePercent, payoutMinimumCredits: c.var.i18n.number(earnings.payoutMinimumCredits), payoutValue }}
			/>,
		);
	})
	.get("/privacy", loadViewer, (c) => renderPage(c, <PrivacyPage viewer={c.var.viewer ?? null} />));
