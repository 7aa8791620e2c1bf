import type { Child } from "hono/jsx";
import { useI18n } from "../../i18n/context";
import { TERMINAL_STATUSES, useProductStatusLabels } from "./status-badge";

/**
 * The container public/js/admin-live.js looks for. It hands the script the status labels, the
 * terminal states and its other words in the reader's language (the script cannot read the
 * catalogues), so the badge texts live in one place (status-badge.tsx). Inside it, each
 * element with `data-product-id` and `data-status` is one product to keep current.
 */
export function LiveRoot({ mode = "list", children }: { mode?: "list" | "detail"; children?: Child }) {
	const { t } = useI18n();
	return (
		<div
			data-live-products={mode}
			data-status-labels={JSON.stringify(useProductStatusLabels())}
			data-terminal={JSON.stringify(TERMINAL_STATUSES)}
			data-just-now={t("admin:live.justNow")}
			data-stopped-at={t("admin:live.stoppedAt", { stage: "{stage}" })}
			data-signed-out={t("admin:live.signedOut")}
			data-paused={t("admin:live.paused")}
		>
			{children}
		</div>
	);
}
