import { useI18n } from "../../i18n/context";
import { STYLE_PACK_MAX_IMAGES, STYLE_PACK_MIN_IMAGES, type StylePackLicense } from "../../shared/style-packs";
import type { PackableGeneration } from "../../style-packs/list";

/** What the artist typed, refilled after an error. */
export type PackFormValues = {
	title?: string;
	description?: string;
	price?: string;
	license?: StylePackLicense;
	generation_ids?: string[];
};

/** Props of {@link PackForm}. */
export type PackFormProps = {
	styleId: string;
	/** The session's CSRF token (`c.var.userSession.csrfToken`). */
	csrfToken: string;
	/** The artist's completed generations in this style (`packableGenerations`). */
	generations: PackableGeneration[];
	/** Where a generation's image is shown; without it the form lists prompts only. */
	imageUrl?: (generationId: string) => string;
	error?: string;
	values?: PackFormValues;
};

/**
 * "Publish a style pack": pick generations, name and price the pack, choose the licence. A plain
 * form posting to `POST /studio/styles/:id/packs`, so it works without JavaScript; include it
 * in any studio page of the style.
 */
export function PackForm({ styleId, csrfToken, generations, imageUrl, error, values = {} }: PackFormProps) {
	const chosen = new Set(values.generation_ids ?? []);
	const license = values.license ?? "personal";
	const enough = generations.length >= STYLE_PACK_MIN_IMAGES;
	const { t } = useI18n();
	return (
		<section class="card pack-form-card" aria-labelledby="pack-form-title">
			<h2 id="pack-form-title" class="card-title">
				{t("styles:packs.form.title")}
			</h2>
			<p class="muted small">{t("styles:packs.form.intro", { min: STYLE_PACK_MIN_IMAGES, max: STYLE_PACK_MAX_IMAGES })}</p>
			{error ? (
				<div class="alert alert-error" role="alert" id="pack-form-error">
					<strong>{t("styles:packs.form.notCreated")}</strong> {error}
				</div>
			) : null}
			{enough ? null : (
				<p class="alert" role="status">
					{t("styles:packs.form.notEnough", { count: generations.length, min: STYLE_PACK_MIN_IMAGES })}
				</p>
			)}
			<form method="post" action={`/studio/styles/${encodeURIComponent(styleId)}/packs`} class="pack-form">
				<input type="hidden" name="_csrf" value={csrfToken} />
				<fieldset class="pack-picker">
					<legend>{t("styles:packs.form.images")}</legend>
					<ul class="pack-picker-grid">
						{generations.map((generation) => (
							<li>
								<label class="pack-pick">
									<input type="checkbox" name="generation_ids" value={generation.id} checked={chosen.has(generation.id)} />
									{imageUrl ? <img src={imageUrl(generation.id)} alt="" loading="lazy" width={generation.width} height={generation.height} /> : null}
									<span class="pack-pick-caption">
										{generation.prompt}{" "}
										<span class="muted">
											({generation.width}×{generation.height})
										</span>
									</span>
								</label>
							</li>
						))}
					</ul>
				</fieldset>
				<div class="field">
					<label for="pack-title">{t("styles:packs.form.titleLabel")}</label>
					<input id="pack-title" name="title" type="text" required minlength={3} maxlength={120} value={values.title ?? ""} />
				</div>
				<div class="field">
					<label for="pack-description">{t("styles:packs.form.description")}</label>
					<textarea id="pack-description" name="description" maxlength={2000} rows={3}>
						{values.description ?? ""}
					</textarea>
				</div>
				<div class="field">
					<label for="pack-price">{t("styles:packs.form.price")}</label>
					<input
						id="pack-price"
						name="price"
						type="text"
						inputmode="decimal"
						required
						pattern="\d{1,6}(\.\d{1,2})?"
						placeholder="9.99"
						value={values.price ?? ""}
					/>
					<p class="field-hint">{t("styles:packs.form.priceHint")}</p>
				</div>
				<fieldset class="field">
					<legend>{t("styles:packs.form.licence")}</legend>
					<div class="field-check">
						<input id="pack-license-personal" type="radio" name="license" value="personal" checked={license === "personal"} />
						<label for="pack-license-personal">{t("styles:packs.form.personal")}</label>
					</div>
					<div class="field-check">
						<input id="pack-license-commercial" type="radio" name="license" value="commercial" checked={license === "commercial"} />
						<label for="pack-license-commercial">{t("styles:packs.form.commercial")}</label>
					</div>
				</fieldset>
				<button type="submit" class="button button-primary" disabled={!enough}>
					{t("styles:packs.form.submit")}
				</button>
			</form>
		</section>
	);
}
