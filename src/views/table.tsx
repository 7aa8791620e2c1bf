import type { Child } from "hono/jsx";
import { useI18n } from "../i18n/context";

/** Attributes a body cell or row may carry: classes, a tooltip, and `data-*` for stylesheets and scripts. */
/** Attributes of a cell; `lang` marks data written in another language than the page (QA details). */
export type CellProps = { class?: string; title?: string; lang?: string } & { [name: `data-${string}`]: string };

/** One column of a {@link DataTable}. */
export type Column<Row> = {
	/** The heading: a label, or a visually hidden one for a column of buttons. */
	header: Child;
	/** Classes of the heading and of every cell below it, e.g. `num` to right-align figures. */
	class?: string;
	/** The cell names its row: `<th scope="row">`, so screen readers read it with every other cell. */
	rowHeader?: boolean;
	/** What a row shows in this column. */
	cell: (row: Row) => Child;
	/**
	 * Attributes of the body cells only: classes added to `class` (`nowrap`, `stack-full`), a `title`,
	 * `data-label` (the stacked table's label on a phone), `data-live` (what admin-live.js updates).
	 * A function where they depend on the row.
	 */
	cellProps?: CellProps | ((row: Row) => CellProps);
};

/** Props of {@link DataTable}. */
export type DataTableProps<Row> = {
	columns: Column<Row>[];
	rows: readonly Row[];
	/** Classes of the `<table>`: `table table-compact`, `table-stack` in the dashboard, `ledger-table` in the storefront. */
	class: string;
	/**
	 * Names the region the table scrolls sideways in on a narrow screen. Without it the table stands
	 * alone (a visually hidden table needs no scrolling).
	 */
	label?: string;
	caption?: Child;
	captionClass?: string;
	/** Shown instead of the table when there are no rows; without it an empty table renders. */
	empty?: Child;
	/** The cells of a closing row (totals), in a `<tfoot>`. */
	footer?: Child;
	/** Attributes of a row's `<tr>`: `data-*` for scripts, `row-fail` for a failed check. */
	rowProps?: (row: Row) => CellProps;
};

function classes(...names: (string | undefined)[]): string | undefined {
	const text = names.filter(Boolean).join(" ");
	return text || undefined;
}

/**
 * A table of rows under column headings, in the markup every table of the site shares. The
 * scroll wrapper is a focusable, labelled region (a named `<section>`), so keyboard users can
 * scroll it too (WCAG 2.1.1). No `style` attributes: the pages run under a strict CSP.
 */
export function DataTable<Row>({ columns, rows, class: tableClass, label, caption, captionClass, empty, footer, rowProps }: DataTableProps<Row>) {
	if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
	const table = (
		<table class={tableClass}>
			{caption === undefined ? null : <caption class={captionClass}>{caption}</caption>}
			<thead>
				<tr>
					{columns.map((column) => (
						<th scope="col" class={column.class}>
							{column.header}
						</th>
					))}
				</tr>
			</thead>
			<tbody>
				{rows.map((row) => (
					<tr {...rowProps?.(row)}>
						{columns.map((column) => {
							const { class: cellClass, ...attributes } = typeof column.cellProps === "function" ? column.cellProps(row) : (column.cellProps ?? {});
							const props = { class: classes(column.class, cellClass), ...attributes };
							return column.rowHeader ? (
								<th scope="row" {...props}>
									{column.cell(row)}
								</th>
							) : (
								<td {...props}>{column.cell(row)}</td>
							);
						})}
					</tr>
				))}
			</tbody>
			{footer === undefined ? null : (
				<tfoot>
					<tr>{footer}</tr>
				</tfoot>
			)}
		</table>
	);
	if (label === undefined) return table;
	return (
		<section class="table-wrap" aria-label={label} tabindex={0}>
			{table}
		</section>
	);
}

/** A query string from the non-empty values, e.g. `{status: "PAID", cursor: undefined}` → `"?status=PAID"`. */
export function queryString(values: Record<string, string | undefined | null>): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
	const text = params.toString();
	return text ? `?${text}` : "";
}

/** Props of {@link Pager}. */
export type PagerProps = {
	/** The list's path, e.g. `/admin/products`. */
	path: string;
	/** The filters in force; both links keep them. */
	filters?: Record<string, string | undefined>;
	/** The cursor of the page shown; none on the first page. */
	cursor?: string;
	/** The cursor of the next page; null on the last one. */
	nextCursor: string | null;
};

/**
 * Cursor pagination, in the reader's language: "Newer" back to the first page, "Older" to the next one, both with the
 * current filters. Nothing when everything fits on one page. Styled by the dashboard's stylesheet.
 */
export function Pager({ path, filters = {}, cursor, nextCursor }: PagerProps) {
	const { t } = useI18n();
	if (!cursor && !nextCursor) return null;
	return (
		<nav class="pager" aria-label={t("pager.label")}>
			{cursor ? (
				<a class="btn btn-secondary btn-sm" href={`${path}${queryString(filters)}`}>
					<span aria-hidden="true">«</span> {t("pager.newer")}
				</a>
			) : (
				<span />
			)}
			{nextCursor ? (
				<a class="btn btn-secondary btn-sm" href={`${path}${queryString({ ...filters, cursor: nextCursor })}`} rel="next">
					{t("pager.older")} <span aria-hidden="true">›</span>
				</a>
			) : null}
		</nav>
	);
}
