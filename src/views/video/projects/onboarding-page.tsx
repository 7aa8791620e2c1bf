import type { Viewer } from "../../../accounts/viewer";
import { useI18n } from "../../../i18n/context";
import { BrandTone } from "../../../shared/video";
import { Layout } from "../../layout";
import { VideoNav } from "../nav";
import type { Choice } from "./list-page";
import { FormFeedback, type MediaTools, MediaToolsNotice, templateDescription, templateName } from "./parts";

/** A template as the chooser shows it. */
export type TemplateChoice = { id: string; name: string; description: string; sceneCount: number };

/** Props of {@link OnboardingPage}. */
export type OnboardingPageProps = {
	viewer?: Viewer | null;
	csrfToken: string;
	/** The step shown: the brand, the template, the first video. */
	step: "brand" | "template" | "video";
	brands: Choice[];
	templates: TemplateChoice[];
	/** The brand chosen in step 1 (null: none), and the template of step 2. */
	brand: Choice | null;
	template: TemplateChoice | null;
	mediaTools: MediaTools | null;
	error?: string | null;
	values?: Record<string, string>;
};

const STEPS = ["brand", "template", "video"] as const;

function startUrl(brand: string | null, template?: string): string {
	const query = new URLSearchParams();
	query.set("brand", brand ?? "none");
	if (template) query.set("template", template);
	return `/video/start?${query.toString()}`;
}

function BrandStep({ csrfToken, brands, values = {} }: Pick<OnboardingPageProps, "csrfToken" | "brands" | "values">) {
	const { t } = useI18n();
	return (
		<section class="card video-onboarding-step" data-onboarding-step="brand">
			<h2 class="card-title">{t("video:onboarding.brand.heading")}</h2>
			<p class="muted">{t("video:onboarding.brand.body")}</p>
			<form method="post" action="/video/start/brand" class="form-stack">
				<input type="hidden" name="_csrf" value={csrfToken} />
				<div class="field">
					<label for="brand-name">{t("video:onboarding.brand.name")}</label>
					<input id="brand-name" name="name" required maxlength={60} value={values.name ?? ""} />
				</div>
				<div class="field">
					<label for="brand-tone">{t("video:onboarding.brand.tone")}</label>
					<select id="brand-tone" name="tone">
						{BrandTone.options.map((tone) => (
							<option value={tone} selected={(values.tone ?? "professional") === tone}>
								{t(`video:onboarding.brand.tones.${tone}`)}
							</option>
						))}
					</select>
				</div>
				<div class="field">
					<label for="brand-text-color">{t("video:onboarding.brand.textColor")}</label>
					<input id="brand-text-color" name="text_color" type="color" value={values.text_color ?? "#ffffff"} />
				</div>
				<div class="field">
					<label for="brand-accent-color">{t("video:onboarding.brand.accentColor")}</label>
					<input id="brand-accent-color" name="accent_color" type="color" value={values.accent_color ?? "#ffcc00"} />
				</div>
				<div class="field">
					<label for="brand-audience">{t("video:onboarding.brand.audience")}</label>
					<input id="brand-audience" name="target_audience" maxlength={200} value={values.target_audience ?? ""} />
				</div>
				<button type="submit" class="button button-primary">
					{t("video:onboarding.brand.create")}
				</button>
			</form>
			{brands.length > 0 ? (
				<>
					<p>{t("video:onboarding.brand.existing")}</p>
					<ul class="video-choice-list">
						{brands.map((brand) => (
							<li>
								{brand.name}{" "}
								<a class="button button-secondary button-sm" href={startUrl(brand.id)} data-use-brand={brand.id}>
									{t("video:onboarding.brand.use")}
								</a>
							</li>
						))}
					</ul>
				</>
			) : null}
			<p>
				<a href={startUrl(null)} data-skip-brand>
					{t("video:onboarding.brand.skip")}
				</a>
			</p>
		</section>
	);
}

function TemplateStep({ templates, brand }: Pick<OnboardingPageProps, "templates" | "brand">) {
	const { t } = useI18n();
	return (
		<section class="card video-onboarding-step" data-onboarding-step="template">
			<h2 class="card-title">{t("video:onboarding.template.heading")}</h2>
			<p class="muted">{t("video:onboarding.template.body")}</p>
			<ul class="video-template-choices">
				{templates.map((template) => (
					<li class="card" data-template={template.id}>
						<h3>{templateName(t, template)}</h3>
						<p class="small">{templateDescription(t, template)}</p>
						<p class="small muted">{t("video:onboarding.template.scenes", { count: template.sceneCount })}</p>
						<a class="button button-primary button-sm" href={startUrl(brand?.id ?? null, template.id)}>
							{t("video:onboarding.template.choose")}
						</a>
					</li>
				))}
			</ul>
		</section>
	);
}

function VideoStep({ csrfToken, brand, template, values = {} }: Pick<OnboardingPageProps, "csrfToken" | "brand" | "template" | "values">) {
	const { t } = useI18n();
	return (
		<section class="card video-onboarding-step" data-onboarding-step="video">
			<h2 class="card-title">{t("video:onboarding.video.heading")}</h2>
			<p class="muted">{t("video:onboarding.video.body")}</p>
			<dl class="summary-list">
				<dt>{t("video:onboarding.video.brand")}</dt>
				<dd>
					{brand ? brand.name : t("video:onboarding.video.noBrand")} <a href="/video/start">{t("video:onboarding.video.change")}</a>
				</dd>
				<dt>{t("video:onboarding.video.template")}</dt>
				<dd>
					{template ? templateName(t, template) : ""} <a href={startUrl(brand?.id ?? null)}>{t("video:onboarding.video.change")}</a>
				</dd>
			</dl>
			<form method="post" action="/video/start/video" class="form-stack">
				<input type="hidden" name="_csrf" value={csrfToken} />
				<input type="hidden" name="brand_profile_id" value={brand?.id ?? ""} />
				<input type="hidden" name="template_id" value={template?.id ?? ""} />
				<div class="field">
					<label for="start-keyword">{t("video:onboarding.video.keyword")}</label>
					<input id="start-keyword" name="keyword" required maxlength={200} value={values.keyword ?? ""} />
				</div>
				<div class="field">
					<label for="start-duration">{t("video:projects.form.duration")}</label>
					<select id="start-duration" name="duration_s">
						{[15, 30, 45, 60].map((seconds) => (
							<option value={String(seconds)} selected={(values.duration_s ?? "30") === String(seconds)}>
								{t("video:projects.seconds", { count: seconds })}
							</option>
						))}
					</select>
				</div>
				<div class="field">
					<label for="start-title">{t("video:onboarding.video.title")}</label>
					<input id="start-title" name="title" maxlength={120} value={values.title ?? ""} />
				</div>
				<button type="submit" class="button button-primary button-lg">
					{t("video:onboarding.video.submit")}
				</button>
			</form>
		</section>
	);
}

/**
 * `/video/start`: the guided start in three steps, each a plain page: create a brand profile (or
 * use one, or go without), choose a template, give a keyword; the last step creates the project
 * and starts the whole pipeline, then opens the project page with its live progress.
 */
export function OnboardingPage(props: OnboardingPageProps) {
	const { t } = useI18n();
	const current = STEPS.indexOf(props.step);
	return (
		<Layout title={t("video:onboarding.title")} viewer={props.viewer} noindex>
			<VideoNav current="start" />
			<div class="section-head">
				<h1>{t("video:onboarding.title")}</h1>
				<p class="lead">{t("video:onboarding.intro")}</p>
			</div>
			<ol class="video-steps" aria-label={t("video:onboarding.steps.label")}>
				{STEPS.map((step, index) => (
					<li aria-current={index === current ? "step" : undefined} class={index < current ? "is-done" : undefined}>
						{t(`video:onboarding.steps.${step}`)}
					</li>
				))}
			</ol>
			<MediaToolsNotice tools={props.mediaTools} />
			<FormFeedback error={props.error} />
			{props.step === "brand" ? <BrandStep csrfToken={props.csrfToken} brands={props.brands} values={props.values} /> : null}
			{props.step === "template" ? <TemplateStep templates={props.templates} brand={props.brand} /> : null}
			{props.step === "video" ? <VideoStep csrfToken={props.csrfToken} brand={props.brand} template={props.template} values={props.values} /> : null}
		</Layout>
	);
}
