import { mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

/** Where the run leaves its screenshots (gitignored). */
export const SCREENSHOTS = new URL("./screenshots/", import.meta.url).pathname;

/**
 * What any page of the run reported as blocked by a Content Security Policy (Chromium logs each
 * as a console error): every page must work under the store's strict policy, so tests expect none.
 */
export const cspViolations: string[] = [];

/** Debian's Chromium (`apt-get install -y chromium`), headless, with no calls home; every page's CSP violations are collected. */
export async function launchBrowser(): Promise<Browser> {
	mkdirSync(SCREENSHOTS, { recursive: true });
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
		args: [
			"--headless",
			"--no-sandbox",
			"--disable-gpu",
			"--disable-dev-shm-usage",
			"--disable-background-networking",
			"--disable-component-update",
			"--no-first-run",
			"--disable-sync",
		],
	});
	// browser.newPage() opens its page through newContext(), so watching contexts sees every page.
	const newContext = browser.newContext.bind(browser);
	browser.newContext = async (options) => {
		const context = await newContext(options);
		context.on("page", (page) =>
			page.on("console", (message) => {
				if (/Content Security Policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`);
			}),
		);
		return context;
	};
	return browser;
}

/** A full-page screenshot under test/e2e/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}
