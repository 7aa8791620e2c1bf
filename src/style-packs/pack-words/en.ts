import { styles } from "../../i18n/en/styles";
import type { PackWords } from "./types";

/** The words of an English style pack. */
export const en: PackWords = {
	licenseSummary: styles.packs.license,
	fallbackDescription: ({ count, style, artist }) => `${count} images in the style "${style}" by ${artist}, with a licence for their use.`,
	license: {
		heading: ({ license, title }) => `${license === "commercial" ? "COMMERCIAL" : "PERSONAL"} USE LICENCE — "${title}"`,
		artist: ({ artist, artistId }) => `Artist: ${artist} (artist id ${artistId})`,
		style: ({ style, styleId }) => `Style: ${style} (style id ${styleId})`,
		intro: ({ artist, title, count, style }) => [
			`This licence is granted by ${artist} (the "Artist") to the buyer of the style pack "${title}" (the "Pack").`,
			`It covers the ${count} images listed below, generated in the Artist's licensed style "${style}" and`,
			"identified by their SHA-256 checksums. Each image carries the Artist's signature and provenance metadata.",
		],
		mayHeading: "YOU MAY",
		grants: {
			personal: [
				"Use the images for your own personal, non-commercial purposes: wallpapers, prints for your home, personal projects, gifts.",
				"Edit, crop and adapt the images for those purposes.",
			],
			commercial: [
				"Use the images in your own commercial work: websites, marketing, client projects, merchandise, books, games and videos.",
				"Edit, crop and adapt the images, and combine them with other work, for personal and commercial purposes.",
				"Print and sell physical products that incorporate the images, where the images are part of a larger design.",
			],
		},
		mayNotHeading: "YOU MAY NOT",
		prohibitions: [
			"Resell, sublicense, share or give away the images as they are, alone or in a collection, including as a\ncompeting style pack, stock image set, wallpaper pack, template or NFT.",
			"Remove, cover or alter the Artist's signature or the provenance metadata in order to hide where an image comes from.",
			"Use the images to train, fine-tune or evaluate an AI model, or to imitate the Artist's style.",
			"Present the images as your own artwork, or imply that the Artist endorses you or your products.",
		],
		personalProhibitions: ["Use the images in anything you sell, advertise or make money from."],
		closing: [
			"The Artist keeps the copyright in the images and the style. This licence is non-exclusive and non-transferable,",
			"and ends automatically if its terms are broken. The images are provided as they are, without warranty.",
		],
		imagesHeading: "IMAGES COVERED (path, size, SHA-256)",
	},
	readme: {
		fallbackIntro: ({ count, style, artist }) => `${count} images in the style "${style}" by ${artist}.`,
		insideHeading: "What's inside",
		inside: ({ count, licenseSummary }) => [
			`\`images/\`: ${count} PNG images, each stamped with the artist's signature.`,
			"`index.html`: a gallery of every image; open it in a browser.",
			"`images.json`: each image's size, SHA-256 and provenance (artist, style, generation).",
			`\`LICENSE.txt\`: what you may do with the images (${licenseSummary.toLowerCase()}).`,
			"`manifest.json`: every file of the package with its size and SHA-256.",
		],
		imagesHeading: "Images",
		untitled: "untitled",
		checkingHeading: "Checking the files",
		checking: [
			"Every image's SHA-256 is listed in `images.json`, `LICENSE.txt` and `manifest.json`; `sha256sum images/*.png` prints the same values.",
			"The provenance is in each PNG's EXIF data (ImageDescription and Artist), readable with `exiftool`.",
		],
	},
	gallery: {
		fallbackDescription: ({ count, style }) => `${count} images in the style ${style}.`,
		imageAlt: (number) => `Image ${number}`,
		byline: ({ artist, style, licenseSummary }) => `By ${artist} · style ${style} · ${licenseSummary}`,
	},
};
