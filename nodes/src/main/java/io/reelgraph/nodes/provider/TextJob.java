package io.reelgraph.nodes.provider;

import io.reelgraph.nodes.catalog.ModelSpec;

/**
 * A request for one text response from a text model.
 *
 * @param instructions the system message, such as the role and the response format; may be empty
 * @param prompt the user message
 * @param maxOutputTokens the maximum number of output tokens the model may produce
 */
public record TextJob(ModelSpec model, String instructions, String prompt, int maxOutputTokens,
        int variation) {

    public TextJob {
        if (maxOutputTokens < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be at least 1, got "
                    + maxOutputTokens);
        }
    }
}
