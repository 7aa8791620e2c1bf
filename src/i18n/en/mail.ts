/** English messages of the buyer mails: the receipt and re-issued download links (see docs/i18n.md for conventions). */
export const mail = {
	order: {
		receiptSubject: "Your Edge Factory order {{id}}",
		reissueSubject: "Your download links for order {{id}}",
		receiptOpening: "Thank you for your order.",
		reissueOpening: "Here is your order page again, with fresh download links.",
		order: "Order: {{id}}",
		orderLabel: "Order:",
		total: "Total: {{total}}",
		placed: "Placed: {{date}}",
		ready: "Your downloads are ready on your order page (keep this link private):",
		open: "Open my order",
	},
} as const;
