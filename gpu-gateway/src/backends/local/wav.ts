import { BackendError } from "../types.ts";

/** The parts of a PCM WAV file that joining and measuring need. */
export type Wav = { channels: number; sampleRate: number; bitsPerSample: number; byteRate: number; blockAlign: number; data: Uint8Array };

/**
 * Reads a PCM WAV by walking its chunks (fmt, data; others skipped). espeak-ng writes a plain
 * 44-byte header, but a walker also reads files with LIST chunks.
 */
export function parseWav(bytes: Uint8Array): Wav {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const ascii = (at: number) => String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
	if (bytes.byteLength < 12 || ascii(0) !== "RIFF" || ascii(8) !== "WAVE") throw new BackendError("SPEECH_INVALID", "not a WAV file", true);
	let fmt: Omit<Wav, "data"> | undefined;
	let offset = 12;
	while (offset + 8 <= bytes.byteLength) {
		const id = ascii(offset);
		const size = view.getUint32(offset + 4, true);
		const body = offset + 8;
		if (id === "fmt ") {
			if (view.getUint16(body, true) !== 1) throw new BackendError("SPEECH_INVALID", "WAV is not PCM", true);
			fmt = {
				channels: view.getUint16(body + 2, true),
				sampleRate: view.getUint32(body + 4, true),
				byteRate: view.getUint32(body + 8, true),
				blockAlign: view.getUint16(body + 12, true),
				bitsPerSample: view.getUint16(body + 14, true),
			};
		} else if (id === "data") {
			if (!fmt) throw new BackendError("SPEECH_INVALID", "WAV data before its format", true);
			// A streaming writer may leave the size at 0 or too large: take what is there.
			const end = size === 0 || body + size > bytes.byteLength ? bytes.byteLength : body + size;
			return { ...fmt, data: bytes.subarray(body, end) };
		}
		offset = body + size + (size % 2);
	}
	throw new BackendError("SPEECH_INVALID", "WAV has no data chunk", true);
}

/** Length of a WAV's audio in milliseconds: data bytes over byte rate. */
export function wavDurationMs(wav: Pick<Wav, "data" | "byteRate">): number {
	return wav.byteRate > 0 ? Math.round((wav.data.byteLength / wav.byteRate) * 1000) : 0;
}

/** Writes PCM audio as a WAV file with the canonical 44-byte header. */
export function encodeWav(format: Omit<Wav, "data">, data: Uint8Array): Uint8Array {
	const out = new Uint8Array(44 + data.byteLength);
	const view = new DataView(out.buffer);
	const ascii = (at: number, text: string) => {
		for (let i = 0; i < 4; i++) out[at + i] = text.charCodeAt(i);
	};
	ascii(0, "RIFF");
	view.setUint32(4, 36 + data.byteLength, true);
	ascii(8, "WAVE");
	ascii(12, "fmt ");
	view.setUint32(16, 16, true);
	view.setUint16(20, 1, true);
	view.setUint16(22, format.channels, true);
	view.setUint32(24, format.sampleRate, true);
	view.setUint32(28, format.byteRate, true);
	view.setUint16(32, format.blockAlign, true);
	view.setUint16(34, format.bitsPerSample, true);
	ascii(36, "data");
	view.setUint32(40, data.byteLength, true);
	out.set(data, 44);
	return out;
}

/** Silence of `ms` in a format, aligned to whole sample frames (8-bit PCM is unsigned: its silence is 128). */
export function silence(format: Pick<Wav, "sampleRate" | "blockAlign" | "bitsPerSample">, ms: number): Uint8Array {
	const frames = Math.round((format.sampleRate * ms) / 1000);
	const bytes = new Uint8Array(frames * format.blockAlign);
	if (format.bitsPerSample === 8) bytes.fill(128);
	return bytes;
}
