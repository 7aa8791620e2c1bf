// The crons of wrangler.toml, fired on their schedules under `npm start`: `wrangler dev` never
// fires them by itself, and the Worker's scheduled handler runs the sweeps of each expression
// (src/scheduled.ts), so each must be called as Cloudflare would call it.
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";

/** The values one field of a cron expression allows, within [min, max]: `*`, `*\/n`, `a`, `a-b`, `a-b/n`, lists of those. */
function fieldValues(field: string, min: number, max: number): Set<number> {
	const values = new Set<number>();
	for (const part of field.split(",")) {
		const [range = "*", stepText] = part.split("/");
		const step = stepText === undefined ? 1 : Number(stepText);
		const [from, to] = range === "*" ? [min, max] : range.includes("-") ? range.split("-").map(Number) : [Number(range), stepText ? max : Number(range)];
		if (!Number.isInteger(from) || !Number.isInteger(to) || !Number.isInteger(step) || step < 1 || (from ?? min) < min || (to ?? max) > max) {
			throw new Error(`cron field "${field}" is not supported`);
		}
		for (let value = from ?? min; value <= (to ?? max); value += step) values.add(value);
	}
	return values;
}

/** Whether a five-field cron expression (minute hour day-of-month month day-of-week, UTC) fires at `at`'s minute. */
export function cronMatches(expression: string, at: Date): boolean {
	const fields = expression.trim().split(/\s+/);
	if (fields.length !== 5) throw new Error(`cron "${expression}" must have five fields`);
	const [minute, hour, day, month, weekday] = fields as [string, string, string, string, string];
	return (
		fieldValues(minute, 0, 59).has(at.getUTCMinutes()) &&
		fieldValues(hour, 0, 23).has(at.getUTCHours()) &&
		fieldValues(day, 1, 31).has(at.getUTCDate()) &&
		fieldValues(month, 1, 12).has(at.getUTCMonth() + 1) &&
		fieldValues(weekday, 0, 7).has(at.getUTCDay())
	);
}

/** The cron expressions wrangler.toml declares (`[triggers] crons`). */
export function declaredCrons(wranglerToml = readFileSync("wrangler.toml", "utf8")): string[] {
	const config = parse(wranglerToml) as { triggers?: { crons?: string[] } };
	return config.triggers?.crons ?? [];
}

/** At the start of every minute, calls the scheduled handler once for each declared cron due then. */
export function startLocalCron(base: string, crons = declaredCrons()): void {
	const fire = () => {
		const at = new Date();
		for (const cron of crons.filter((expression) => cronMatches(expression, at))) {
			fetch(`${base}/__scheduled?cron=${encodeURIComponent(cron)}`).catch(() => undefined);
		}
	};
	const untilNextMinute = 60_000 - (Date.now() % 60_000);
	setTimeout(() => {
		fire();
		setInterval(fire, 60_000).unref();
	}, untilNextMinute).unref();
}
