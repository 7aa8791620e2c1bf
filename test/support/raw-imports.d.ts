/** A file imported as text with Vite's `?raw` suffix (docs the tests compare with the code). */
declare module "*?raw" {
	const text: string;
	export default text;
}
