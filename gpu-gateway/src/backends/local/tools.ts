import { spawn } from "node:child_process";
import { BackendError } from "../types.ts";

/** How an operator installs what the media kinds need (Debian/Ubuntu). */
export const MEDIA_INSTALL = "apt-get install -y ffmpeg espeak-ng fonts-noto-cjk";

/** The binaries the media kinds run; overridable for tests and unusual installs. */
export const MEDIA_BINARIES = {
	ffmpeg: process.env.FFMPEG_PATH || "ffmpeg",
	ffprobe: process.env.FFPROBE_PATH || "ffprobe",
	espeak: process.env.ESPEAK_NG_PATH || "espeak-ng",
	fcList: "fc-list",
};

/** What a finished tool run printed. */
export type ToolOutput = { stdout: string; stderr: string };

export type ToolOptions = {
	signal?: AbortSignal;
	timeoutMs: number;
	/** Working directory of the tool (compose runs in its temp dir, so filter arguments name plain files). */
	cwd?: string;
	/** Called with each chunk of stdout as it arrives (ffmpeg's `-progress pipe:1`). */
	onStdout?: (chunk: string) => void;
	/** Failures of the tool itself (not a missing binary) are reported with this code. */
	failureCode: string;
	/** Whether such a failure is worth another attempt. */
	retryable: boolean;
};

/** Keeps the end of a growing text: a tool's last words are the ones that explain a failure. */
function tail(text: string, max = 2_000): string {
	return text.length > max ? text.slice(text.length - max) : text;
}

/**
 * Runs a tool with an argument array (never a shell), killing it on abort or timeout. A missing
 * binary is `MEDIA_TOOLS_MISSING` (not retryable: installing is the operator's job); a non-zero
 * exit is `failureCode` with the tail of stderr.
 */
export function runTool(bin: string, args: readonly string[], options: ToolOptions): Promise<ToolOutput> {
	return new Promise((resolve, reject) => {
		options.signal?.throwIfAborted();
		const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"], cwd: options.cwd });
		let stdout = "";
		let stderr = "";
		let settled = false;
		const finish = (err: unknown, out?: ToolOutput) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			options.signal?.removeEventListener("abort", onAbort);
			if (err) reject(err);
			else if (out) resolve(out);
		};
		const onAbort = () => {
			child.kill("SIGKILL");
			finish(options.signal?.reason ?? new Error("aborted"));
		};
		const timer = setTimeout(() => {
			child.kill("SIGKILL");
			finish(new BackendError(options.failureCode, `${bin} took longer than ${options.timeoutMs} ms`, options.retryable));
		}, options.timeoutMs);
		options.signal?.addEventListener("abort", onAbort, { once: true });
		child.stdout.setEncoding("utf8");
		child.stderr.setEncoding("utf8");
		child.stdout.on("data", (chunk: string) => {
			options.onStdout?.(chunk);
			stdout = tail(stdout + chunk, 64_000);
		});
		child.stderr.on("data", (chunk: string) => {
			stderr = tail(stderr + chunk, 8_000);
		});
		child.on("error", (err: NodeJS.ErrnoException) => {
			if (err.code === "ENOENT") finish(new BackendError("MEDIA_TOOLS_MISSING", `${bin} is not installed: ${MEDIA_INSTALL}`, false));
			else finish(new BackendError(options.failureCode, `${bin} could not start: ${err.message}`, options.retryable));
		});
		child.on("close", (code, signal) => {
			if (code === 0) finish(null, { stdout, stderr });
			else finish(new BackendError(options.failureCode, `${bin} failed (${code ?? signal}): ${tail(stderr.trim(), 600)}`, options.retryable));
		});
	});
}

/** Whether the media tools are usable on this machine, and what to install when not. */
export type MediaToolsStatus = { ready: boolean; missing: string[]; install: string };

/** The font the subtitles are set in (fonts-noto-cjk). */
export const SUBTITLE_FONT = "Noto Sans CJK KR";

async function answers(bin: string, args: string[]): Promise<string | null> {
	try {
		return (await runTool(bin, args, { timeoutMs: 10_000, failureCode: "TOOL_CHECK", retryable: false })).stdout;
	} catch {
		return null;
	}
}

let detected: Promise<MediaToolsStatus> | undefined;

/**
 * Checks once per process (at the first start) that ffmpeg, ffprobe, espeak-ng and the CJK font are
 * there; installing them means restarting. The gateway runs without them; it just does not offer
 * `tts.speak` and `video.compose`.
 */
export function detectMediaTools(): Promise<MediaToolsStatus> {
	detected ??= checkMediaTools();
	return detected;
}

async function checkMediaTools(): Promise<MediaToolsStatus> {
	const [ffmpeg, ffprobe, espeak, fonts] = await Promise.all([
		answers(MEDIA_BINARIES.ffmpeg, ["-hide_banner", "-version"]),
		answers(MEDIA_BINARIES.ffprobe, ["-hide_banner", "-version"]),
		answers(MEDIA_BINARIES.espeak, ["--version"]),
		answers(MEDIA_BINARIES.fcList, [":", "family"]),
	]);
	const missing: string[] = [];
	if (ffmpeg === null) missing.push("ffmpeg");
	if (ffprobe === null) missing.push("ffprobe");
	if (espeak === null) missing.push("espeak-ng");
	if (fonts === null || !fonts.includes(SUBTITLE_FONT)) missing.push("fonts-noto-cjk");
	return { ready: missing.length === 0, missing, install: MEDIA_INSTALL };
}
