import { describe, expect, it } from "vitest";
// The doc as text, bundled into the test by Vite (the Workers pool has no file system to read it from).
import doc from "../../docs/community.md?raw";
import { RETENTION, retentionMarkdown } from "../../src/views/legal/retention";

/** The table between the doc's retention markers. */
function documentedTable(): string {
	const match = /<!-- retention:start -->\n([\s\S]*?)\n<!-- retention:end -->/.exec(doc);
	if (!match?.[1]) throw new Error("docs/community.md has no retention table between its markers");
	return match[1].trim();
}

/** A Markdown table's cells, row by row, whatever padding a formatter gave them. */
function cells(table: string): string[][] {
	return table
		.split("\n")
		.filter((line) => !/^\|[\s:|-]+\|$/.test(line))
		.map((line) =>
			line
				.split("|")
				.slice(1, -1)
				.map((cell) => cell.trim()),
		);
}

describe("how long each kind of data is kept", () => {
	it("is the same list in docs/community.md as on the privacy page", () => {
		expect(cells(documentedTable())).toEqual(cells(retentionMarkdown("en")));
		expect(cells(documentedTable())).toHaveLength(RETENTION.length + 1);
	});
});
