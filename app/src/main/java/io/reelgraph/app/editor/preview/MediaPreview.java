package io.reelgraph.app.editor.preview;

import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.nodes.media.MalformedMediaException;
import io.reelgraph.nodes.media.MediaDuration;
import io.reelgraph.nodes.media.MediaInfo;
import io.reelgraph.nodes.media.MediaProbe;
import java.awt.BorderLayout;
import java.nio.file.Path;
import java.util.Optional;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * The preview of one audio, video or WebP artifact. It writes the artifact to a file and reads
 * its duration on the preview decoder thread, then shows an {@link AudioPanel} or a
 * {@link VideoPanel}; a WebP still shows as a video panel of one frame.
 */
public final class MediaPreview extends JPanel {

    private final JLabel status = new JLabel("Loading…");

    /** Creates the preview and starts loading {@code artifact} off the event dispatch thread. */
    public MediaPreview(Artifact artifact, MediaFiles files, Optional<Ffmpeg> ffmpeg) {
        super(new BorderLayout());
        setName("preview.media");
        status.setName("preview.placeholder");
        add(status, BorderLayout.CENTER);
        Decoding.submit(() -> new Loaded(files.fileOf(artifact), durationMillis(artifact)),
                new Decoding.Outcome<Loaded>() {
                    @Override
                    public void decoded(Loaded loaded) {
                        show(artifact.mediaType(), loaded, ffmpeg);
                    }

                    @Override
                    public void failed(String message) {
                        status.setText("<html>[Cannot preview this " + artifact.mediaType()
                                + ": " + message + "]</html>");
                    }
                });
    }

    private void show(String mediaType, Loaded loaded, Optional<Ffmpeg> ffmpeg) {
        removeAll();
        if (mediaType.startsWith("audio/")) {
            add(new AudioPanel(loaded.file(), mediaType, ffmpeg), BorderLayout.CENTER);
        } else {
            long duration = mediaType.startsWith("video/") ? loaded.durationMillis() : 0;
            add(new VideoPanel(loaded.file(), duration, ffmpeg), BorderLayout.CENTER);
        }
        revalidate();
        repaint();
    }

    private static long durationMillis(Artifact artifact) throws MediaDecodeException {
        try {
            Optional<MediaDuration> duration = MediaProbe.detect(artifact.bytesUnsafe())
                    .flatMap(MediaInfo::duration);
            return duration.map(value -> Math.round(value.toSeconds() * 1000)).orElse(0L);
        } catch (MalformedMediaException e) {
            throw new MediaDecodeException("the file header is damaged: " + e.getMessage(), e);
        }
    }

    private record Loaded(Path file, long durationMillis) {
    }
}
