package io.reelgraph.nodes.draft;

import java.util.Objects;

/**
 * A request for draft speech.
 *
 * @param text      the line to speak; its word count sets the length
 * @param voice     the voice id, which sets the pitch
 * @param seed      the generation seed
 * @param variation the variation index, zero or more
 */
public record SpeechRequest(String text, String voice, long seed, int variation) {

    public SpeechRequest {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(voice, "voice");
        if (variation < 0) {
            throw new IllegalArgumentException(
                    "Draft speech variation must be zero or more, got " + variation);
        }
    }
}
