package io.reelgraph.nodes.vault;

import java.util.Objects;

/** The key a project uses for one provider: project → provider → alias. */
public record Binding(String project, String provider, KeyAlias alias) {

    public Binding {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(alias, "alias");
    }
}
