import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { readZipDigests } from "../../src/lib/zip";
import { createProducts } from "../../src/pipeline/create-product";
import { llmGenerator } from "../../src/pipeline/generators/llm";
import { templateGenerator } from "../../src/pipeline/generators/template";
import type { ProductGenerator } from "../../src/pipeline/generators/types";
import { PackageManifest } from "../../src/shared/manifest";
import { fakeKit } from "../support/fakes/llm-product";
import { ADMIN_KEY, api, drain, productRow, testDeps } from "../support/helpers";

const FAKE_KEY = "sk-fake-llm-key";

/** Makes one product with `generator` and runs the pipeline to its end. */
async function published(generator: ProductGenerator, topic: string, languages: ("en" | "ko")[] = ["en"]) {
	const deps = await testDeps({ generator });
	const [product] = await createProducts(deps, [
		{ topic, kind: "digital_kit", price_cents: 100, currency: "usd", download_limit: 5, link_ttl_seconds: 3600, languages },
	]);
	if (!product) throw new Error("not created");
	await drain(deps);
	const row = await productRow(product.id);
	expect(row?.status, row?.lastError ?? "").toBe("PUBLISHED");
	return product.id;
}

/** The package's manifest.json, read back from the ZIP in R2. */
async function manifestInR2(id: string): Promise<PackageManifest> {
	const pkg = await env.DB.prepare("SELECT r2_key FROM packages WHERE product_id = ?").bind(id).first<{ r2_key: string }>();
	const object = await env.FILES.get(pkg?.r2_key ?? "");
	if (!object) throw new Error("package missing from R2");
	const entries = await readZipDigests(object.body, (path) => path === "manifest.json");
	return PackageManifest.parse(JSON.parse(new TextDecoder().decode(entries.find((entry) => entry.path === "manifest.json")?.body)));
}

/** The admin product page, signed in with the admin key, in the language the cookie picks. */
async function adminPage(id: string, lang: "en" | "ko"): Promise<string> {
	const login = await api("/admin/login", {
		method: "POST",
		auth: null,
		headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:8787", Accept: "text/html", "CF-Connecting-IP": "10.9.8.7" },
		body: new URLSearchParams({ key: ADMIN_KEY }).toString(),
	});
	const token = /(?:^|[\s,])ef_admin=([^;]+)/.exec(login.headers.get("Set-Cookie") ?? "")?.[1];
	if (!token) throw new Error("no admin session");
	const res = await api(`/admin/products/${id}`, { auth: null, headers: { Cookie: `ef_admin=${token}; lang=${lang}`, Accept: "text/html" } });
	expect(res.status).toBe(200);
	return res.text();
}

/** The text of the admin page's "Written by" fact. */
function writtenBy(html: string, label: string): string | undefined {
	return new RegExp(`<dt>${label}</dt>\\s*<dd>([^<]*)</dd>`).exec(html)?.[1];
}

describe("the product says who wrote it", () => {
	it("an LLM product: llm:<model> in D1, the ZIP's manifest, the API detail and the admin page", async () => {
		const id = await published(llmGenerator({ baseUrl: inject("llmUrl"), apiKey: FAKE_KEY, model: "gpt-test" }), "urban beekeeping writer");
		const version = await env.DB.prepare("SELECT generator FROM product_versions WHERE product_id = ?").bind(id).first<{ generator: string }>();
		expect(version?.generator).toBe("llm:gpt-test");
		const manifest = await manifestInR2(id);
		expect(manifest.writer).toBe("llm:gpt-test");
		const detail = (await (await api(`/api/products/${id}`)).json()) as { writer: string | null; package: { manifest: PackageManifest } };
		expect(detail.writer).toBe("llm:gpt-test");
		expect(detail.package.manifest.writer).toBe("llm:gpt-test");
		expect(writtenBy(await adminPage(id, "en"), "Written by")).toBe("LLM, model gpt-test");
		expect(writtenBy(await adminPage(id, "ko"), "작성")).toBe("LLM, 모델 gpt-test");
		// The ZIP holds what the model wrote: its first chapter heading is in the guide.
		const pkg = await env.DB.prepare("SELECT r2_key FROM packages WHERE product_id = ?").bind(id).first<{ r2_key: string }>();
		const object = await env.FILES.get(pkg?.r2_key ?? "");
		const entries = await readZipDigests((object as R2ObjectBody).body, (path) => path === "guide.md");
		expect(new TextDecoder().decode(entries.find((entry) => entry.path === "guide.md")?.body)).toContain(
			fakeKit("urban beekeeping writer", "en").chapters[0]?.heading,
		);
	});

	it("an offline product: template in the manifest, the API detail and the admin page, Korean included", async () => {
		const id = await published(templateGenerator, "초보자를 위한 수채화 그리기", ["ko", "en"]);
		expect((await manifestInR2(id)).writer).toBe("template");
		const detail = (await (await api(`/api/products/${id}`)).json()) as { writer: string | null };
		expect(detail.writer).toBe("template");
		expect(writtenBy(await adminPage(id, "en"), "Written by")).toBe("Offline templates");
		expect(writtenBy(await adminPage(id, "ko"), "작성")).toBe("오프라인 템플릿");
	});
});
