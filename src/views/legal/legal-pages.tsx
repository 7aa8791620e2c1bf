import type { Viewer } from "../../accounts/viewer";
import { useI18n } from "../../i18n/context";
import { Layout } from "../layout";
import { PrivacyText } from "./privacy-text";
import { RETENTION } from "./retention";
import { type TermsFigures, TermsText } from "./terms-text";

/** When the terms and the policy last changed (shown on both pages). */
export const LEGAL_UPDATED = "2026-12-04";

/** The table of how long each kind of data is kept, from the one list in retention.ts. */
export function RetentionTable() {
	const { t, locale } = useI18n();
	return (
		<table class="table retention-table">
			<thead>
				<tr>
					<th scope="col">{t("feed:legal.retentionData")}</th>
					<th scope="col">{t("feed:legal.retentionKept")}</th>
				</tr>
			</thead>
			<tbody>
				{RETENTION.map((row) => (
					<tr data-retention={row.key}>
						<th scope="row">
							{row.data[locale]}
							<br />
							<span class="small muted">{row.purpose[locale]}</span>
						</th>
						<td>{row.kept[locale]}</td>
					</tr>
				))}
			</tbody>
		</table>
	);
}

/** `/terms`: the terms of service. */
export function TermsPage({ viewer, figures }: { viewer: Viewer | null; figures: TermsFigures }) {
	const { t, locale, date } = useI18n();
	return (
		<Layout title={t("feed:legal.termsTitle")} description={t("feed:legal.termsDescription")} viewer={viewer} narrow>
			<article class="legal">
				<h1>{t("feed:legal.termsTitle")}</h1>
				<p class="small muted">{t("feed:legal.updated", { date: date(`${LEGAL_UPDATED}T00:00:00Z`) })}</p>
				<TermsText locale={locale} figures={figures} />
				<p>
					{t("feed:legal.otherPage")}: <a href="/privacy">{t("feed:legal.privacyTitle")}</a>
				</p>
			</article>
		</Layout>
	);
}

/** `/privacy`: the privacy policy, with how long each kind of data is kept. */
export function PrivacyPage({ viewer }: { viewer: Viewer | null }) {
	const { t, locale, date } = useI18n();
	return (
		<Layout title={t("feed:legal.privacyTitle")} description={t("feed:legal.privacyDescription")} viewer={viewer} narrow>
			<article class="legal">
				<h1>{t("feed:legal.privacyTitle")}</h1>
				<p class="small muted">{t("feed:legal.updated", { date: date(`${LEGAL_UPDATED}T00:00:00Z`) })}</p>
				<PrivacyText locale={locale} />
				<h2 id="retention">{t("feed:legal.retentionHeading")}</h2>
				<RetentionTable />
				<p>
					{t("feed:legal.otherPage")}: <a href="/terms">{t("feed:legal.termsTitle")}</a>
				</p>
			</article>
		</Layout>
	);
}
