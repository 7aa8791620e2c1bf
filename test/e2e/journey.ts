import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { LocalStack } from "../support/local-stack.ts";
import { ko } from "./korean.ts";

/**
 * Steps the browser journeys share (style licensing, community): signing in through the
 * development issuer, reading the header's balance, and generating on a style page.
 */

/** Opens `path` signed out, goes through the development issuer's form as `email`, and lands back on `path`. */
export async function signInAt(stack: LocalStack, page: Page, path: string, email: string, name: string): Promise<void> {
	await page.goto(`${stack.url}${path}`);
	await page.waitForURL(`${stack.oidcIssuer}/**`);
	await page.getByLabel("Email").fill(email);
	await page.getByLabel("Name").fill(name);
	await page.getByRole("button", { name: "Continue" }).click();
	await page.waitForURL(`${stack.url}${path}`);
}

/** The header's balance ("1,234 credits") as a number. */
export async function headerBalance(page: Page): Promise<number> {
	const text = (await page.locator("a.nav-credits").textContent()) ?? "";
	return Number(text.replace(/[^0-9]/g, ""));
}

/**
 * Sends the style page's generate form (generate.js: API + live progress) for a style of
 * `price` credits and waits for the finished image in place; returns the generation's id.
 */
export async function generateOnStylePage(stack: LocalStack, page: Page, slug: string, prompt: string, price: number): Promise<string> {
	await page.goto(`${stack.url}/styles/${slug}`);
	const before = await page.locator("li.generate-item").count();
	await page.getByLabel(ko("Prompt")).fill(prompt);
	await page.locator('input[name="aspect"][value="1:1"]').check();
	await page.getByRole("button", { name: ko(`Generate for ${price} credits`, { count: price }) }).click();
	const item = page.locator("li.generate-item").nth(0);
	await expect.poll(() => page.locator("li.generate-item").count(), { timeout: 10_000 }).toBe(before + 1);
	await item.locator("img.generate-image").waitFor({ timeout: 60_000 });
	const id = await item.getAttribute("data-generation-id");
	if (!id) throw new Error("no generation id on the result");
	return id;
}
