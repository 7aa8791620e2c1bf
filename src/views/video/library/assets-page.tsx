import type { Viewer } from "../../../accounts/viewer";
import { useI18n } from "../../../i18n/context";
import { VideoAspect } from "../../../shared/gpu-jobs";
import type { AssetQuery, AssetView } from "../../../video/assets/assets";
import { Layout } from "../../layout";
import { VideoNav } from "../nav";
import { Csrf, DeleteForm, type LibraryNotice, LibraryNoticeLine } from "./notice";

export type AssetsPageProps = {
	viewer?: Viewer | null;
	csrfToken: string;
	assets: AssetView[];
	total: number;
	folders: string[];
	query: AssetQuery;
	storage: { used: number; limit: number };
	/** Images still being generated into the library. */
	pending: number;
	notice: LibraryNotice;
};

/** A query string for the same filters on another page. */
function pageHref(query: AssetQuery, page: number): string {
	const params = new URLSearchParams();
	if (query.folder !== undefined) params.set("folder", query.folder);
	if (query.tag) params.set("tag", query.tag);
	if (query.q) params.set("q", query.q);
	if (query.type) params.set("type", query.type);
	params.set("page", String(page));
	return `/video/assets?${params}`;
}

function Preview({ asset }: { asset: AssetView }) {
	if (asset.type === "image") return <img src={asset.url} alt="" loading="lazy" width={160} />;
	// A user's own upload has no caption track to offer: the preview only lets them check the file.
	// biome-ignore lint/a11y/useMediaCaption: the library holds raw media without captions.
	if (asset.type === "audio") return <audio controls preload="none" src={asset.url} />;
	// biome-ignore lint/a11y/useMediaCaption: the library holds raw media without captions.
	return <video controls preload="none" src={asset.url} width={160} />;
}

/**
 * `/video/assets`: the library with its storage of the plan's limit, filters (folder, tag, name,
 * type), several files uploaded at once, an image generated into it, and each asset renamed,
 * moved, tagged or deleted. Forms only; no JavaScript needed.
 */
export function AssetsPage({ viewer, csrfToken, assets, total, folders, query, storage, pending, notice }: AssetsPageProps) {
	const { t, bytes, date } = useI18n();
	const pages = Math.max(1, Math.ceil(total / query.limit));
	return (
		<Layout title={t("video:library.assets.title")} viewer={viewer} noindex>
			<VideoNav current="assets" />
			<h1>{t("video:library.assets.title")}</h1>
			<p class="muted">{t("video:library.assets.intro")}</p>
			<p class="library-storage">
				<span id="asset-storage">{t("video:library.assets.storage", { used: bytes(storage.used), limit: bytes(storage.limit) })}</span>
				<meter aria-labelledby="asset-storage" min={0} max={storage.limit} high={storage.limit * 0.9} value={Math.min(storage.used, storage.limit)} />
			</p>
			<LibraryNoticeLine notice={notice} />
			{pending > 0 ? (
				<p class="notice" role="status">
					{t("video:library.assets.pending", { count: pending })}
				</p>
			) : null}

			<section aria-labelledby="asset-upload-title" class="library-forms">
				<h2 id="asset-upload-title">{t("video:library.assets.upload")}</h2>
				<form method="post" action="/video/assets/upload" enctype="multipart/form-data" class="stack">
					<Csrf token={csrfToken} />
					<label for="upload-files">{t("video:library.assets.files")}</label>
					<input id="upload-files" type="file" name="files" multiple required accept="image/png,image/jpeg,image/webp,audio/wav,audio/mpeg,video/mp4" />
					<label for="upload-folder">{t("video:library.assets.folder")}</label>
					<input id="upload-folder" name="folder" maxlength={100} list="asset-folders" value={query.folder ?? ""} />
					<label for="upload-tags">{t("video:library.assets.tags")}</label>
					<input id="upload-tags" name="tags" maxlength={330} />
					<button type="submit">{t("video:library.assets.upload")}</button>
				</form>
				<h2 id="asset-generate-title">{t("video:library.assets.generate")}</h2>
				<form method="post" action="/video/assets/generate" class="stack">
					<Csrf token={csrfToken} />
					<label for="generate-prompt">{t("video:library.assets.prompt")}</label>
					<textarea id="generate-prompt" name="prompt" rows={2} required maxlength={500} />
					<label for="generate-aspect">{t("video:library.assets.aspect")}</label>
					<select id="generate-aspect" name="aspect">
						{VideoAspect.options.map((aspect) => (
							<option value={aspect} selected={aspect === "1:1"}>
								{aspect}
							</option>
						))}
					</select>
					<label for="generate-folder">{t("video:library.assets.folder")}</label>
					<input id="generate-folder" name="folder" maxlength={100} list="asset-folders" />
					<button type="submit">{t("video:library.assets.generateButton")}</button>
				</form>
				<datalist id="asset-folders">
					{folders.map((folder) => (
						<option value={folder} />
					))}
				</datalist>
			</section>

			<section aria-labelledby="asset-list-title">
				<h2 id="asset-list-title">{t("video:library.assets.total", { count: total })}</h2>
				<form method="get" action="/video/assets" class="library-filter">
					<label>
						{t("video:library.assets.folder")}
						<select name="folder">
							<option value="__all" selected={query.folder === undefined}>
								{t("video:library.assets.allFolders")}
							</option>
							<option value="" selected={query.folder === ""}>
								{t("video:library.assets.topFolder")}
							</option>
							{folders.map((folder) => (
								<option value={folder} selected={query.folder === folder}>
									{folder}
								</option>
							))}
						</select>
					</label>
					<label>
						{t("video:library.assets.tag")}
						<input name="tag" maxlength={30} value={query.tag ?? ""} />
					</label>
					<label>
						{t("video:library.assets.search")}
						<input name="q" type="search" maxlength={100} value={query.q ?? ""} />
					</label>
					<label>
						{t("video:library.assets.type")}
						<select name="type">
							{(["all", "image", "audio", "video"] as const).map((type) => (
								<option value={type === "all" ? "" : type} selected={(query.type ?? "") === (type === "all" ? "" : type)}>
									{t(`video:library.assets.types.${type}`)}
								</option>
							))}
						</select>
					</label>
					<button type="submit">{t("video:library.assets.filter")}</button>
				</form>
				{assets.length === 0 ? <p class="empty">{t("video:library.assets.empty")}</p> : null}
				<ul class="library-list library-assets">
					{assets.map((asset) => (
						<li class="library-card" data-asset-id={asset.id} data-type={asset.type}>
							<Preview asset={asset} />
							<h3>
								<a href={asset.url}>{asset.name}</a>
							</h3>
							<p class="muted small">
								{asset.folder || t("video:library.assets.topFolder")} · {asset.content_type} · {bytes(asset.size)} ·{" "}
								{t(`video:library.assets.sources.${asset.source}`)} · {date(asset.created_at)}
							</p>
							{asset.tags.length > 0 ? (
								<ul class="tag-list small">
									{asset.tags.map((tag) => (
										<li>
											<a href={`/video/assets?tag=${encodeURIComponent(tag)}`}>#{tag}</a>
										</li>
									))}
								</ul>
							) : null}
							<details>
								<summary>{t("video:library.edit")}</summary>
								<form method="post" action={`/video/assets/${asset.id}`} class="stack">
									<Csrf token={csrfToken} />
									<label for={`${asset.id}-name`}>{t("video:library.assets.rename")}</label>
									<input id={`${asset.id}-name`} name="name" required maxlength={120} value={asset.name} />
									<label for={`${asset.id}-folder`}>{t("video:library.assets.folder")}</label>
									<input id={`${asset.id}-folder`} name="folder" maxlength={100} list="asset-folders" value={asset.folder} />
									<label for={`${asset.id}-tags`}>{t("video:library.assets.tags")}</label>
									<input id={`${asset.id}-tags`} name="tags" maxlength={330} value={asset.tags.join(", ")} />
									<button type="submit">{t("video:library.save")}</button>
								</form>
							</details>
							<DeleteForm action={`/video/assets/${asset.id}/delete`} csrfToken={csrfToken} />
						</li>
					))}
				</ul>
				{pages > 1 ? (
					<nav class="pagination" aria-label={t("video:library.assets.page", { page: query.page, pages })}>
						{query.page > 1 ? <a href={pageHref(query, query.page - 1)}>{t("video:library.assets.previous")}</a> : null}
						<span>{t("video:library.assets.page", { page: query.page, pages })}</span>
						{query.page < pages ? <a href={pageHref(query, query.page + 1)}>{t("video:library.assets.next")}</a> : null}
					</nav>
				) : null}
			</section>
		</Layout>
	);
}
