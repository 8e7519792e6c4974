package io.reelgraph.nodes.types;

import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.ValidationInput;
import io.reelgraph.engine.validate.Problem;
import io.reelgraph.engine.validate.ProblemCodes;
import java.util.List;

/** Validation of file params: the file must exist, be readable and be allowed. */
final class FileParams {

    private FileParams() {
    }

    /**
     * Returns a problem when the file named by a param cannot be read, so that validation
     * reports a missing screenplay or image before a run starts.
     */
    static List<Problem> checkReadable(ValidationInput input, String param, long maxBytes) {
        String reference = input.params().path(param).asText("");
        if (reference.isEmpty()) {
            return List.of();
        }
        try {
            input.files().read(reference, maxBytes);
            return List.of();
        } catch (NodeException e) {
            // The param's name leads the message, because a node may read more than one file.
            return List.of(Problem.error(ProblemCodes.FILE_NOT_READABLE, "Param \"" + param
                    + "\": " + e.getMessage(), input.node(), null));
        }
    }
}
