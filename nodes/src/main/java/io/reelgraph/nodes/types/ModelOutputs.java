package io.reelgraph.nodes.types;

import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.WorkInput;
import io.reelgraph.engine.type.WorkOutput;
import io.reelgraph.nodes.media.MalformedMediaException;
import io.reelgraph.nodes.media.MediaInfo;
import io.reelgraph.nodes.media.MediaProbe;
import io.reelgraph.nodes.provider.Generation;
import java.util.Optional;

/** Turns a provider's generation into a work output after checking what the bytes are. */
final class ModelOutputs {

    private ModelOutputs() {
    }

    /**
     * Returns the work output with the media on one port.
     *
     * @param expectedPrefix the media type family the node promises, such as {@code image/}
     * @throws NodeException when the provider returned bytes of another kind or damaged media
     */
    static WorkOutput of(String port, Generation generation, String expectedPrefix,
            WorkInput input) throws NodeException {
        Optional<MediaInfo> info;
        try {
            info = MediaProbe.detect(generation.media().bytesUnsafe());
        } catch (MalformedMediaException e) {
            throw new NodeException("Node " + input.node() + " item " + input.itemKey()
                    + " received damaged media from the provider: " + e.getMessage());
        }
        if (info.isEmpty() || !info.get().mediaType().startsWith(expectedPrefix)) {
            throw new NodeException("Node " + input.node() + " item " + input.itemKey()
                    + " expected " + expectedPrefix + "* media from the provider, got "
                    + info.map(MediaInfo::mediaType).orElse("unrecognised bytes"));
        }
        WorkOutput.Builder output = WorkOutput.builder().single(port, generation.media());
        generation.actualUsd().ifPresent(output::actualUsd);
        generation.providerRequestId().ifPresent(output::providerRequestId);
        return output.build();
    }
}
