package io.reelgraph.nodes.provider;

import io.reelgraph.nodes.catalog.ModelSpec;

/** A request for one line of dialogue spoken by a voice. */
public record SpeechJob(ModelSpec model, String text, String voice, long seed, int variation) {
}
