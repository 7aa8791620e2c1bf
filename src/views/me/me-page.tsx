import type { Viewer } from "../../accounts/viewer";
import type { GenerationView } from "../../generation/queries";
import { useI18n } from "../../i18n/context";
import type { StyleStatus } from "../../shared/styles";
import { Layout } from "../layout";
import { GenerationCard, jobStatusLabels } from "./generation-card";

/** One of an artist's styles, as "my page" lists it. */
export type MyStyle = { id: string; slug: string; title: string; status: StyleStatus; price_credits: number; generation_count: number };

/** Props of {@link MePage}. */
export type MePageProps = {
	/** Who is looking, for the header (`c.var.viewer`). */
	viewer?: Viewer | null;
	user: { name: string; email: string; role: "user" | "artist" };
	balance: number;
	generations: GenerationView[];
	/** Where the next page of generations is, if any. */
	nextPage: string | null;
	/** The artist's styles; empty for users who are not artists. */
	styles: MyStyle[];
	csrfToken: string;
	/** Lets public/js/job-progress.js follow this user's GPU jobs; minted per page load. */
	progressToken: string;
};

/** The badge tone of each style status; its words are `styles:me.styleStatus.<status>`. */
const STYLE_STATUS_TONE: Record<StyleStatus, string> = {
	pending: "neutral",
	training: "info",
	completed: "success",
	failed: "danger",
};

/**
 * "My page": the credit balance, the user's generations (live progress for the ones still in
 * the works, a public/private switch on each) and, for artists, their styles.
 */
export function MePage({ user, balance, generations, nextPage, styles, csrfToken, progressToken, viewer }: MePageProps) {
	const pending = generations.some((g) => g.status === "queued" || g.status === "processing");
	const { t, number } = useI18n();
	return (
		<Layout title={t("nav.myPage")} viewer={viewer} noindex>
			<header class="me-head">
				<div>
					<p class="eyebrow">{t("styles:me.signedInAs", { email: user.email })}</p>
					<h1>{t("styles:me.hello", { name: user.name })}</h1>
				</div>
				<a class="balance-card card" href="/credits">
					<span class="small muted">{t("styles:me.balance")}</span>
					<strong class="balance-amount" data-balance>
						{number(balance)}
					</strong>
					<span class="small">{t("styles:me.buyCredits")}</span>
				</a>
			</header>

			{user.role === "artist" ? (
				<section class="me-section" aria-labelledby="my-styles-title">
					<div class="section-head">
						<h2 id="my-styles-title" class="section-title">
							{t("styles:me.myStyles")}
						</h2>
						<a class="button button-secondary button-sm" href="/studio">
							{t("styles:me.openStudio")}
						</a>
					</div>
					{styles.length > 0 ? (
						<ul class="my-styles">
							{styles.map((style) => (
								<li class="card my-style">
									<a href={`/studio/styles/${style.id}`}>{style.title}</a>
									<span class={`badge badge-${STYLE_STATUS_TONE[style.status]}`}>{t(`styles:me.styleStatus.${style.status}`)}</span>
									<span class="small muted">
										{t("styles:me.perImage", { count: style.price_credits })} · {t("styles:me.generations", { count: style.generation_count })}
									</span>
								</li>
							))}
						</ul>
					) : (
						<p class="notice">
							{t("styles:me.noStyleBefore")}
							<a href="/studio">{t("styles:me.noStyleLink")}</a>
							{t("styles:me.noStyleAfter")}
						</p>
					)}
				</section>
			) : null}

			<section class="me-section" aria-labelledby="my-generations-title">
				<div class="section-head">
					<h2 id="my-generations-title" class="section-title">
						{t("styles:me.myGenerations")}
					</h2>
					{pending ? (
						<a class="small" href="/me">
							{t("styles:me.refresh")}
						</a>
					) : null}
				</div>
				{generations.length > 0 ? (
					<ul class="generation-grid" data-progress-token={progressToken} data-status-labels={jobStatusLabels(t)}>
						{generations.map((generation) => (
							<GenerationCard generation={generation} owner={{ csrfToken, returnTo: "/me" }} />
						))}
					</ul>
				) : (
					<div class="empty-state">
						<p class="muted">
							{t("styles:me.emptyBefore")}
							<a href="/styles">{t("styles:me.emptyLink")}</a>
							{t("styles:me.emptyAfter")}
						</p>
					</div>
				)}
				{nextPage ? (
					<p class="center">
						<a class="button button-secondary" href={nextPage}>
							{t("styles:me.older")}
						</a>
					</p>
				) : null}
			</section>
			{pending ? <script src="/js/job-progress.js" defer /> : null}
			{pending ? <script src="/js/me.js" defer /> : null}
		</Layout>
	);
}
