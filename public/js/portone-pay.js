// The PortOne pay page (src/routes/portone-pay-pages.tsx): the button opens PortOne's payment
// window with the browser SDK (loaded from PortOne's CDN before this file). The amount and
// currency are the ones the server pre-registered; PortOne refuses any other. On success the
// buyer goes to the return page, which re-reads the payment from PortOne (so does the webhook):
// nothing here decides that a payment is paid. On mobile, PortOne redirects to the same URL.
(() => {
	const root = document.getElementById("portone-pay");
	if (!root) return;
	const button = root.querySelector("[data-pay]");
	const status = root.querySelector("[data-status]");
	const data = root.dataset;

	function say(text) {
		if (status) status.textContent = text;
	}

	async function pay() {
		if (!window.PortOne) {
			say(data.failed.replace("{{message}}", "PortOne SDK unavailable"));
			return;
		}
		button.disabled = true;
		say(data.opening);
		try {
			const response = await window.PortOne.requestPayment({
				storeId: data.storeId,
				channelKey: data.channelKey,
				paymentId: data.paymentId,
				orderName: data.orderName,
				totalAmount: Number(data.totalAmount),
				currency: data.currency,
				payMethod: "CARD",
				redirectUrl: data.returnUrl,
			});
			// The SDK answers with `code` (and `message`) when the window failed or was closed.
			if (response && response.code !== undefined) {
				say(`${data.failed.replace("{{message}}", response.message || response.code)} ${data.retry}`);
				button.disabled = false;
				return;
			}
			window.location.assign(data.returnUrl);
		} catch (error) {
			say(`${data.failed.replace("{{message}}", String(error?.message ?? error))} ${data.retry}`);
			button.disabled = false;
		}
	}

	button?.addEventListener("click", pay);
})();
