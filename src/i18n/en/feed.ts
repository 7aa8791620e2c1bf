/** English messages: the feed, its detail page and modal, search, and the footer's terms and privacy pages. */
export const feed = {
	placeholder: "",
};
