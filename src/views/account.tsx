import type { Viewer } from "../accounts/viewer";
import { formatDateTime } from "../lib/format";
import type { ArtistApplicationStatus, UserRole } from "../shared/styles";
import { ErrorReference } from "./error-page";
import { Layout } from "./layout";

/** The user as the account page shows them. */
export type AccountUser = { name: string; email: string; role: UserRole; credits: number };

/** The latest artist application, if any. */
export type AccountApplication = { status: ArtistApplicationStatus; statement: string; createdAt: string; decidedAt: string | null };

/** Props of {@link AccountPage}. */
export type AccountPageProps = {
	user: AccountUser;
	application: AccountApplication | null;
	csrfToken: string;
	viewer: Viewer | null;
	/** After a successful application (post, redirect, get). */
	applied?: boolean;
	/** A refused application: the message, and what was typed, to fix it. */
	error?: string;
	statement?: string;
};

const APPLICATION_BADGES: Record<ArtistApplicationStatus, { label: string; tone: string }> = {
	pending: { label: "Waiting for review", tone: "badge-warning" },
	approved: { label: "Approved", tone: "badge-success" },
	rejected: { label: "Not approved", tone: "badge-neutral" },
};

/** The artist section: the role, the application's state, and the form when one may apply. */
function ArtistSection({ user, application, csrfToken, error, statement }: Omit<AccountPageProps, "viewer" | "applied">) {
	if (user.role === "artist") {
		return (
			<>
				<p>You are an approved artist: you can register your style, train it, and sell style packs.</p>
				<p>
					<a class="button button-primary" href="/me">
						Go to my page
					</a>
				</p>
			</>
		);
	}
	const pending = application?.status === "pending";
	return (
		<>
			{application ? (
				<div class="account-application">
					<p>
						Your application of {formatDateTime(application.createdAt)}:{" "}
						<span class={`badge ${APPLICATION_BADGES[application.status].tone}`}>{APPLICATION_BADGES[application.status].label}</span>
					</p>
					<blockquote class="account-statement">{application.statement}</blockquote>
					{application.status === "rejected" ? <p class="muted small">You can tell us more and apply again.</p> : null}
				</div>
			) : (
				<p>Artists register their art style; the platform trains a model of it, and buyers spend credits to generate images in it, each one signed.</p>
			)}
			{pending ? (
				<p class="muted small">An admin reviews applications; this page shows the decision.</p>
			) : (
				<form method="post" action="/account/artist-application" class="account-apply">
					<input type="hidden" name="_csrf" value={csrfToken} />
					{error ? (
						<div class="alert alert-error" role="alert" id="statement-error">
							{error}
						</div>
					) : null}
					<div class="field">
						<label for="statement">About your art</label>
						<textarea
							id="statement"
							name="statement"
							rows={5}
							minlength={20}
							maxlength={2000}
							required
							aria-describedby={error ? "statement-hint statement-error" : "statement-hint"}
							aria-invalid={error ? "true" : undefined}
						>
							{statement ?? ""}
						</textarea>
						<p class="field-hint" id="statement-hint">
							20 to 2000 characters: your style, your medium, where we can see your work.
						</p>
					</div>
					<button class="button button-primary" type="submit">
						Apply to become an artist
					</button>
				</form>
			)}
		</>
	);
}

/** `/account`: who is signed in, the balance, the artist application, and signing out. */
export function AccountPage(props: AccountPageProps) {
	const { user, csrfToken, viewer, applied } = props;
	return (
		<Layout title="Your account" noindex viewer={viewer}>
			<div class="account">
				<h1>Your account</h1>
				{applied ? (
					<p class="notice" role="status">
						Thank you: your application was sent. You will see the decision here.
					</p>
				) : null}
				<section class="card account-card" aria-labelledby="account-profile">
					<h2 id="account-profile" class="card-title">
						Profile
					</h2>
					<dl class="account-facts">
						<div>
							<dt>Name</dt>
							<dd>{user.name}</dd>
						</div>
						<div>
							<dt>Email</dt>
							<dd class="break">{user.email}</dd>
						</div>
						<div>
							<dt>Role</dt>
							<dd>{user.role === "artist" ? "Artist" : "User"}</dd>
						</div>
						<div>
							<dt>Credits</dt>
							<dd>
								<a href="/credits">{user.credits.toLocaleString("en-US")} credits</a>
							</dd>
						</div>
					</dl>
				</section>
				<section class="card account-card" aria-labelledby="account-artist">
					<h2 id="account-artist" class="card-title">
						Become an artist
					</h2>
					<ArtistSection {...props} />
				</section>
				<form method="post" action="/auth/logout" class="account-signout">
					<input type="hidden" name="_csrf" value={csrfToken} />
					<button class="button button-secondary" type="submit">
						Sign out
					</button>
				</form>
			</div>
		</Layout>
	);
}

/** Props of {@link SignInErrorPage}. */
export type SignInErrorPageProps = { status: number; code: string; message: string; requestId: string; heading: string };

/** A sign-in that could not finish, in words, with the way out: start again. */
export function SignInErrorPage({ status, code, message, requestId, heading }: SignInErrorPageProps) {
	return (
		<Layout title={heading} noindex noReferrer narrow>
			<section class="card error-card" aria-labelledby="error-title">
				<p class="error-status">Error {status}</p>
				<h1 id="error-title">{heading}</h1>
				<p class="lead">{message}</p>
				<div class="error-actions">
					{code === "RATE_LIMITED" ? null : (
						<a class="button button-primary" href="/auth/login">
							Sign in again
						</a>
					)}
					<a class="button button-ghost" href="/">
						Browse the store
					</a>
				</div>
				<ErrorReference code={code} requestId={requestId} />
			</section>
		</Layout>
	);
}
