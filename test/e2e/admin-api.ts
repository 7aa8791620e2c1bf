import type { LocalStack } from "../support/local-stack.ts";

/** A call to the stack's admin API with its key. */
export async function adminApi<T>(stack: LocalStack, path: string, init: RequestInit = {}): Promise<T> {
	const res = await fetch(`${stack.url}${path}`, { ...init, headers: { Authorization: `Bearer ${stack.adminKey}`, "Content-Type": "application/json" } });
	if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

type Detail = {
	product: { id: string; title: string; slug: string; status: string; last_error: string | null };
	package: { sha256: string; size: number } | null;
};

/** Creates a product through the admin API and waits until the pipeline has published it. */
export async function publishedProduct(stack: LocalStack, body: Record<string, unknown>): Promise<Detail> {
	const { product } = await adminApi<{ product: { id: string } }>(stack, "/api/products", { method: "POST", body: JSON.stringify(body) });
	for (let i = 0; i < 240; i++) {
		const detail = await adminApi<Detail>(stack, `/api/products/${product.id}`);
		if (detail.product.status === "PUBLISHED") return detail;
		if (detail.product.status.endsWith("FAILED")) throw new Error(`pipeline failed: ${detail.product.last_error}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error("product not published in time");
}
