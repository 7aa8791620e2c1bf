/**
 * The phone number field of the portrait pages (the job's phone step and the result page's
 * check): a Korean mobile number, typed any usual way; the server normalises it. The error, when
 * given, is announced and tied to the field.
 */
export function PhoneField(props: { id: string; label: string; hint: string; error?: string | undefined; errorKind?: string | undefined }) {
	const errorId = `${props.id}-error`;
	return (
		<div class="field">
			<label for={props.id}>{props.label}</label>
			<input
				id={props.id}
				name="phone"
				type="tel"
				inputmode="tel"
				autocomplete="tel"
				required
				maxlength={32}
				placeholder={props.hint}
				aria-describedby={props.error ? errorId : undefined}
				aria-invalid={props.error ? "true" : undefined}
			/>
			{props.error ? (
				<p class="alert alert-error" id={errorId} role="alert" data-error={props.errorKind ?? ""}>
					{props.error}
				</p>
			) : null}
		</div>
	);
}
