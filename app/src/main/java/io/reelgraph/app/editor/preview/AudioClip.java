package io.reelgraph.app.editor.preview;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Decoded audio as signed 16-bit little-endian PCM. WAV files are read with
 * {@code javax.sound.sampled}; MP3 and other formats are decoded to WAV by ffmpeg first.
 *
 * @param format the PCM format of {@code pcm}
 * @param pcm    the interleaved samples, {@code format.getFrameSize()} bytes per sample frame
 */
public record AudioClip(AudioFormat format, byte[] pcm) {

    private static final AudioFormat.Encoding PCM = AudioFormat.Encoding.PCM_SIGNED;

    /**
     * Decodes {@code file}, whose content has {@code mediaType}.
     *
     * @param ffmpeg used for media other than WAV; without it only WAV decodes
     * @throws MediaDecodeException when the file cannot be read or decoded
     */
    public static AudioClip decode(Path file, String mediaType, Optional<Ffmpeg> ffmpeg)
            throws MediaDecodeException {
        String type = mediaType.toLowerCase(Locale.ROOT);
        if (type.equals("audio/wav") || type.equals("audio/x-wav") || type.equals("audio/wave")) {
            try (InputStream in = Files.newInputStream(file)) {
                return fromWav(in.readAllBytes(), file.toString());
            } catch (IOException e) {
                throw new MediaDecodeException("Failed to read " + file + ": " + e.getMessage(), e);
            }
        }
        if (ffmpeg.isEmpty()) {
            throw new MediaDecodeException("Cannot decode " + mediaType + " in " + file
                    + " because ffmpeg is not installed; install ffmpeg or set -D"
                    + Ffmpeg.PROPERTY + " to play it");
        }
        byte[] wav = ffmpeg.get().run(file, List.of("-i", file.toString(), "-f", "wav",
                "-acodec", "pcm_s16le", "-"));
        return fromWav(wav, file.toString());
    }

    /** Decodes WAV bytes; {@code source} names them in error messages. */
    static AudioClip fromWav(byte[] wav, String source) throws MediaDecodeException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat original = in.getFormat();
            AudioFormat target = new AudioFormat(PCM, original.getSampleRate(), 16,
                    original.getChannels(), 2 * original.getChannels(), original.getSampleRate(),
                    false);
            AudioInputStream converted = original.matches(target) ? in
                    : AudioSystem.getAudioInputStream(target, in);
            return new AudioClip(target, converted.readAllBytes());
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new MediaDecodeException(source + " is not WAV audio that Java can decode: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new MediaDecodeException("Failed to decode " + source + ": " + e.getMessage(), e);
        }
    }

    /** Returns the number of sample frames (one sample per channel). */
    public long sampleFrames() {
        return pcm.length / format.getFrameSize();
    }

    /** Returns the duration in milliseconds, rounded down. */
    public long durationMillis() {
        return (long) (sampleFrames() * 1000L / format.getSampleRate());
    }

    /**
     * Returns the peak level of each of {@code buckets} equal slices of the clip, from 0 to 1,
     * taken over all channels.
     */
    public float[] peaks(int buckets) {
        float[] peaks = new float[buckets];
        long frames = sampleFrames();
        if (frames == 0 || buckets <= 0) {
            return peaks;
        }
        int channels = format.getChannels();
        for (long frame = 0; frame < frames; frame++) {
            int bucket = (int) (frame * buckets / frames);
            for (int channel = 0; channel < channels; channel++) {
                int at = (int) ((frame * channels + channel) * 2);
                int sample = (short) ((pcm[at] & 0xff) | (pcm[at + 1] << 8));
                peaks[bucket] = Math.max(peaks[bucket], Math.abs(sample) / 32768f);
            }
        }
        return peaks;
    }
}
