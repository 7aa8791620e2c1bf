import type { ProductKindDefinition, RequiredEntry } from "../../pipeline/kinds";
import { shortVideoGenerator } from "./generator";
import { shortVideoChecks, videoExpectation } from "./qa1-checks";
import { projectOfProduct } from "./source";

/** What a `short_video` package must hold (QA2 checks these and `manifest.json`). */
export const SHORT_VIDEO_PACKAGE: readonly RequiredEntry[] = [
	["video.mp4", /^video\.mp4$/],
	["thumbnail.jpg", /^thumbnail\.jpg$/],
	["script.txt", /^script\.txt$/],
	["subtitles.srt", /^subtitles\.srt$/],
	["README", /^readme(\.md|\.txt)?$/i],
	["LICENSE", /^licen[sc]e(\.md|\.txt)?$/i],
];

/**
 * The `short_video` line: a ready video project of the shop's own, published by an admin
 * (`POST /api/projects/:id/publish-product`). The generator copies the project's MP4, thumbnail,
 * script and subtitles; QA1 reads the MP4's boxes for its streams, duration and size.
 */
export const shortVideoKind: ProductKindDefinition = {
	kind: "short_video",
	generator: (deps) => shortVideoGenerator(deps),
	qa1: async (deps, product, files) => shortVideoChecks(files, videoExpectation(await projectOfProduct(deps.db, product.id), product.languages)),
	packageEntries: SHORT_VIDEO_PACKAGE,
};
