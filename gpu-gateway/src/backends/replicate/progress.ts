/** A tqdm-style bar, as Replicate's own client reads it: `76%|█████     | 7568/10000 [...]`. */
const TQDM = /^\s*(\d{1,3})%\s*\|.*?\|\s*(\d+)\/(\d+)/;
/** A bare `42%` in a line, for models that log their own way. */
const PERCENT = /(?:^|\s)(\d{1,3}(?:\.\d+)?)%(?:\s|$)/;

/** The latest progress (0..1) in Replicate task logs, or undefined when the logs hold none. */
export function progressFromLogs(logs: string | null | undefined): number | undefined {
	if (!logs) return undefined;
	// tqdm redraws with carriage returns, so the last segment of either kind is the newest.
	for (const line of logs.split(/[\r\n]+/).reverse()) {
		const bar = TQDM.exec(line);
		if (bar?.[2] && bar[3] && Number(bar[3]) > 0) return clamp(Number(bar[2]) / Number(bar[3]));
		const percent = PERCENT.exec(line);
		if (percent?.[1]) return clamp(Number(percent[1]) / 100);
	}
	return undefined;
}

function clamp(value: number): number {
	return Math.max(0, Math.min(1, value));
}
