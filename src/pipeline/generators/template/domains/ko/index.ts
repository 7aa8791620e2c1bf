import type { DomainPack } from "../types";
import { art } from "./art";
import { business } from "./business";
import { cooking } from "./cooking";
import { design } from "./design";
import { education } from "./education";
import { finance } from "./finance";
import { fitness } from "./fitness";
import { gardening } from "./gardening";
import { generic } from "./generic";
import { marketing } from "./marketing";
import { photography } from "./photography";
import { productivity } from "./productivity";
import { programming } from "./programming";
import { travel } from "./travel";

/** The Korean packs, in the same tie-break order as the English registry (domains/index.ts). */
export const KO_DOMAINS: readonly DomainPack[] = [
	marketing,
	finance,
	programming,
	fitness,
	cooking,
	travel,
	gardening,
	photography,
	productivity,
	education,
	art,
	design,
	business,
];

/** The Korean pack used when no domain scores. */
export const KO_GENERIC: DomainPack = generic;
