package io.reelgraph.nodes.provider.async;

import io.reelgraph.engine.journal.JobEntry;
import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.provider.error.ProviderException;
import java.io.IOException;
import java.util.Optional;

/**
 * A provider's own list of recent jobs (Replicate {@code GET /predictions}, Luma
 * {@code GET /generations}), used to settle an ambiguous submit before anything is sent again.
 */
public interface ProviderJobList {

    /**
     * Searches the provider's jobs for the one an ambiguous entry may have created.
     *
     * @return the job when the provider has it; empty when it certainly has none
     */
    Optional<ProviderJob> find(JobEntry entry, WorkContext context)
            throws IOException, ProviderException;
}
