package io.reelgraph.app.editor.preview;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Decodes single frames of one video file with ffmpeg
 * ({@code ffmpeg -ss T -i FILE -frames:v 1 -f image2pipe -vcodec png -}) and keeps the most
 * recently used frames. Decoding runs a subprocess, so call it off the event dispatch thread.
 */
public final class VideoFrames {

    /** The number of decoded frames kept; a 640-pixel frame takes about 1.2 MB. */
    static final int CACHE_SIZE = 48;

    private final Ffmpeg ffmpeg;
    private final Path file;
    private final Map<Long, BufferedImage> cache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, BufferedImage> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public VideoFrames(Ffmpeg ffmpeg, Path file) {
        this.ffmpeg = ffmpeg;
        this.file = file;
    }

    /**
     * Returns the frame shown at {@code millis} milliseconds from the start. A time past the
     * end gives the last frame ffmpeg can seek to.
     *
     * @throws MediaDecodeException when ffmpeg fails or returns no frame
     */
    public BufferedImage frameAt(long millis) throws MediaDecodeException {
        synchronized (cache) {
            BufferedImage cached = cache.get(millis);
            if (cached != null) {
                return cached;
            }
        }
        BufferedImage frame = decode(Math.max(0, millis));
        synchronized (cache) {
            cache.put(millis, frame);
        }
        return frame;
    }

    /** Returns how many frames are cached, for tests and diagnostics. */
    int cachedFrames() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private BufferedImage decode(long millis) throws MediaDecodeException {
        String seconds = String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
        byte[] png = ffmpeg.run(file, List.of("-ss", seconds, "-i", file.toString(),
                "-frames:v", "1", "-f", "image2pipe", "-vcodec", "png", "-"));
        if (png.length == 0) {
            throw new MediaDecodeException("ffmpeg returned no frame at " + seconds + " s of "
                    + file + "; the time may lie past the last frame");
        }
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new MediaDecodeException("ffmpeg returned a frame of " + file
                        + " that ImageIO cannot read as PNG");
            }
            return image;
        } catch (IOException e) {
            throw new MediaDecodeException("Failed to read the frame at " + seconds + " s of "
                    + file + ": " + e.getMessage(), e);
        }
    }
}
