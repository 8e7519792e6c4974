package io.reelgraph.engine.type;

import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.Item;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of one work item: an artifact for each output port declared {@code ONE}, a list
 * of items for each port declared {@code LIST}, files to write, and for paid work the actual
 * cost and the provider's request id where the provider reports them.
 */
public record WorkOutput(Map<String, Artifact> singles, Map<String, List<Item>> lists,
        List<OutputFile> files, Optional<BigDecimal> actualUsd, Optional<String> providerRequestId) {

    public WorkOutput {
        singles = Map.copyOf(singles);
        lists = Map.copyOf(lists);
        files = List.copyOf(files);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static WorkOutput of(String port, Artifact artifact) {
        return builder().single(port, artifact).build();
    }

    /** Builder for work outputs. */
    public static final class Builder {
        private final Map<String, Artifact> singles = new LinkedHashMap<>();
        private final Map<String, List<Item>> lists = new LinkedHashMap<>();
        private final List<OutputFile> files = new java.util.ArrayList<>();
        private Optional<BigDecimal> actualUsd = Optional.empty();
        private Optional<String> providerRequestId = Optional.empty();

        public Builder single(String port, Artifact artifact) {
            singles.put(port, artifact);
            return this;
        }

        public Builder list(String port, List<Item> items) {
            lists.put(port, List.copyOf(items));
            return this;
        }

        public Builder file(OutputFile file) {
            files.add(file);
            return this;
        }

        public Builder actualUsd(BigDecimal usd) {
            actualUsd = Optional.of(usd);
            return this;
        }

        public Builder providerRequestId(String id) {
            providerRequestId = Optional.of(id);
            return this;
        }

        public WorkOutput build() {
            return new WorkOutput(singles, lists, files, actualUsd, providerRequestId);
        }
    }
}
