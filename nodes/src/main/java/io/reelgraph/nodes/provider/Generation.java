package io.reelgraph.nodes.provider;

import io.reelgraph.engine.artifact.Artifact;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What a provider returned for one request: the media, already downloaded and typed by its
 * bytes, and what the provider said the call cost and how it named the request, where it says.
 */
public record Generation(Artifact media, Optional<BigDecimal> actualUsd,
        Optional<String> providerRequestId) {

    public static Generation of(Artifact media) {
        return new Generation(media, Optional.empty(), Optional.empty());
    }
}
