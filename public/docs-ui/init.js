// Starts swagger-ui on /docs. A same-origin file, not an inline script, because the page CSP is `script-src 'self'`.
window.addEventListener("DOMContentLoaded", () => {
	window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
