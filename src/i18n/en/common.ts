/**
 * English messages shared by every page: the layout (header, footer, language and time-zone
 * switcher), language names and words many pages use. Values interpolate `{{name}}`; plurals
 * use i18next's `_one` / `_other` suffixes with a `count`.
 */
export const common = {
	storeName: "Edge Factory",
	skipToContent: "Skip to content",
	nav: {
		main: "Main",
		browse: "Browse products",
		styles: "Styles",
		signIn: "Sign in",
		myPage: "My page",
		credits: "credits",
		creditsTitle: "Your credit balance",
		notifications: "Notifications",
		notificationsUnread_one: "Notifications, {{count}} unread",
		notificationsUnread_other: "Notifications, {{count}} unread",
		signedInAs: "Signed in as {{name}}",
	},
	footer: {
		tagline: "digital products, delivered instantly.",
		secureCheckout: "Secure checkout",
		instantDownload: "Instant download",
		expiringLinks: "Links that expire, to keep your files yours",
	},
	preferences: {
		heading: "Language and time zone",
		language: "Language",
		timeZone: "Time zone",
		apply: "Apply",
		switchTo: "한국어로 보기",
	},
	languages: {
		en: "English",
		ko: "Korean",
	},
	languageList: "Languages: {{list}}",
	actions: {
		back: "Back",
		save: "Save",
		cancel: "Cancel",
		continue: "Continue",
		retry: "Try again",
		next: "Next",
		previous: "Previous",
	},
	pager: {
		label: "Pages",
		newer: "Newer",
		older: "Older",
	},
	table: {
		empty: "Nothing here yet.",
	},
} as const;
