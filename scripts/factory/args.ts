import { parseArgs } from "node:util";
import { isLocale, LOCALES, type Locale } from "../../src/shared/locale.ts";

/** Where the CLI talks to when `--url` is not given: `npm start`'s default address. */
export const DEFAULT_URL = "http://127.0.0.1:8787";

/** Default `--timeout` in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 300;

/** The synopsis, printed after every usage error. */
export const SHORT_USAGE = `Usage:
  npm run factory -- --topic "..." [--batch 3] [--kind digital_kit] [--price 1900] [--languages ko,en]
                     [--download-limit 5] [--timeout 300] [--url ${DEFAULT_URL}] [--json]
  npm run factory -- status [id] [--json] [--url ...]
  npm run factory -- retry <id> [--timeout 300] [--json] [--url ...]`;

/** The full usage text, printed with `--help`. */
export const USAGE = `${SHORT_USAGE}

Makes products through the admin API and watches them until each is PUBLISHED or failed.
  --topic            what the products are about (3-200 characters; varied topics when omitted)
  --batch            how many products, 1-50 (default 1)
  --kind             product kind (server default: digital_kit)
  --price            price in cents, e.g. 1900 for 19.00 (server default: 1900)
  --languages        the product's languages, primary first: en, ko, en,ko or ko,en (server default: en)
  --download-limit   downloads per purchase, 1-100 (server default: 5)
  --timeout          seconds to wait for the pipeline before giving up (default ${DEFAULT_TIMEOUT_SECONDS})
  --url              the Edge Factory server (default ${DEFAULT_URL})
  --json             no progress output; one JSON document at the end
The admin key comes from FACTORY_API_KEY, else ADMIN_API_KEY in ./.dev.vars.
Exit codes: 0 all published (or command done), 1 failure or runtime error, 2 usage error.`;

/** A mistake on the command line: exit code 2, with the usage text. */
export class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = "UsageError";
	}
}

/** Options every command understands. */
export type CommonOptions = { url: string; json: boolean };

/** `factory --topic ...`: create products and watch them. */
export type CreateCommand = CommonOptions & {
	name: "create";
	topic: string | undefined;
	batch: number;
	kind: string | undefined;
	priceCents: number | undefined;
	/** The product's languages, primary first (`--languages ko,en`); server default English. */
	languages: Locale[] | undefined;
	downloadLimit: number | undefined;
	timeoutSeconds: number;
};

/** `factory status [id]`: the latest products, or one product's detail. */
export type StatusCommand = CommonOptions & { name: "status"; id: string | undefined };

/** `factory retry <id>`: restart a stopped pipeline and watch it. */
export type RetryCommand = CommonOptions & { name: "retry"; id: string; timeoutSeconds: number };

/** What the command line asks for. */
export type Command = { name: "help" } | CreateCommand | StatusCommand | RetryCommand;

const OPTIONS = {
	topic: { type: "string" },
	batch: { type: "string" },
	kind: { type: "string" },
	price: { type: "string" },
	languages: { type: "string" },
	"download-limit": { type: "string" },
	timeout: { type: "string" },
	url: { type: "string" },
	json: { type: "boolean" },
	help: { type: "boolean", short: "h" },
} as const;

type OptionName = keyof typeof OPTIONS;

/** Flags that only make sense when creating products; `status` and `retry` refuse them. */
const CREATE_ONLY: OptionName[] = ["topic", "batch", "kind", "price", "languages", "download-limit"];

/**
 * Parses the CLI's arguments (without `node` and the script). Throws {@link UsageError} with a
 * one-line reason for anything it does not understand, before anything touches the network.
 */
export function parseCli(argv: string[]): Command {
	const { values, positionals } = parseStrict(argv);
	if (values.help) return { name: "help" };

	const common: CommonOptions = { url: parseUrl(values.url), json: values.json ?? false };
	const [subcommand, ...rest] = positionals;

	if (subcommand === undefined) {
		return {
			name: "create",
			...common,
			topic: parseTopic(values.topic),
			batch: values.batch === undefined ? 1 : parseIntegerIn("--batch", values.batch, 1, 50),
			kind: parseKind(values.kind),
			priceCents: values.price === undefined ? undefined : parseCents(values.price),
			languages: values.languages === undefined ? undefined : parseLanguages(values.languages),
			downloadLimit: values["download-limit"] === undefined ? undefined : parseIntegerIn("--download-limit", values["download-limit"], 1, 100),
			timeoutSeconds: parseTimeout(values.timeout),
		};
	}
	if (subcommand === "help") return { name: "help" };
	if (subcommand === "status" || subcommand === "retry") {
		for (const name of CREATE_ONLY) {
			if (values[name] !== undefined) throw new UsageError(`--${name} is not an option of \`${subcommand}\`.`);
		}
		if (rest.length > 1) throw new UsageError(`\`${subcommand}\` takes one product id, got ${rest.length}: ${rest.join(" ")}`);
		const id = rest[0];
		if (subcommand === "status") {
			if (values.timeout !== undefined) throw new UsageError("--timeout is not an option of `status`.");
			return { name: "status", ...common, id };
		}
		if (id === undefined || id.trim() === "") throw new UsageError("`retry` needs a product id: npm run factory -- retry <id>");
		return { name: "retry", ...common, id, timeoutSeconds: parseTimeout(values.timeout) };
	}
	// A bare word is most likely a topic typed without --topic: say so.
	throw new UsageError(`Unknown command "${subcommand}" (commands: status, retry; to make products use --topic "${subcommand}").`);
}

function parseStrict(argv: string[]) {
	try {
		return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
	} catch (error) {
		throw new UsageError(parseArgsMessage(error));
	}
}

/** Node's parseArgs messages carry a long hint about `--`; keep the first sentence. */
function parseArgsMessage(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const code = "code" in error ? error.code : undefined;
	const option = /'(-[^' ]+)/.exec(error.message)?.[1];
	if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return `Unknown option ${option}.`;
	const first = error.message.split(/(?<=\.)\s/)[0] ?? error.message;
	return first.replace(/'/g, "");
}

function parseUrl(value: string | undefined): string {
	const raw = value ?? DEFAULT_URL;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new UsageError(`--url must be an http(s) URL such as ${DEFAULT_URL} (got "${raw}").`);
	}
	if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--url must be an http(s) URL (got "${raw}").`);
	// Paths are appended to it, so no trailing slash (a server under a path prefix still works).
	return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

function parseTopic(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	const topic = value.trim();
	if (topic.length < 3 || topic.length > 200) throw new UsageError(`--topic must be 3 to 200 characters (got ${topic.length}).`);
	return topic;
}

function parseKind(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	if (!/^[a-z][a-z0-9_]*$/.test(value)) throw new UsageError(`--kind must be a kind name such as digital_kit (got "${value}").`);
	return value;
}

function parseCents(value: string): number {
	if (!/^\d+$/.test(value)) throw new UsageError(`--price must be a whole number of cents, e.g. 1900 for 19.00 (got "${value}").`);
	const cents = Number(value);
	if (!Number.isSafeInteger(cents) || cents > 100_000_000) throw new UsageError(`--price must be at most 100000000 cents (got ${value}).`);
	return cents;
}

function parseIntegerIn(flag: string, value: string, min: number, max: number): number {
	const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
	if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${value}").`);
	return n;
}

function parseTimeout(value: string | undefined): number {
	if (value === undefined) return DEFAULT_TIMEOUT_SECONDS;
	const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
	if (!(seconds > 0) || seconds > 86_400) throw new UsageError(`--timeout must be a positive number of seconds, at most 86400 (got "${value}").`);
	return seconds;
}

/** `--languages ko,en`: known codes, no repeats, primary first. */
function parseLanguages(value: string): Locale[] {
	const list = value.split(",").map((code) => code.trim().toLowerCase());
	const unknown = list.filter((code) => !isLocale(code));
	if (list.length === 0 || unknown.length > 0)
		throw new UsageError(`--languages takes ${LOCALES.join(", ")} separated by commas, primary first (got "${value}").`);
	if (new Set(list).size !== list.length) throw new UsageError(`--languages names a language twice (got "${value}").`);
	return list as Locale[];
}
