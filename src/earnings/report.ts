import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { creditLedger, generations, styles, users } from "../db/schema";
import { type PayoutView, payoutsOf, payoutView } from "./payouts";

/** Days of earnings a report covers, today (Asia/Seoul) included. */
export const REPORT_DAYS = 30;

/**
 * Earnings are counted by the calendar day in Korea (Asia/Seoul, UTC+9 all year: no daylight
 * saving), where the artists are: SQLite's `date(created_at, '+9 hours')`.
 */
const SEOUL_DAY = (column: unknown) => sql<string>`date(${column}, '+9 hours')`;

/** The movements that make up what an artist earned: shares, and shares taken back when a generation was refunded. */
const EARNING_KINDS = ["earning", "earning_reversal"] as const;

/** An earning movement's generation: both ids name it after their kind (`earning:<gen>`, `earning_reversal:<gen>`). */
const GENERATION_OF = sql`substr(${creditLedger.id}, instr(${creditLedger.id}, ':') + 1)`;

export type EarningsDay = { day: string; credits: number; generations: number };
export type EarningsByStyle = { style: { id: string; slug: string; title: string }; credits: number; generations: number };

/** What an artist sees of their earnings (`GET /api/me/earnings`, the earnings tab of /me). */
export type EarningsReport = {
	/** Earned credits not yet requested as a payout (`users.earnings_balance`). */
	balance: number;
	/**
	 * What a payout may take now: the balance, unless the artist spent earned credits on
	 * generations (spending lowers `credit_balance` only), since a payout takes from both.
	 */
	requestable: number;
	/** The last {@link REPORT_DAYS} days with earnings, newest first: net credits (reversals subtracted) and generations earned from. */
	by_day: EarningsDay[];
	/** The same window per style, most earned first. */
	by_style: EarningsByStyle[];
	/** Payout requests, newest first. */
	payouts: PayoutView[];
};

/** The first instant of the report's window: midnight in Seoul {@link REPORT_DAYS} − 1 days before `now`'s Seoul day, as ISO UTC. */
export function windowStart(now: Date): string {
	const seoul = new Date(now.getTime() + 9 * 3_600_000);
	const midnight = Date.UTC(seoul.getUTCFullYear(), seoul.getUTCMonth(), seoul.getUTCDate()) - (REPORT_DAYS - 1) * 86_400_000;
	return new Date(midnight - 9 * 3_600_000).toISOString();
}

/**
 * An artist's earnings over the last {@link REPORT_DAYS} Seoul days, from the ledger itself (the
 * movements `earning:` and `earning_reversal:`), so the report can never disagree with the
 * balances. A refunded generation's reversal counts on the day it was refunded.
 */
export async function earningsReport(db: Db, artistId: string, now: Date): Promise<EarningsReport> {
	const since = windowStart(now);
	const inWindow = and(eq(creditLedger.userId, artistId), inArray(creditLedger.kind, [...EARNING_KINDS]), gte(creditLedger.createdAt, since));
	const earnedCount = sql<number>`sum(case when ${creditLedger.kind} = 'earning' then 1 else 0 end)`;
	const [user, byDay, byStyle, payouts] = await Promise.all([
		db.query.users.findFirst({ columns: { earningsBalance: true, creditBalance: true }, where: eq(users.id, artistId) }),
		db
			.select({ day: SEOUL_DAY(creditLedger.createdAt), credits: sql<number>`sum(${creditLedger.amount})`, generations: earnedCount })
			.from(creditLedger)
			.where(inWindow)
			.groupBy(SEOUL_DAY(creditLedger.createdAt))
			.orderBy(desc(SEOUL_DAY(creditLedger.createdAt))),
		db
			.select({ id: styles.id, slug: styles.slug, title: styles.title, credits: sql<number>`sum(${creditLedger.amount})`, generations: earnedCount })
			.from(creditLedger)
			.innerJoin(generations, eq(generations.id, GENERATION_OF))
			.innerJoin(styles, eq(styles.id, generations.styleId))
			.where(inWindow)
			.groupBy(styles.id)
			.orderBy(desc(sql`sum(${creditLedger.amount})`), styles.id),
		payoutsOf(db, artistId),
	]);
	return {
		balance: user?.earningsBalance ?? 0,
		requestable: Math.min(user?.earningsBalance ?? 0, user?.creditBalance ?? 0),
		by_day: byDay.map((row) => ({ day: row.day, credits: Number(row.credits), generations: Number(row.generations) })),
		by_style: byStyle.map((row) => ({
			style: { id: row.id, slug: row.slug, title: row.title },
			credits: Number(row.credits),
			generations: Number(row.generations),
		})),
		payouts: payouts.map(payoutView),
	};
}

/** One artist's line on the admin's earnings page. */
export type ArtistEarnings = {
	artist: { id: string; nickname: string | null };
	/** Net credits earned, all time and in the last {@link REPORT_DAYS} days. */
	total: number;
	recent: number;
	/** Credits earned and not yet requested. */
	balance: number;
};

/** Every artist who ever earned, most earned first, for `/admin/earnings`. */
export async function earningsByArtist(db: Db, now: Date, limit = 200): Promise<ArtistEarnings[]> {
	const since = windowStart(now);
	const rows = await db
		.select({
			id: users.id,
			nickname: users.nickname,
			balance: users.earningsBalance,
			total: sql<number>`sum(${creditLedger.amount})`,
			recent: sql<number>`sum(case when ${creditLedger.createdAt} >= ${since} then ${creditLedger.amount} else 0 end)`,
		})
		.from(creditLedger)
		.innerJoin(users, eq(users.id, creditLedger.userId))
		.where(inArray(creditLedger.kind, [...EARNING_KINDS]))
		.groupBy(users.id)
		.orderBy(desc(sql`sum(${creditLedger.amount})`), users.id)
		.limit(limit);
	return rows.map((row) => ({ artist: { id: row.id, nickname: row.nickname }, total: Number(row.total), recent: Number(row.recent), balance: row.balance }));
}

/** The payout terms shown with a report (the configuration's `earnings`). */
export type PayoutTerms = { artistSharePercent: number; payoutMinimumCredits: number; payoutCentsPerCredit: number; payoutCurrency: string };

/** A report with the payout terms: the body of `GET /api/me/earnings`, and what {@link earningsReport}'s panel on /me shows. */
export type EarningsOverview = EarningsReport & { payout_minimum: number; cents_per_credit: number; currency: string; share_percent: number };

export async function earningsOverview(db: Db, terms: PayoutTerms, artistId: string, now: Date): Promise<EarningsOverview> {
	return {
		...(await earningsReport(db, artistId, now)),
		payout_minimum: terms.payoutMinimumCredits,
		cents_per_credit: terms.payoutCentsPerCredit,
		currency: terms.payoutCurrency,
		share_percent: terms.artistSharePercent,
	};
}
