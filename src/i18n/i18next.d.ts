import "i18next";
import type { en } from "./en";

// Message keys are checked at compile time: `t("storefront:buy")` must exist in the English
// catalogue (and, through `Catalogue`, in every other one).
declare module "i18next" {
	interface CustomTypeOptions {
		defaultNS: "common";
		resources: typeof en;
		returnNull: false;
	}
}
