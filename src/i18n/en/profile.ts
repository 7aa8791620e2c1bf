/** English messages: profiles, my page, editing the profile, deactivating and deleting the account. */
export const profile = {
	placeholder: "",
};
