import type { Viewer } from "../../accounts/viewer";

/** Where a signed-out reader signs in and comes back to this very page. */
export function signInHref(viewer: Viewer | null | undefined): string {
	const path = viewer?.path ?? "/";
	return path === "/" ? "/auth/login" : `/auth/login?return_to=${encodeURIComponent(path)}`;
}

/** The hidden fields every community form carries: the session's CSRF token and where to come back to. */
export function FormFields({ csrfToken, returnTo }: { csrfToken: string; returnTo: string }) {
	return (
		<>
			<input type="hidden" name="_csrf" value={csrfToken} />
			<input type="hidden" name="return_to" value={returnTo} />
		</>
	);
}
