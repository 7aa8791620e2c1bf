/** English messages: artists' earnings and payouts, for the artist and the admin. */
export const earnings = {
	placeholder: "",
};
