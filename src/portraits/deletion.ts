import type { PortraitHandler } from "./queue";

// PLACEHOLDER (replaced by the helper that owns this file).
export const deletionHandler: PortraitHandler = {
	async run() {
		throw new Error("not implemented");
	},
	async deadLettered() {
		throw new Error("not implemented");
	},
};
