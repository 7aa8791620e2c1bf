import { type Mp4Info, Mp4ProbeError, probeMp4 } from "../../lib/mp4-probe";
import { primaryLanguage } from "../../pipeline/languages";
import { analyseLandingPage } from "../../pipeline/qa/landing-page";
import { languageCheck } from "../../pipeline/qa/language-check";
import { type ProductFileUnderTest, readableCheck } from "../../pipeline/qa/qa1-checks";
import { check } from "../../pipeline/qa/score";
import type { Locale } from "../../shared/locale";
import type { QaCheck } from "../../shared/qa";
import { VIDEO_FILES } from "./generator";
import type { ProjectRow } from "./source";
import { parseSrt } from "./srt";

/** What the video must be, from its project's row: QA1 checks the files against it. */
export type VideoExpectation = {
	/** The composed video's duration as the pipeline probed it, else the project's target. */
	durationMs: number;
	width: number | null;
	height: number | null;
	/** The SHA-256 the pipeline recorded for the composed MP4. */
	sha256: string | null;
	language: Locale;
};

/** A project's expectation for a product in `languages` (the product's, primary first). */
export function videoExpectation(project: ProjectRow, languages: string): VideoExpectation {
	return {
		durationMs: project.videoDurationMs ?? project.durationS * 1000,
		width: project.videoWidth,
		height: project.videoHeight,
		sha256: project.videoSha256,
		language: primaryLanguage(languages),
	};
}

/** How far the file's duration may be from the project's. */
const DURATION_TOLERANCE = 0.1;
const decoder = new TextDecoder();

function probe(file: ProductFileUnderTest | undefined): { ok: true; info: Mp4Info } | { ok: false; error: string } {
	if (!file?.body) return { ok: false, error: `${VIDEO_FILES.video} is missing` };
	try {
		return { ok: true, info: probeMp4(file.body) };
	} catch (error) {
		if (error instanceof Mp4ProbeError) return { ok: false, error: `${VIDEO_FILES.video}: ${error.message}` };
		throw error;
	}
}

/** A JPEG starts with SOI and a marker and ends with EOI. */
function isJpeg(body: Uint8Array): boolean {
	const n = body.length;
	return n > 4 && body[0] === 0xff && body[1] === 0xd8 && body[2] === 0xff && body[n - 2] === 0xff && body[n - 1] === 0xd9;
}

/**
 * QA1 of a `short_video`: the MP4 parses (its boxes, read in the Worker), has an H.264 video
 * track and an AAC audio track, lasts more than zero and within 10 % of the project's video, has
 * the project's resolution and is the very file the pipeline composed (SHA-256); the thumbnail
 * is a JPEG; the SRT parses with at least one cue inside the video; the script is the
 * timestamped one; the preview page, README and licence are there and in the product's
 * language. Each failure names the file and what is wrong.
 */
export async function shortVideoChecks(files: ProductFileUnderTest[], expected: VideoExpectation): Promise<QaCheck[]> {
	const byPath = new Map(files.map((file) => [file.path, file]));
	const checks: QaCheck[] = [readableCheck(files)];
	const video = byPath.get(VIDEO_FILES.video);
	const probed = probe(video);
	checks.push(
		check(
			"video.container",
			"structural",
			probed.ok,
			probed.ok ? `${VIDEO_FILES.video}: MP4 (${probed.info.brand}), ${probed.info.tracks.length} tracks` : probed.error,
			true,
		),
	);
	const tracks = probed.ok ? probed.info.tracks : [];
	const videoTrack = tracks.find((track) => track.kind === "video");
	const audioTrack = tracks.find((track) => track.kind === "audio");
	checks.push(
		check(
			"video.stream",
			"functional",
			videoTrack?.codec === "avc1",
			videoTrack
				? `${VIDEO_FILES.video}: video track ${videoTrack.codec ?? "without a codec"}${videoTrack.codec === "avc1" ? "" : ", H.264 (avc1) expected"}`
				: `${VIDEO_FILES.video}: no video track`,
			true,
		),
	);
	checks.push(
		check(
			"audio.stream",
			"functional",
			audioTrack?.codec === "mp4a",
			audioTrack
				? `${VIDEO_FILES.video}: audio track ${audioTrack.codec ?? "without a codec"}${audioTrack.codec === "mp4a" ? "" : ", AAC (mp4a) expected"}`
				: `${VIDEO_FILES.video}: no audio track`,
			true,
		),
	);
	const durationMs = probed.ok ? probed.info.durationMs : 0;
	const off = expected.durationMs > 0 ? Math.abs(durationMs - expected.durationMs) / expected.durationMs : 1;
	checks.push(
		check(
			"video.duration",
			"technical",
			durationMs > 0 && off <= DURATION_TOLERANCE,
			`${VIDEO_FILES.video}: ${(durationMs / 1000).toFixed(2)} s, the project's video ${(expected.durationMs / 1000).toFixed(2)} s (within ${DURATION_TOLERANCE * 100} % expected)`,
			true,
		),
	);
	const size = videoTrack ? `${videoTrack.width}×${videoTrack.height}` : "no picture";
	const wanted = expected.width && expected.height ? `${expected.width}×${expected.height}` : null;
	checks.push(
		check(
			"video.resolution",
			"technical",
			videoTrack !== undefined && videoTrack.width > 0 && videoTrack.height > 0 && (wanted === null || size === wanted),
			`${VIDEO_FILES.video}: ${size}${wanted ? `, the project's ${wanted}` : ""}`,
			true,
		),
	);
	checks.push(
		check(
			"video.origin",
			"productization",
			expected.sha256 !== null && video?.actualSha256 === expected.sha256,
			video?.actualSha256 === expected.sha256
				? `${VIDEO_FILES.video} is the project's composed video`
				: `${VIDEO_FILES.video} hashes to ${video?.actualSha256 ?? "nothing"}, the project's video to ${expected.sha256 ?? "nothing recorded"}`,
			true,
		),
	);

	const thumbnail = byPath.get(VIDEO_FILES.thumbnail);
	checks.push(
		check(
			"thumbnail.jpeg",
			"functional",
			thumbnail?.body ? isJpeg(thumbnail.body) : false,
			!thumbnail?.body
				? `${VIDEO_FILES.thumbnail} is missing`
				: isJpeg(thumbnail.body)
					? `${VIDEO_FILES.thumbnail}: JPEG`
					: `${VIDEO_FILES.thumbnail} is not a JPEG`,
			true,
		),
	);

	const subtitles = byPath.get(VIDEO_FILES.subtitles);
	const srt = subtitles?.body ? parseSrt(decoder.decode(subtitles.body)) : null;
	const lastEnd = srt?.ok ? Math.max(0, ...srt.cues.map((cue) => cue.endMs)) : 0;
	const srtProblem = !srt
		? `${VIDEO_FILES.subtitles} is missing`
		: !srt.ok
			? `${VIDEO_FILES.subtitles}: ${srt.error}`
			: srt.cues.length === 0
				? `${VIDEO_FILES.subtitles} has no cues`
				: // The last cue may end a little after the picture (rounding); not seconds after it.
					durationMs > 0 && lastEnd > durationMs * (1 + DURATION_TOLERANCE)
					? `${VIDEO_FILES.subtitles}: the last cue ends at ${(lastEnd / 1000).toFixed(2)} s, after the video`
					: null;
	checks.push(check("subtitles.srt", "functional", srtProblem === null, srtProblem ?? `${VIDEO_FILES.subtitles}: ${srt?.ok ? srt.cues.length : 0} cues`, true));

	const script = byPath.get(VIDEO_FILES.script);
	const scriptText = script?.body ? decoder.decode(script.body) : "";
	const sections = [...scriptText.matchAll(/\[(INTRO|MAIN|OUTRO)\s+\d+:\d{2}\s*[–-]\s*\d+:\d{2}\]/g)].map((match) => match[1]);
	checks.push(
		check(
			"script.timestamped",
			"structural",
			sections.length > 0,
			!script?.body
				? `${VIDEO_FILES.script} is missing`
				: sections.length > 0
					? `${VIDEO_FILES.script}: ${sections.join(", ")}`
					: `${VIDEO_FILES.script} has no [SECTION m:ss–m:ss] headings`,
			true,
		),
	);

	checks.push(await previewCheck(byPath.get(VIDEO_FILES.preview), expected.language));
	const readme = byPath.get(VIDEO_FILES.readme);
	const readmeWords = readme?.body ? decoder.decode(readme.body).split(/\s+/).filter(Boolean).length : 0;
	checks.push(
		check("files.readme", "productization", readmeWords > 0, readme ? `${VIDEO_FILES.readme}, ${readmeWords} words` : `no ${VIDEO_FILES.readme}`, true),
	);
	const license = byPath.get(VIDEO_FILES.license);
	const licenseText = license?.body ? decoder.decode(license.body) : "";
	const licenseCovers = video?.actualSha256 ? licenseText.includes(video.actualSha256) : false;
	checks.push(
		check(
			"license.terms",
			"productization",
			licenseCovers,
			!license
				? `no ${VIDEO_FILES.license}`
				: licenseCovers
					? `${VIDEO_FILES.license} names the video by its SHA-256`
					: `${VIDEO_FILES.license} does not name the video's SHA-256`,
			true,
		),
	);
	checks.push(
		languageCheck(
			[script, readme, byPath.get(VIDEO_FILES.preview)].filter((file) => file !== undefined),
			expected.language,
		),
	);
	return checks;
}

async function previewCheck(file: ProductFileUnderTest | undefined, language: Locale): Promise<QaCheck> {
	if (!file?.body) return check("preview.document", "structural", false, `${VIDEO_FILES.preview} is missing`, true);
	const page = await analyseLandingPage(decoder.decode(file.body));
	const problems = [
		page.doctype ? "" : "no <!doctype html>",
		page.title ? "" : "empty or missing <title>",
		page.charset ? "" : "no <meta charset>",
		page.lang?.split("-")[0]?.toLowerCase() === language ? "" : `<html lang="${page.lang ?? ""}">, the product is in ${language}`,
		page.imagesWithoutAlt > 0 ? "a cover without alt text" : "",
		page.references.some((ref) => ref.tag === "img" && ref.url.startsWith("data:image/jpeg;base64,")) ? "" : "no cover image",
	].filter(Boolean);
	return check(
		"preview.document",
		"structural",
		problems.length === 0,
		problems.length === 0 ? `${VIDEO_FILES.preview}: doctype, lang="${page.lang}", title, cover` : `${VIDEO_FILES.preview}: ${problems.join("; ")}`,
		true,
	);
}
