import type { Child } from "hono/jsx";
import { useI18n } from "../../i18n/context";
import type { I18n } from "../../i18n/i18n";

/** The hidden field every dashboard form posts: the session's CSRF token. */
export function CsrfField({ token }: { token: string }) {
	return <input type="hidden" name="_csrf" value={token} />;
}

/** Where {@link Slotted} puts its element: a character no message contains. */
const SLOT_MARK = "\u0001";

/**
 * A message with an element inside it (a link, an address in bold), the message's own word
 * order kept: `message` is rendered with `{{slot}}` set to a mark, and `slot` goes where the mark
 * is. Catalogues hold no markup, so this is how a sentence wraps one.
 */
export function Slotted({ message, slot }: { message: (slot: string) => string; slot: Child }) {
	const [before = "", after = ""] = message(SLOT_MARK).split(SLOT_MARK);
	return (
		<>
			{before}
			{slot}
			{after}
		</>
	);
}

/** Props of {@link PageHeader}. */
export type PageHeaderProps = {
	title: Child;
	/** A line under the title (counts, ids). */
	subtitle?: Child;
	/** Buttons or links on the right (e.g. Refresh). */
	actions?: Child;
	/** A small line above the title (breadcrumb back to the list). */
	back?: { href: string; label: string };
};

/** The top of every dashboard page: one h1 and its actions. */
export function PageHeader({ title, subtitle, actions, back }: PageHeaderProps) {
	return (
		<header class="page-head">
			<div class="page-head-text">
				{back ? (
					<a class="back-link" href={back.href}>
						<span aria-hidden="true">←</span> {back.label}
					</a>
				) : null}
				<h1>{title}</h1>
				{subtitle ? <p class="page-sub">{subtitle}</p> : null}
			</div>
			{actions ? <div class="page-actions">{actions}</div> : null}
		</header>
	);
}

/** A link to the page itself: the no-JavaScript way to see fresh pipeline progress. */
export function RefreshLink({ href }: { href: string }) {
	const { t } = useI18n();
	return (
		<a class="btn btn-secondary" href={href}>
			<svg class="icon" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
				<path
					d="M16 10a6 6 0 1 1-1.8-4.3M16 3.5v3.2h-3.2"
					fill="none"
					stroke="currentColor"
					stroke-width="1.8"
					stroke-linecap="round"
					stroke-linejoin="round"
				/>
			</svg>
			{t("admin:parts.refresh")}
		</a>
	);
}

/** Props of {@link Card}. */
export type CardProps = {
	/** Heading text; also names the section for screen readers. */
	title?: Child;
	/** Unique id for the heading, so the section is labelled by it. */
	id?: string;
	/** Right side of the card's header (a count, a link). */
	aside?: Child;
	class?: string;
	children?: Child;
};

/** A titled panel; a `<section>` labelled by its heading. */
export function Card({ title, id, aside, class: extra, children }: CardProps) {
	const headingId = id ? `${id}-title` : undefined;
	return (
		<section class={`card${extra ? ` ${extra}` : ""}`} id={id} aria-labelledby={title ? headingId : undefined}>
			{title ? (
				<header class="card-head">
					<h2 id={headingId}>{title}</h2>
					{aside ? <div class="card-aside">{aside}</div> : null}
				</header>
			) : null}
			{children}
		</section>
	);
}

/** What an empty list says instead of an empty table. */
export function EmptyState({ title, children }: { title: string; children?: Child }) {
	return (
		<div class="empty">
			<p class="empty-title">{title}</p>
			{children ? <p class="empty-text">{children}</p> : null}
		</div>
	);
}

/** Success banner after an action (post, redirect, get). */
export function Notice({ children, tone = "success" }: { children?: Child; tone?: "success" | "info" }) {
	return (
		<div class={`alert alert-${tone}`} role="status">
			{children}
		</div>
	);
}

/** A SHA-256 in full, monospaced and breakable, with its short form for scanning. */
export function Checksum({ sha256 }: { sha256: string }) {
	return (
		<code class="hash" title={sha256}>
			<span class="hash-head">{sha256.slice(0, 12)}</span>
			<span class="hash-tail">{sha256.slice(12)}</span>
		</code>
	);
}

/** A duration between two ISO timestamps in the reader's words, e.g. `"1.4 s"`, `"2분 5초"`; `"—"` while running. */
export function durationText(i18n: I18n, startedAt: string, finishedAt: string | null): string {
	if (!finishedAt) return "—";
	const ms = new Date(finishedAt).getTime() - new Date(startedAt).getTime();
	if (!Number.isFinite(ms) || ms < 0) return "—";
	if (ms < 1000) return i18n.t("admin:duration.ms", { value: i18n.number(ms) });
	if (ms < 60_000) return i18n.t("admin:duration.seconds", { value: (ms / 1000).toFixed(1) });
	const minutes = Math.floor(ms / 60_000);
	return i18n.t("admin:duration.minutes", { minutes, seconds: Math.round((ms % 60_000) / 1000) });
}

/** Date and time with the seconds (stage runs need them), in the reader's zone, the zone named. */
export function dateTimeWithSeconds(i18n: I18n, iso: string): string {
	return new Intl.DateTimeFormat(i18n.locale, {
		year: "numeric",
		month: "short",
		day: "numeric",
		hour: "numeric",
		minute: "2-digit",
		second: "2-digit",
		timeZone: i18n.timeZone,
		timeZoneName: "short",
	}).format(new Date(iso));
}

/** The clock time with seconds in the reader's zone, e.g. a stage's end after its start. */
export function clockTime(i18n: I18n, iso: string): string {
	return new Intl.DateTimeFormat(i18n.locale, { hour: "numeric", minute: "2-digit", second: "2-digit", timeZone: i18n.timeZone }).format(new Date(iso));
}

/** A product line in the reader's words; an unknown kind with its underscores as spaces. */
export function kindText(i18n: I18n, kind: string): string {
	switch (kind) {
		case "digital_kit":
		case "style_pack":
		case "portrait":
		case "short_video":
			return i18n.t(`admin:kinds.${kind}`);
		default:
			return kind.replaceAll("_", " ");
	}
}
