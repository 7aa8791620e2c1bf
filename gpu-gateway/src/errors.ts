/** An expected failure that `app.onError` turns into the `{ error: { code, message } }` envelope. */
export class AppError extends Error {
	readonly status: 400 | 401 | 404 | 409 | 500 | 503;
	readonly code: string;

	constructor(status: 400 | 401 | 404 | 409 | 500 | 503, code: string, message: string) {
		super(message);
		this.status = status;
		this.code = code;
	}
}
