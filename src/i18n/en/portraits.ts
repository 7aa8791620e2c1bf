/** English messages of the paid portrait line ("Find My Rizz"): its pages, its SMS and its admin page. */
export const portraits = {
	brand: "Find My Rizz",
	status: {
		pending_payment: "Waiting for payment",
		pending_phone: "Waiting for your phone number",
		pending_upload: "Waiting for your photo",
		processing: "Making your portraits",
		completed: "Ready",
		failed: "Failed",
	},
	reasons: {
		refunded: "The payment was refunded.",
		payment_failed: "The payment did not go through.",
		upload_expired: "No photo arrived within 24 hours; the payment was refunded.",
		generation_failed: "We could not make your portraits; the payment was refunded.",
		report_failed: "We could not write your report; the payment was refunded.",
	},
};
