/** English messages: follows, likes, comments and their notifications (issue 16). */
export const community = {
	placeholder: "",
};
