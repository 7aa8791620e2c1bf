import { locales } from "zod";
import type { AppError } from "../lib/errors";
import type { Locale } from "../shared/locale";
import type { I18n } from "./i18n";

/** zod's own wording of a failed check, per language (zod ships both). */
const ZOD_LOCALES: Record<Locale, ReturnType<typeof locales.en>> = { en: locales.en(), ko: locales.ko() };

/**
 * The error's `message` in the reader's language. Messages are written in English where they
 * are thrown, with the specifics (which field, which state); in another language a failed
 * validation is worded again from zod's issues, field by field, and any other error gets its
 * code's message from the catalogue. The `code` never changes.
 */
export function localizedErrorMessage(error: AppError, i18n: I18n): string {
	if (i18n.locale === "en") return error.message;
	if (error.validation) {
		const { target, issues } = error.validation;
		const zod = ZOD_LOCALES[i18n.locale];
		const parts = issues.map((issue) => {
			// zod's error maps read the raw issue; a finished issue has every field they use but `input`.
			const worded = zod.localeError(issue as Parameters<typeof zod.localeError>[0]);
			const problem = typeof worded === "string" ? worded : (worded?.message ?? i18n.t("errors:message.VALIDATION_FAILED"));
			return i18n.t("errors:field", { field: issue.path.map(String).join(".") || target, problem });
		});
		if (parts.length > 0) return parts.join("; ");
	}
	// The limit an error names (PLAN_LIMIT_REACHED) is a word of the catalogue's `detail` section (`storage` → "저장 공간").
	const limit = error.details?.limit;
	if (limit === undefined) return i18n.t(`errors:message.${error.code}`);
	return i18n.t("errors:planLimit", { limit: i18n.t(`errors:detail.${limit as "storage"}`, { defaultValue: limit }) });
}
