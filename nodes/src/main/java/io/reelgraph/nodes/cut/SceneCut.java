package io.reelgraph.nodes.cut;

import java.util.List;
import java.util.Objects;

/**
 * The media of one scene, as input to {@link TimelineAssembler}.
 *
 * @param sceneKey stable key of the scene, used in the item keys of its clips
 * @param label scene heading, used for the scene marker and the note on its first shot
 * @param shots video clips or stills, in playing order
 * @param dialogue audio lines, in playing order
 */
public record SceneCut(String sceneKey, String label, List<MediaRef> shots,
        List<MediaRef> dialogue) {

    public SceneCut {
        Objects.requireNonNull(sceneKey, "sceneKey");
        Objects.requireNonNull(label, "label");
        shots = List.copyOf(shots);
        dialogue = List.copyOf(dialogue);
    }
}
