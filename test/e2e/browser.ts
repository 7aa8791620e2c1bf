import { mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

/** Where the run leaves its screenshots (gitignored). */
export const SCREENSHOTS = new URL("./screenshots/", import.meta.url).pathname;

/** Debian's Chromium (`apt-get install -y chromium`), headless, with no calls home. */
export async function launchBrowser(): Promise<Browser> {
	mkdirSync(SCREENSHOTS, { recursive: true });
	return chromium.launch({
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
}

/** A full-page screenshot under test/e2e/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}
