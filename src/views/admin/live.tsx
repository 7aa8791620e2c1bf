import type { Child } from "hono/jsx";
import { PRODUCT_STATUS_LABELS, TERMINAL_STATUSES } from "./status-badge";

/**
 * The container public/js/admin-live.js looks for. It hands the script the status labels and
 * the terminal states, so the badge texts live in one place (status-badge.tsx). Inside it, each
 * element with `data-product-id` and `data-status` is one product to keep current.
 */
export function LiveRoot({ mode = "list", children }: { mode?: "list" | "detail"; children?: Child }) {
	return (
		<div data-live-products={mode} data-status-labels={JSON.stringify(PRODUCT_STATUS_LABELS)} data-terminal={JSON.stringify(TERMINAL_STATUSES)}>
			{children}
		</div>
	);
}
