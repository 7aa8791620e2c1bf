import type { Viewer } from "../../../accounts/viewer";
import { useI18n } from "../../../i18n/context";
import { BrandTone } from "../../../shared/video";
import { BRAND_FONTS, type BrandView } from "../../../video/brands/brands";
import { Layout } from "../../layout";
import { VideoNav } from "../nav";
import { Csrf, DeleteForm, type LibraryNotice, LibraryNoticeLine } from "./notice";

export type BrandsPageProps = { viewer?: Viewer | null; csrfToken: string; brands: BrandView[]; notice: LibraryNotice };

/** The brand form's fields, filled from `brand` when editing (the names are the page route's, flat). */
function BrandFields({ brand, idPrefix }: { brand?: BrandView; idPrefix: string }) {
	const { t } = useI18n();
	const id = (name: string) => `${idPrefix}-${name}`;
	return (
		<>
			<label for={id("name")}>{t("video:library.brands.name")}</label>
			<input id={id("name")} name="name" required maxlength={60} value={brand?.name ?? ""} />
			<label for={id("tone")}>{t("video:library.brands.tone")}</label>
			<select id={id("tone")} name="tone">
				{BrandTone.options.map((tone) => (
					<option value={tone} selected={brand?.tone === tone}>
						{t(`video:library.brands.tones.${tone}`)}
					</option>
				))}
			</select>
			<div class="library-colours">
				<label>
					{t("video:library.brands.primaryColor")}
					<input type="color" name="primary_color" value={brand?.primary_color ?? "#1f6feb"} />
				</label>
				<label>
					{t("video:library.brands.accentColor")}
					<input type="color" name="accent_color" value={brand?.accent_color ?? "#ffcc00"} />
				</label>
				<label>
					{t("video:library.brands.textColor")}
					<input type="color" name="text_color" value={brand?.text_color ?? "#ffffff"} />
				</label>
			</div>
			<label for={id("font")}>{t("video:library.brands.font")}</label>
			<select id={id("font")} name="font">
				{BRAND_FONTS.map((font) => (
					<option value={font} selected={brand?.font === font}>
						{font}
					</option>
				))}
			</select>
			<label for={id("voice_language")}>{t("video:library.brands.voiceLanguage")}</label>
			<select id={id("voice_language")} name="voice_language">
				{(["ko", "en"] as const).map((language) => (
					<option value={language} selected={brand?.voice.language === language}>
						{t(`video:library.brands.languages.${language}`)}
					</option>
				))}
			</select>
			<label for={id("voice")}>{t("video:library.brands.voice")}</label>
			<select id={id("voice")} name="voice">
				{(["default", "female", "male"] as const).map((voice) => (
					<option value={voice === "default" ? "" : voice} selected={(brand?.voice.voice ?? "") === (voice === "default" ? "" : voice)}>
						{t(`video:library.brands.voices.${voice}`)}
					</option>
				))}
			</select>
			<label for={id("voice_speed")}>{t("video:library.brands.voiceSpeed")}</label>
			<input id={id("voice_speed")} name="voice_speed" type="number" min={0.5} max={2} step={0.1} value={String(brand?.voice.speed ?? 1)} />
			<label for={id("target_audience")}>{t("video:library.brands.targetAudience")}</label>
			<input id={id("target_audience")} name="target_audience" maxlength={200} value={brand?.target_audience ?? ""} />
			<label for={id("avoid_phrases")}>{t("video:library.brands.avoidPhrases")}</label>
			<textarea id={id("avoid_phrases")} name="avoid_phrases" rows={3}>
				{(brand?.avoid_phrases ?? []).join("\n")}
			</textarea>
		</>
	);
}

/** `/video/brands`: the user's brand profiles, each editable and deletable, and a form for a new one. No JavaScript needed. */
export function BrandsPage({ viewer, csrfToken, brands, notice }: BrandsPageProps) {
	const { t } = useI18n();
	return (
		<Layout title={t("video:library.brands.title")} viewer={viewer} noindex>
			<VideoNav current="brands" />
			<h1>{t("video:library.brands.title")}</h1>
			<p class="muted">{t("video:library.brands.intro")}</p>
			<LibraryNoticeLine notice={notice} />
			{brands.length === 0 ? <p class="empty">{t("video:library.brands.empty")}</p> : null}
			<ul class="library-list">
				{brands.map((brand) => (
					<li class="library-card" data-brand-id={brand.id}>
						<h2>
							<span class="library-swatch" style={`background:${brand.primary_color}`} aria-hidden="true" />
							{brand.name}
						</h2>
						<p class="muted small">
							{t("video:library.brands.summary", {
								tone: t(`video:library.brands.tones.${brand.tone}`),
								font: brand.font,
								language: t(`video:library.brands.languages.${brand.voice.language}`),
								speed: brand.voice.speed,
							})}
						</p>
						<details>
							<summary>{t("video:library.edit")}</summary>
							<form method="post" action={`/video/brands/${brand.id}`} class="stack">
								<Csrf token={csrfToken} />
								<BrandFields brand={brand} idPrefix={brand.id} />
								<button type="submit">{t("video:library.save")}</button>
							</form>
						</details>
						<DeleteForm action={`/video/brands/${brand.id}/delete`} csrfToken={csrfToken} />
					</li>
				))}
			</ul>
			<section aria-labelledby="brand-new-title">
				<h2 id="brand-new-title">{t("video:library.brands.create")}</h2>
				<form method="post" action="/video/brands" class="stack">
					<Csrf token={csrfToken} />
					<BrandFields idPrefix="new" />
					<button type="submit">{t("video:library.save")}</button>
				</form>
			</section>
		</Layout>
	);
}
