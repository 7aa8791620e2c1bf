import type { Viewer } from "../../accounts/viewer";
import type { GenerationView } from "../../generation/queries";
import { plural } from "../../lib/format";
import type { StyleStatus } from "../../shared/styles";
import { Layout } from "../layout";
import { GenerationCard, JOB_STATUS_LABELS } from "./generation-card";

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

const STYLE_STATUS_LABEL: Record<StyleStatus, { label: string; tone: string }> = {
	pending: { label: "Draft", tone: "neutral" },
	training: { label: "Training…", tone: "info" },
	completed: { label: "Trained", tone: "success" },
	failed: { label: "Training failed", tone: "danger" },
};

/**
 * "My page": the credit balance, the user's generations (live progress for the ones still in
 * the works, a public/private switch on each) and, for artists, their styles.
 */
export function MePage({ user, balance, generations, nextPage, styles, csrfToken, progressToken, viewer }: MePageProps) {
	const pending = generations.some((g) => g.status === "queued" || g.status === "processing");
	return (
		<Layout title="My page" viewer={viewer} noindex>
			<header class="me-head">
				<div>
					<p class="eyebrow">Signed in as {user.email}</p>
					<h1>Hello, {user.name}</h1>
				</div>
				<a class="balance-card card" href="/credits">
					<span class="small muted">Credit balance</span>
					<strong class="balance-amount" data-balance>
						{balance}
					</strong>
					<span class="small">Buy credits →</span>
				</a>
			</header>

			{user.role === "artist" ? (
				<section class="me-section" aria-labelledby="my-styles-title">
					<div class="section-head">
						<h2 id="my-styles-title" class="section-title">
							My styles
						</h2>
						<a class="button button-secondary button-sm" href="/studio">
							Open the studio
						</a>
					</div>
					{styles.length > 0 ? (
						<ul class="my-styles">
							{styles.map((style) => (
								<li class="card my-style">
									<a href={`/studio/styles/${style.id}`}>{style.title}</a>
									<span class={`badge badge-${STYLE_STATUS_LABEL[style.status].tone}`}>{STYLE_STATUS_LABEL[style.status].label}</span>
									<span class="small muted">
										{style.price_credits} credits per image · {plural(style.generation_count, "generation")}
									</span>
								</li>
							))}
						</ul>
					) : (
						<p class="notice">
							You have no style yet. <a href="/studio">Create your style</a> in the studio.
						</p>
					)}
				</section>
			) : null}

			<section class="me-section" aria-labelledby="my-generations-title">
				<div class="section-head">
					<h2 id="my-generations-title" class="section-title">
						My generations
					</h2>
					{pending ? (
						<a class="small" href="/me">
							Refresh
						</a>
					) : null}
				</div>
				{generations.length > 0 ? (
					<ul class="generation-grid" data-progress-token={progressToken} data-status-labels={JOB_STATUS_LABELS}>
						{generations.map((generation) => (
							<GenerationCard generation={generation} owner={{ csrfToken, returnTo: "/me" }} />
						))}
					</ul>
				) : (
					<div class="empty-state">
						<p class="muted">
							No images yet. Pick a style in the <a href="/styles">style marketplace</a> and generate your first one.
						</p>
					</div>
				)}
				{nextPage ? (
					<p class="center">
						<a class="button button-secondary" href={nextPage}>
							Older generations
						</a>
					</p>
				) : null}
			</section>
			{pending ? <script src="/js/job-progress.js" defer /> : null}
			{pending ? <script src="/js/me.js" defer /> : null}
		</Layout>
	);
}
