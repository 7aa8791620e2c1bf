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
import type { DomainPack } from "./types";

/** Every specific domain, in tie-break order (earlier wins an equal score). */
export const DOMAINS: readonly DomainPack[] = [
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

/** The pack used when no domain scores. */
export const GENERIC_DOMAIN: DomainPack = generic;

export type { DomainId, DomainPack } from "./types";
