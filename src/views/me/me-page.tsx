import type { PublicProfile } from "../../accounts/profile";
import type { Viewer } from "../../accounts/viewer";
import type { EarningsOverview } from "../../earnings/report";
import type { GenerationView } from "../../generation/queries";
import { useI18n } from "../../i18n/context";
import type { StyleStatus } from "../../shared/styles";
import { EarningsPanel, type PayoutNotice } from "../earnings/earnings-panel";
import { Layout } from "../layout";
import { ProfileHead } from "../profile/profile-head";
import { GenerationCard, jobStatusLabels } from "./generation-card";

/** The sections of "my page", one per `?tab=`: styles and earnings for artists only. */
export const ME_TABS = ["images", "likes", "styles", "earnings"] as const;
export type MeTab = (typeof ME_TABS)[number];

/** One of an artist's styles, as "my page" lists it. */
export type MyStyle = { id: string; slug: string; title: string; status: StyleStatus; price_credits: number; generation_count: number };

/** What the chosen tab shows. */
export type MeTabContent =
	| { tab: "images"; generations: GenerationView[]; nextPage: string | null; progressToken: string }
	| { tab: "likes"; generations: GenerationView[]; nextPage: string | null }
	| { tab: "styles"; styles: MyStyle[] }
	| { tab: "earnings"; report: EarningsOverview; notice?: PayoutNotice };

/** Props of {@link MePage}. */
export type MePageProps = {
	/** Who is looking, for the header (`c.var.viewer`). */
	viewer?: Viewer | null;
	profile: PublicProfile;
	/** Shown only to the user themself: "signed in as" and their sign-in name (never public). */
	email: string;
	name: string;
	balance: number;
	csrfToken: string;
	content: MeTabContent;
};

/** The badge tone of each style status; its words are `styles:me.styleStatus.<status>`. */
const STYLE_STATUS_TONE: Record<StyleStatus, string> = {
	pending: "neutral",
	training: "info",
	completed: "success",
	failed: "danger",
};

/** The tabs a user has: artists see their styles and earnings too. */
export function tabsFor(role: PublicProfile["role"]): readonly MeTab[] {
	return role === "artist" ? ME_TABS : ["images", "likes"];
}

/**
 * "My page": who I am (with a link to edit the profile), the credit balance and tabs as plain
 * links (`?tab=`), so it works without JavaScript: my images (live progress, a public/private
 * switch on each), the images I liked, and for artists my styles and earnings.
 */
export function MePage({ viewer, profile, email, name, balance, csrfToken, content }: MePageProps) {
	const { t, number } = useI18n();
	const pending = content.tab === "images" && content.generations.some((g) => g.status === "queued" || g.status === "processing");
	return (
		<Layout title={t("profile:me.title")} viewer={viewer} noindex>
			<p class="eyebrow">
				{t("styles:me.signedInAs", { email })} · {t("styles:me.hello", { name })}
			</p>
			<div class="me-head">
				<ProfileHead
					profile={profile}
					actions={
						<>
							<a class="button button-secondary button-sm" href="/me/profile">
								{t("profile:editProfile")}
							</a>{" "}
							<a class="small" href={`/users/${profile.id}`}>
								{t("profile:me.viewProfile")}
							</a>
						</>
					}
				/>
				<a class="balance-card card" href="/credits">
					<span class="small muted">{t("styles:me.balance")}</span>
					<strong class="balance-amount" data-balance>
						{number(balance)}
					</strong>
					<span class="small">{t("styles:me.buyCredits")}</span>
				</a>
			</div>

			<nav class="me-tabs" aria-label={t("profile:me.tabsLabel")}>
				{tabsFor(profile.role).map((tab) => (
					<a class={`me-tab${tab === content.tab ? " me-tab-current" : ""}`} href={`/me?tab=${tab}`} aria-current={tab === content.tab ? "page" : undefined}>
						{t(`profile:me.tabs.${tab}`)}
					</a>
				))}
			</nav>

			{content.tab === "images" ? (
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
					{content.generations.length > 0 ? (
						<ul class="generation-grid" data-progress-token={content.progressToken} data-status-labels={jobStatusLabels(t)}>
							{content.generations.map((generation) => (
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
					{content.nextPage ? (
						<p class="center">
							<a class="button button-secondary" href={content.nextPage}>
								{t("styles:me.older")}
							</a>
						</p>
					) : null}
				</section>
			) : null}

			{content.tab === "likes" ? (
				<section class="me-section" aria-labelledby="my-likes-title">
					<h2 id="my-likes-title" class="section-title">
						{t("profile:me.tabs.likes")}
					</h2>
					{content.generations.length > 0 ? (
						<ul class="generation-grid">
							{content.generations.map((generation) => (
								<GenerationCard generation={generation} />
							))}
						</ul>
					) : (
						<p class="muted">
							{t("profile:me.noLikes")} <a href="/feed">{t("profile:me.browseFeed")}</a>
						</p>
					)}
					{content.nextPage ? (
						<p class="center">
							<a class="button button-secondary" href={content.nextPage}>
								{t("profile:more")}
							</a>
						</p>
					) : null}
				</section>
			) : null}

			{content.tab === "styles" ? (
				<section class="me-section" aria-labelledby="my-styles-title">
					<div class="section-head">
						<h2 id="my-styles-title" class="section-title">
							{t("styles:me.myStyles")}
						</h2>
						<a class="button button-secondary button-sm" href="/studio">
							{t("styles:me.openStudio")}
						</a>
					</div>
					{content.styles.length > 0 ? (
						<ul class="my-styles">
							{content.styles.map((style) => (
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

			{content.tab === "earnings" ? <EarningsPanel report={content.report} csrfToken={csrfToken} notice={content.notice} /> : null}

			{pending ? <script src="/js/job-progress.js" defer /> : null}
			{pending ? <script src="/js/me.js" defer /> : null}
		</Layout>
	);
}
