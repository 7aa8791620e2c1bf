import { describe, expect, it } from "vitest";
import { zipStream } from "../../src/lib/zip";

const encoder = new TextEncoder();

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
	const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
	return bytes;
}

/** Every central directory entry: its general-purpose flags and its name bytes, decoded as UTF-8. */
function centralDirectory(zip: Uint8Array): { flags: number; name: string }[] {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	const entries: { flags: number; name: string }[] = [];
	for (let i = 0; i + 46 <= zip.byteLength; i++) {
		if (view.getUint32(i, true) !== 0x02014b50) continue;
		const flags = view.getUint16(i + 8, true);
		const nameLength = view.getUint16(i + 28, true);
		entries.push({ flags, name: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(zip.subarray(i + 46, i + 46 + nameLength)) });
		i += 45 + nameLength;
	}
	return entries;
}

describe("ZIP entry names", () => {
	it("writes Korean names as UTF-8 with the language encoding flag (bit 11) set", async () => {
		const names = ["ko/가이드.md", "ko/체크리스트.md", "README.md"];
		const zip = await collect(
			zipStream(
				names.map((path) => ({ path, open: async () => encoder.encode(`${path} 내용`) })),
				new Date("2026-12-04T00:00:00Z"),
			),
		);
		const entries = centralDirectory(zip);
		expect(entries.map((entry) => entry.name)).toEqual(names);
		for (const entry of entries.filter((e) => /[^\x20-\x7e]/.test(e.name))) expect(entry.flags & 0x0800).toBe(0x0800);
	});
});
