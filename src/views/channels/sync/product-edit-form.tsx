import { useI18n } from "../../../i18n/context";
import { majorAmountText } from "../../../lib/money";
import { Card, CsrfField } from "../../admin/parts";

/** What the edit form shows of the product: its price and its primary language's words. */
export type EditableProduct = { id: string; title: string; description: string; priceCents: number; currency: string };

/**
 * "What the shops show": the product's price (in its currency's major unit) and words, edited in
 * place; saving tells every shop that carries it (PATCH /api/products/:id does the same).
 */
export function ProductEditForm({ product, csrfToken, error }: { product: EditableProduct; csrfToken: string; error?: string }) {
	const { t } = useI18n();
	const currency = product.currency.toUpperCase();
	return (
		<Card title={t("channels:sync.edit.title")} id="edit-product">
			<form method="post" action={`/admin/products/${encodeURIComponent(product.id)}/channels/details`} class="filters">
				<CsrfField token={csrfToken} />
				<div class="field">
					<label for="edit-price">{t("channels:sync.edit.price", { currency })}</label>
					<input
						id="edit-price"
						name="price"
						type="text"
						inputmode="decimal"
						required
						size={10}
						value={majorAmountText(product.priceCents, product.currency)}
					/>
				</div>
				<div class="field field-grow">
					<label for="edit-title">{t("channels:sync.edit.productTitle")}</label>
					<input id="edit-title" name="title" type="text" required maxlength={200} value={product.title} />
				</div>
				<div class="field field-grow">
					<label for="edit-description">{t("channels:sync.edit.description")}</label>
					<textarea id="edit-description" name="description" rows={3} maxlength={5000}>
						{product.description}
					</textarea>
				</div>
				<div class="filters-actions">
					<button class="btn btn-primary" type="submit">
						{t("channels:sync.edit.save")}
					</button>
				</div>
			</form>
			{error ? (
				<p class="form-error" role="alert">
					{error}
				</p>
			) : null}
		</Card>
	);
}
