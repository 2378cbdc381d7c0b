package io.falconeye.recorder.muxer;

import java.util.Locale;
import java.util.Set;

/** What happens to a source's audio in an MP4 segment. */
public enum AudioHandling {
    /** No audio stream: video only. */
    NONE,
    /** Audio MP4 holds as is (AAC, MP3, Opus, ...): copied. */
    COPY,
    /** Audio MP4 cannot hold (pcm_mulaw, pcm_alaw, other PCM, G.726, ...): encoded to AAC. */
    AAC;

    /** Codecs FFmpeg's MP4 muxer accepts as they are. */
    private static final Set<String> MP4_AUDIO = Set.of("aac", "mp3", "ac3", "eac3", "opus", "flac", "alac");

    /** The handling for an audio codec name as ffprobe reports it (null: no audio). */
    public static AudioHandling forCodec(String codecName) {
        if (codecName == null || codecName.isBlank()) {
            return NONE;
        }
        return MP4_AUDIO.contains(codecName.toLowerCase(Locale.ROOT)) ? COPY : AAC;
    }
}
