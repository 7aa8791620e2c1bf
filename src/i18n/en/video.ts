/** English messages: short videos (projects, onboarding, brands, templates, assets, usage and plans). */
export const video = {
	placeholder: "Short videos",
} as const;
