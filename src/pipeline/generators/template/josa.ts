/**
 * Korean particles (조사) after a value the pack cannot know in advance, such as the topic's
 * subject: 은/는, 이/가, 을/를 … depend on whether the value's last syllable ends in a consonant
 * (받침). See the placeholder syntax in `domains/types.ts`.
 */

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
/** 받침 index of ㄹ in a precomposed syllable (the "(code - 0xAC00) % 28" component). */
const RIEUL = 8;

/** Final-consonant kind of the last sound: none, ㄹ, any other consonant, or unknown. */
type Ending = "vowel" | "rieul" | "consonant" | "unknown";

/** How Korean reads digits: 0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구. */
const DIGIT_ENDINGS: Record<string, Ending> = {
	"0": "consonant",
	"1": "rieul",
	"2": "vowel",
	"3": "consonant",
	"4": "vowel",
	"5": "vowel",
	"6": "consonant",
	"7": "rieul",
	"8": "rieul",
	"9": "vowel",
};

function lastSound(value: string): Ending {
	// Closing brackets, quotes and punctuation do not change how the word is read.
	const trimmed = value.replace(/[\s)\]"'’”」』.!?,·…]+$/u, "");
	const last = trimmed.slice(-1);
	if (last === "") return "unknown";
	const code = last.charCodeAt(0);
	if (code >= HANGUL_FIRST && code <= HANGUL_LAST) {
		const final = (code - HANGUL_FIRST) % 28;
		if (final === 0) return "vowel";
		return final === RIEUL ? "rieul" : "consonant";
	}
	const digit = DIGIT_ENDINGS[last];
	if (digit) return digit;
	if (/[a-z]/i.test(last)) {
		// Loanwords as Koreans say them: Excel 엑셀, Python 파이썬, Instagram 인스타그램, tiktok 틱톡,
		// but React 리액트, Java 자바, Docker 도커 (a final t, d, s, r or vowel gets no 받침).
		const word = trimmed.toLowerCase();
		if (word.endsWith("l")) return "rieul";
		if (/(?:m|n|ng|k|ck|b)$/.test(word) && !/(?:ke|be)$/.test(word)) return "consonant";
		return "vowel";
	}
	return "unknown";
}

/** [after a consonant, after a vowel]; ㄹ is handled for 으로 only. Longest first, so 이나 wins over 이. */
const PAIRS: readonly (readonly [string, string])[] = [
	["이에요", "예요"],
	["으로", "로"],
	["이라", "라"],
	["이나", "나"],
	["은", "는"],
	["이", "가"],
	["을", "를"],
	["과", "와"],
];

/**
 * Appends `particle` to `value` in the form its last sound needs. `particle` may be written in
 * either form of a pair and may carry a tail (`으로는`, `이라는`); particles without alternation
 * (`에`, `도`, `의`) are appended as they are. An unknown ending writes the conventional `을(를)`.
 */
export function withJosa(value: string, particle: string): string {
	for (const [consonantForm, vowelForm] of PAIRS) {
		const head = particle.startsWith(consonantForm) ? consonantForm : particle.startsWith(vowelForm) ? vowelForm : null;
		if (head === null) continue;
		// "가" also begins "까지"-like words only in theory; a pair is matched on its own head only.
		const tail = particle.slice(head.length);
		const ending = lastSound(value);
		if (ending === "unknown") return `${value}${consonantForm}(${vowelForm})${tail}`;
		const useVowelForm = ending === "vowel" || (ending === "rieul" && consonantForm === "으로");
		return `${value}${useVowelForm ? vowelForm : consonantForm}${tail}`;
	}
	return `${value}${particle}`;
}
