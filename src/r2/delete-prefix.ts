/** R2 deletes at most 1,000 keys per call; a listing page holds at most as many. */
const R2_PAGE = 1_000;

/** Deletes every R2 object under `prefix`, page by page (a listing is never assumed complete). Returns how many. */
export async function deletePrefix(files: R2Bucket, prefix: string): Promise<number> {
	let deleted = 0;
	let cursor: string | undefined;
	do {
		const page = await files.list({ prefix, cursor, limit: R2_PAGE });
		const keys = page.objects.map((object) => object.key);
		if (keys.length > 0) await files.delete(keys);
		deleted += keys.length;
		cursor = page.truncated ? page.cursor : undefined;
	} while (cursor);
	return deleted;
}
