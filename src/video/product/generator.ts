import type { Db } from "../../db/client";
import { common } from "../../i18n/en/common";
import { sha256Hex } from "../../lib/hash";
import type { GeneratedFile, ProductGenerator } from "../../pipeline/generators/types";
import { renderVideoLicense, renderVideoPreview, renderVideoReadme } from "./documents";
import { projectOfProduct } from "./source";
import { parseSrt } from "./srt";
import type { VideoFacts } from "./words";
import { videoWords } from "./words";

const encoder = new TextEncoder();

/** The package's paths (docs/video.md "Selling a video"). */
export const VIDEO_FILES = {
	video: "video.mp4",
	thumbnail: "thumbnail.jpg",
	script: "script.txt",
	subtitles: "subtitles.srt",
	readme: "README.md",
	license: "LICENSE.txt",
	preview: "index.html",
} as const;

function textFile(path: string, text: string, contentType: string): GeneratedFile {
	return { path, body: encoder.encode(text), contentType };
}

async function stored(files: R2Bucket, key: string | null, what: string, projectId: string): Promise<Uint8Array> {
	if (!key) throw new Error(`project ${projectId} has no ${what}`);
	const object = await files.get(key);
	if (!object) throw new Error(`the ${what} of project ${projectId} is missing from storage`);
	return new Uint8Array(await object.arrayBuffer());
}

/**
 * The `short_video` generator: copies the project's composed MP4 and thumbnail from R2 as they
 * are, writes its timestamped script and SRT subtitles as files, and adds a README, a licence
 * and the storefront's preview page, all in the product's language (the project's). It invents
 * nothing, so every generation of a product writes the same files.
 */
export function shortVideoGenerator(stores: { db: Db; files: R2Bucket }): ProductGenerator {
	return {
		name: "short-video",
		async generate(input) {
			const project = await projectOfProduct(stores.db, input.productId);
			const video = await stored(stores.files, project.videoR2Key, "video", project.id);
			const thumbnail = await stored(stores.files, project.thumbnailR2Key, "thumbnail", project.id);
			if (!project.script?.trim()) throw new Error(`project ${project.id} has no script`);
			if (!project.subtitlesSrt?.trim()) throw new Error(`project ${project.id} has no subtitles`);
			const srt = parseSrt(project.subtitlesSrt);
			const facts: VideoFacts = {
				title: input.title,
				keyword: project.keyword || project.title,
				durationS: Math.round((project.videoDurationMs ?? project.durationS * 1000) / 1000),
				width: project.videoWidth ?? 0,
				height: project.videoHeight ?? 0,
				cues: srt.ok ? srt.cues.length : 0,
				// What the bytes hash to: QA1 compares it with what the pipeline recorded when it composed them.
				videoSha256: await sha256Hex(video),
				storeName: common.storeName,
			};
			const description = videoWords(input.language).description(facts);
			return {
				description,
				files: [
					{ path: VIDEO_FILES.video, body: video, contentType: "video/mp4" },
					{ path: VIDEO_FILES.thumbnail, body: thumbnail, contentType: "image/jpeg" },
					textFile(VIDEO_FILES.script, `${project.script.trim()}\n`, "text/plain; charset=utf-8"),
					textFile(VIDEO_FILES.subtitles, project.subtitlesSrt, "application/x-subrip; charset=utf-8"),
					textFile(VIDEO_FILES.readme, renderVideoReadme(facts, description, input.language), "text/markdown; charset=utf-8"),
					textFile(VIDEO_FILES.license, renderVideoLicense(facts, input.language), "text/plain; charset=utf-8"),
					textFile(VIDEO_FILES.preview, renderVideoPreview(facts, description, thumbnail, input.language), "text/html; charset=utf-8"),
				],
			};
		},
	};
}
