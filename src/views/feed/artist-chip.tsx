import { initials } from "../format";

/** A person as the feed shows them: avatar (or initials) and nickname, linking to their profile. */
export type ShownArtist = { id: string; nickname: string; avatar_url: string | null };

/** The avatar and nickname of an artist, linking to `/users/:id`. */
export function ArtistChip({ artist, size = 32 }: { artist: ShownArtist; size?: number }) {
	return (
		<a class="artist-chip" href={`/users/${encodeURIComponent(artist.id)}`}>
			{artist.avatar_url ? (
				<img class="avatar" src={artist.avatar_url} alt="" width={size} height={size} loading="lazy" />
			) : (
				<span class="avatar avatar-initials" aria-hidden="true">
					{initials(artist.nickname) || "?"}
				</span>
			)}
			<span class="artist-chip-name">{artist.nickname}</span>
		</a>
	);
}
