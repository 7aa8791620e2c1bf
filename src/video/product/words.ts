import type { Locale } from "../../shared/locale";

/** What the documents of a `short_video` product say about the video. */
export type VideoFacts = {
	title: string;
	keyword: string;
	durationS: number;
	width: number;
	height: number;
	cues: number;
	videoSha256: string;
	storeName: string;
};

/** The words of a `short_video` product's README, licence, preview page and description, per language. */
export type VideoWords = {
	description: (facts: VideoFacts) => string;
	readme: {
		insideHeading: string;
		inside: (facts: VideoFacts) => string[];
		checkingHeading: string;
		checking: (facts: VideoFacts) => string;
	};
	license: {
		heading: (facts: VideoFacts) => string;
		intro: (facts: VideoFacts) => string;
		mayHeading: string;
		may: string[];
		mayNotHeading: string;
		mayNot: string[];
		closing: string;
		fileLine: (facts: VideoFacts) => string;
	};
	preview: { poster: (facts: VideoFacts) => string; facts: (facts: VideoFacts) => string; note: string };
};

const en: VideoWords = {
	description: (f) =>
		`A ${f.durationS}-second ${f.width}×${f.height} video about "${f.keyword}", with voice-over, burned-in subtitles, an SRT file and its script.`,
	readme: {
		insideHeading: "What's inside",
		inside: (f) => [
			`\`video.mp4\`: the video, H.264 with AAC sound, ${f.width}×${f.height}, ${f.durationS} seconds.`,
			"`thumbnail.jpg`: the cover image, for an upload or a link preview.",
			"`script.txt`: the timestamped script ([INTRO …], [MAIN …], [OUTRO …]) the voice-over reads.",
			`\`subtitles.srt\`: the subtitles as ${f.cues} cues, for players and platforms that take an SRT file.`,
			"`index.html`: a preview page with the cover.",
			"`LICENSE.txt`: what you may do with the video.",
			"`manifest.json`: every file of the package with its size and SHA-256.",
		],
		checkingHeading: "Checking the files",
		checking: (f) => `\`sha256sum video.mp4\` prints ${f.videoSha256}, the checksum listed in \`LICENSE.txt\` and \`manifest.json\`.`,
	},
	license: {
		heading: (f) => `VIDEO LICENCE — "${f.title}"`,
		intro: (f) =>
			`This licence is granted by ${f.storeName} to the buyer of the video "${f.title}" (the "Video"). It covers the files of this package: the video, its cover image, its script and its subtitles.`,
		mayHeading: "YOU MAY",
		may: [
			"Publish the Video on your own channels, websites and social media accounts, and use it in your own marketing.",
			"Cut, crop, translate and re-edit the Video, its script and its subtitles, and add your own brand to it.",
		],
		mayNotHeading: "YOU MAY NOT",
		mayNot: [
			"Resell, sublicense or give away the Video or its files as they are, alone or in a collection.",
			"Claim that you made the original Video, or that the seller endorses you or your products.",
		],
		closing:
			"The seller keeps the copyright. This licence is non-exclusive and non-transferable, and ends automatically if its terms are broken. The files are provided as they are, without warranty.",
		fileLine: (f) => `video.mp4 — SHA-256 ${f.videoSha256}`,
	},
	preview: {
		poster: (f) => `Cover of the video "${f.title}"`,
		facts: (f) => `${f.durationS} seconds · ${f.width}×${f.height} · H.264/AAC · subtitles (${f.cues} cues)`,
		note: "The package holds the MP4, this cover, the script and the SRT subtitles.",
	},
};

const ko: VideoWords = {
	description: (f) =>
		`"${f.keyword}"에 관한 ${f.durationS}초 분량의 ${f.width}×${f.height} 영상입니다. 음성 내레이션과 자막이 들어 있고, SRT 자막 파일과 대본을 함께 드립니다.`,
	readme: {
		insideHeading: "들어 있는 파일",
		inside: (f) => [
			`\`video.mp4\`: 영상 파일입니다. H.264 영상과 AAC 음성, ${f.width}×${f.height}, ${f.durationS}초입니다.`,
			"`thumbnail.jpg`: 업로드나 링크 미리보기에 쓰는 표지 이미지입니다.",
			"`script.txt`: 내레이션이 읽는 대본입니다. 구간마다 시간이 적혀 있습니다([INTRO …], [MAIN …], [OUTRO …]).",
			`\`subtitles.srt\`: 자막 ${f.cues}개가 담긴 SRT 파일입니다. SRT를 받는 플레이어와 플랫폼에서 쓸 수 있습니다.`,
			"`index.html`: 표지를 보여 주는 미리보기 페이지입니다.",
			"`LICENSE.txt`: 영상을 어떻게 쓸 수 있는지 적은 이용 허락서입니다.",
			"`manifest.json`: 패키지의 모든 파일과 크기, SHA-256 값입니다.",
		],
		checkingHeading: "파일 확인하기",
		checking: (f) => `\`sha256sum video.mp4\` 명령을 실행하면 ${f.videoSha256} 값이 나옵니다. \`LICENSE.txt\`와 \`manifest.json\`에 적힌 값과 같아야 합니다.`,
	},
	license: {
		heading: (f) => `영상 이용 허락서 — "${f.title}"`,
		intro: (f) =>
			`이 이용 허락은 ${f.storeName}이(가) 영상 "${f.title}"(이하 "영상")을 구매한 분께 드립니다. 이 패키지의 영상, 표지 이미지, 대본, 자막 파일에 적용됩니다.`,
		mayHeading: "할 수 있는 일",
		may: [
			"영상을 본인의 채널, 웹사이트, 소셜 미디어 계정에 게시하고 본인의 마케팅에 사용할 수 있습니다.",
			"영상과 대본, 자막을 자르고, 번역하고, 다시 편집하고, 본인의 브랜드를 넣을 수 있습니다.",
		],
		mayNotHeading: "할 수 없는 일",
		mayNot: [
			"영상이나 파일을 그대로, 단독으로 또는 묶음으로 다시 판매하거나 재허락하거나 나누어 줄 수 없습니다.",
			"원본 영상을 직접 만들었다고 하거나 판매자가 본인이나 본인의 상품을 보증한다고 알릴 수 없습니다.",
		],
		closing:
			"저작권은 판매자에게 있습니다. 이 이용 허락은 독점적이지 않고 양도할 수 없으며, 조건을 어기면 자동으로 끝납니다. 파일은 있는 그대로 제공되며 별도의 보증은 없습니다.",
		fileLine: (f) => `video.mp4 — SHA-256 ${f.videoSha256}`,
	},
	preview: {
		poster: (f) => `영상 "${f.title}"의 표지`,
		facts: (f) => `${f.durationS}초 · ${f.width}×${f.height} · H.264/AAC · 자막 ${f.cues}개`,
		note: "패키지에는 MP4 영상, 이 표지, 대본, SRT 자막이 들어 있습니다.",
	},
};

/** The words of a product in `language`. */
export function videoWords(language: Locale): VideoWords {
	return language === "ko" ? ko : en;
}
