import { desc, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { products } from "../db/schema";

/** How many days the overview's charts cover. */
export const OVERVIEW_DAYS = 14;

/**
 * The dashboard's overview: products per status, sales and downloads per day, QA pass rates and
 * average scores, and the latest failures with their reasons.
 */
export async function adminOverview(db: Db, now: Date) {
	const since = new Date(now.getTime() - (OVERVIEW_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
	const [statusCounts, sales, downloads, qa, failures] = await Promise.all([
		db.all<{ status: string; n: number }>(sql`SELECT status, COUNT(*) AS n FROM products GROUP BY status`),
		db.all<{ day: string; orders: number; revenue_cents: number }>(
			sql`SELECT substr(paid_at, 1, 10) AS day, COUNT(*) AS orders, SUM(amount_cents) AS revenue_cents FROM orders WHERE paid_at IS NOT NULL AND substr(paid_at, 1, 10) >= ${since} GROUP BY day`,
		),
		db.all<{ day: string; downloads: number }>(
			sql`SELECT substr(created_at, 1, 10) AS day, COUNT(*) AS downloads FROM download_log WHERE action = 'redeem' AND outcome = 'allowed' AND order_id IS NOT NULL AND substr(created_at, 1, 10) >= ${since} GROUP BY day`,
		),
		db.all<{ stage: number; total: number; passed: number; avg_score: number | null }>(
			sql`SELECT stage, COUNT(*) AS total, SUM(passed) AS passed, AVG(score) AS avg_score FROM qa_reports GROUP BY stage`,
		),
		db.query.products.findMany({ where: isNotNull(products.failedStage), orderBy: desc(products.updatedAt), limit: 10 }),
	]);
	const days = Array.from({ length: OVERVIEW_DAYS }, (_, i) => new Date(now.getTime() - (OVERVIEW_DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10));
	const gate = (stage: number) => {
		const row = qa.find((r) => r.stage === stage);
		return {
			reports: row?.total ?? 0,
			passed: row?.passed ?? 0,
			pass_rate: row?.total ? Math.round((100 * row.passed) / row.total) : null,
			average_score: row?.avg_score === null || row?.avg_score === undefined ? null : Math.round(row.avg_score),
		};
	};
	return {
		status_counts: Object.fromEntries(statusCounts.map((row) => [row.status, row.n])),
		sales: days.map((day) => {
			const row = sales.find((r) => r.day === day);
			return { day, orders: row?.orders ?? 0, revenue_cents: row?.revenue_cents ?? 0 };
		}),
		downloads: days.map((day) => ({ day, downloads: downloads.find((r) => r.day === day)?.downloads ?? 0 })),
		qa: { qa1: gate(1), qa2: gate(2) },
		recent_failures: failures.map((product) => ({
			id: product.id,
			title: product.title,
			status: product.status,
			failed_stage: product.failedStage,
			last_error: product.lastError,
			updated_at: product.updatedAt,
		})),
	};
}
