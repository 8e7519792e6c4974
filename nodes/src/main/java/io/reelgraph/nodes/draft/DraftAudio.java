package io.reelgraph.nodes.draft;

import io.reelgraph.nodes.media.MediaDuration;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Makes draft speech: a WAV file (16-bit PCM, mono, 22050 Hz) of "babble", one voiced tone
 * burst per syllable, whose pitch depends on the voice and whose length follows the text.
 * It times a cut like real speech would, without sounding like any words.
 */
public final class DraftAudio {

    public static final int SAMPLE_RATE = 22_050;

    /** 0.4 s per word, which is 150 words per minute. */
    static final int SAMPLES_PER_WORD = SAMPLE_RATE * 2 / 5;
    /** 0.3 s of silence, split between the start and the end of the clip. */
    static final int PAUSE_SAMPLES = SAMPLE_RATE * 3 / 10;
    /** The shortest clip, 0.5 s, so even empty text gives a clip an editor can place. */
    static final int MIN_SAMPLES = SAMPLE_RATE / 2;

    private static final int HEADER_BYTES = 44;
    private static final double PEAK = 0.3 * Short.MAX_VALUE;

    private DraftAudio() {
    }

    /**
     * Returns the exact length of draft speech for {@code text}:
     * {@code max(0.5 s, 0.4 s * words + 0.3 s)}, where words are the runs of non-whitespace
     * characters. As samples at 22050 Hz: {@code max(11025, 8820 * words + 6615)}.
     */
    public static MediaDuration durationFor(String text) {
        return MediaDuration.of(sampleCount(text), SAMPLE_RATE);
    }

    /** Makes the WAV bytes for {@code request}; equal requests give equal bytes. */
    public static byte[] speech(SpeechRequest request) {
        String[] words = words(request.text());
        short[] samples = new short[sampleCount(request.text())];
        double pitch = voicePitch(request.voice());
        int start = (samples.length - words.length * SAMPLES_PER_WORD) / 2;
        for (int i = 0; i < words.length; i++) {
            long wordSeed = DraftSeeds.mix(request.seed(), request.variation(), "speech",
                    request.voice(), words[i], Integer.toString(i));
            babbleWord(samples, start + i * SAMPLES_PER_WORD, syllables(words[i]), pitch,
                    new SplittableRandom(wordSeed));
        }
        return wav(samples);
    }

    private static int sampleCount(String text) {
        return Math.max(MIN_SAMPLES, words(text).length * SAMPLES_PER_WORD + PAUSE_SAMPLES);
    }

    private static String[] words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
    }

    /** Picks a speaking pitch between 90 and 260 Hz from the voice id. */
    private static double voicePitch(String voice) {
        long hash = DraftSeeds.mix(0, 0, "voice", voice.toLowerCase(Locale.ROOT));
        return 90 + (hash >>> 11) / (double) (1L << 53) * 170;
    }

    /** Counts vowel groups as syllables, at least one and at most four per word. */
    private static int syllables(String word) {
        int count = 0;
        boolean inVowel = false;
        for (char c : word.toLowerCase(Locale.ROOT).toCharArray()) {
            boolean vowel = "aeiouy".indexOf(c) >= 0;
            if (vowel && !inVowel) {
                count++;
            }
            inVowel = vowel;
        }
        return Math.max(1, Math.min(4, count));
    }

    /**
     * Writes one word into {@code samples} at {@code offset}: its syllables share the first 85%
     * of the word's 0.4 s, and the rest is the pause before the next word.
     */
    private static void babbleWord(short[] samples, int offset, int syllables, double pitch,
            SplittableRandom random) {
        int voiced = SAMPLES_PER_WORD * 85 / 100;
        int syllableLength = voiced / syllables;
        for (int s = 0; s < syllables; s++) {
            double start = pitch * (0.85 + 0.3 * random.nextDouble());
            double end = start * (0.9 + 0.2 * random.nextDouble());
            double loudness = 0.6 + 0.4 * random.nextDouble();
            voicedTone(samples, offset + s * syllableLength, syllableLength, start, end, loudness);
        }
    }

    /**
     * Adds a tone that glides from {@code startHz} to {@code endHz} under a raised-cosine
     * envelope. Three harmonics at 1, 1/2 and 1/4 strength make it sound voiced rather than
     * like a pure sine. Uses {@link StrictMath} so every JVM computes the same samples.
     */
    private static void voicedTone(short[] samples, int offset, int length, double startHz,
            double endHz, double loudness) {
        double phase = 0;
        for (int n = 0; n < length; n++) {
            double progress = n / (double) length;
            double hz = startHz + (endHz - startHz) * progress;
            phase += 2 * StrictMath.PI * hz / SAMPLE_RATE;
            double envelope = 0.5 - 0.5 * StrictMath.cos(2 * StrictMath.PI * progress);
            double wave = StrictMath.sin(phase) + 0.5 * StrictMath.sin(2 * phase)
                    + 0.25 * StrictMath.sin(3 * phase);
            double value = PEAK * loudness * envelope * wave / 1.75;
            samples[offset + n] = (short) StrictMath.round(value);
        }
    }

    private static byte[] wav(short[] samples) {
        int dataBytes = samples.length * 2;
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + dataBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        out.put(ascii("fmt ")).putInt(16)
                .putShort((short) 1) // PCM
                .putShort((short) 1) // mono
                .putInt(SAMPLE_RATE)
                .putInt(SAMPLE_RATE * 2) // bytes per second
                .putShort((short) 2) // bytes per sample frame
                .putShort((short) 16); // bits per sample
        out.put(ascii("data")).putInt(dataBytes);
        for (short sample : samples) {
            out.putShort(sample);
        }
        return out.array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
