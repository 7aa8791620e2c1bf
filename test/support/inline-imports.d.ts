/** A file imported as a base64 data URL with Vite's `?inline` suffix (binary fixtures such as test/fixtures/*.mp4). */
declare module "*?inline" {
	const dataUrl: string;
	export default dataUrl;
}
