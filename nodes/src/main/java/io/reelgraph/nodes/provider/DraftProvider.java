package io.reelgraph.nodes.provider;

import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.draft.DraftAudio;
import io.reelgraph.nodes.draft.DraftImages;
import io.reelgraph.nodes.draft.DraftVideo;
import io.reelgraph.nodes.draft.ImageRequest;
import io.reelgraph.nodes.draft.SpeechRequest;
import io.reelgraph.nodes.draft.VideoRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The free, offline draft provider: a PNG that shows the prompt, a WAV whose length follows
 * the text, a short H.264 video that pushes in on the image, and a text that repeats the
 * prompt. Every result is marked as a draft and costs nothing.
 */
public final class DraftProvider implements Provider {

    public static final String ID = "draft";
    /** Frame rate of draft videos. */
    public static final int VIDEO_FPS = 24;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Generation image(ImageJob job, WorkContext context) {
        List<String> labels = new ArrayList<>();
        for (Artifact reference : job.references()) {
            labels.add("reference " + reference.hash().shortForm());
        }
        byte[] png = DraftImages.render(new ImageRequest(job.width(), job.height(), job.prompt(),
                job.seed(), job.variation(), job.model().id(), labels));
        return free(Artifact.ofBytes("image/png", png, true));
    }

    @Override
    public Generation video(VideoJob job, WorkContext context) {
        context.progress(0.1, "encoding draft video");
        byte[] mp4 = DraftVideo.fromImage(job.image().bytesUnsafe(), new VideoRequest(
                job.seconds() * VIDEO_FPS, VIDEO_FPS, 1, job.width(), job.height(), job.prompt(),
                job.seed(), job.variation()));
        return free(Artifact.ofBytes("video/mp4", mp4, true));
    }

    @Override
    public Generation speech(SpeechJob job, WorkContext context) {
        byte[] wav = DraftAudio.speech(new SpeechRequest(job.text(), job.voice(), job.seed(),
                job.variation()));
        return free(Artifact.ofBytes("audio/wav", wav, true));
    }

    /** Returns a placeholder text that names itself a draft and repeats the prompt. */
    @Override
    public Generation text(TextJob job, WorkContext context) {
        String text = "[draft " + job.model().id() + ", variation " + job.variation() + "] "
                + job.prompt();
        return free(Artifact.ofBytes("text/plain", text.getBytes(StandardCharsets.UTF_8), true));
    }

    private static Generation free(Artifact media) {
        return new Generation(media, Optional.of(BigDecimal.ZERO), Optional.empty());
    }
}
