package io.reelgraph.nodes.provider;

import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.WorkContext;

/**
 * A generation provider. One adapter per provider; a call returns only once the media is
 * downloaded. An adapter that does not offer a modality keeps the default, which fails with
 * a message naming the model.
 */
public interface Provider {

    /** Returns the provider id used in the model catalog, such as {@code fal}. */
    String id();

    default Generation image(ImageJob job, WorkContext context) throws Exception {
        throw unsupported(job.model().id(), "images");
    }

    default Generation video(VideoJob job, WorkContext context) throws Exception {
        throw unsupported(job.model().id(), "videos");
    }

    default Generation speech(SpeechJob job, WorkContext context) throws Exception {
        throw unsupported(job.model().id(), "speech");
    }

    /** Returns the model's text response as a UTF-8 {@code text/plain} artifact. */
    default Generation text(TextJob job, WorkContext context) throws Exception {
        throw unsupported(job.model().id(), "text");
    }

    private NodeException unsupported(String model, String what) {
        return new NodeException("Provider " + id() + " does not make " + what + ", so model "
                + model + " cannot be used here; choose a model of the right kind");
    }
}
