package io.reelgraph.app.editor.preview;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Clip;
import javax.sound.sampled.LineEvent;
import javax.sound.sampled.LineUnavailableException;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.Timer;
import javax.swing.UIManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one audio file: it decodes the file on the preview decoder thread, shows its duration,
 * sample count and a peak-level strip, and plays it through {@code javax.sound.sampled} with
 * Play and Stop. Without an audio output device, Play shows a labelled message instead.
 */
public final class AudioPanel extends JPanel {

    private static final Logger LOG = LoggerFactory.getLogger(AudioPanel.class);
    private static final int POSITION_TICK_MILLIS = 50;

    private final JLabel details = new JLabel("Decoding…");
    private final JLabel position = new JLabel(" ");
    private final JButton play = new JButton("Play");
    private final JButton stop = new JButton("Stop");
    private final Waveform waveform = new Waveform();
    private final Timer positionTimer = new Timer(POSITION_TICK_MILLIS, event -> showPosition());
    private Optional<AudioClip> clip = Optional.empty();
    private Optional<Clip> line = Optional.empty();

    /** Creates the panel and starts decoding {@code file}, whose content has {@code mediaType}. */
    public AudioPanel(Path file, String mediaType, Optional<Ffmpeg> ffmpeg) {
        super(new BorderLayout(0, 4));
        setName("preview.audio");
        details.setName("preview.audio.details");
        position.setName("preview.audio.position");
        play.setName("preview.audio.play");
        stop.setName("preview.audio.stop");
        play.setEnabled(false);
        stop.setEnabled(false);
        play.addActionListener(event -> play());
        stop.addActionListener(event -> stopPlaying());
        layoutPanel();
        Decoding.submit(() -> AudioClip.decode(file, mediaType, ffmpeg),
                new Decoding.Outcome<AudioClip>() {
                    @Override
                    public void decoded(AudioClip value) {
                        showClip(value);
                    }

                    @Override
                    public void failed(String message) {
                        details.setText("<html>[Cannot play this audio: " + message + "]</html>");
                    }
                });
    }

    private void layoutPanel() {
        JPanel controls = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
        controls.add(play);
        controls.add(stop);
        controls.add(position);
        add(details, BorderLayout.NORTH);
        add(waveform, BorderLayout.CENTER);
        add(controls, BorderLayout.SOUTH);
    }

    /** Returns the decoded clip once decoding has finished. */
    public Optional<AudioClip> clip() {
        return clip;
    }

    public String detailsText() {
        return details.getText();
    }

    private void showClip(AudioClip decoded) {
        clip = Optional.of(decoded);
        details.setText(String.format(Locale.ROOT, "%.2f s, %d samples at %.0f Hz, %d channel%s",
                decoded.durationMillis() / 1000.0, decoded.sampleFrames(),
                decoded.format().getSampleRate(), decoded.format().getChannels(),
                decoded.format().getChannels() == 1 ? "" : "s"));
        waveform.peaks = decoded.peaks(Waveform.BUCKETS);
        waveform.repaint();
        play.setEnabled(true);
        position.setText(String.format(Locale.ROOT, "0.00 / %.2f s",
                decoded.durationMillis() / 1000.0));
    }

    private void play() {
        AudioClip decoded = clip.orElseThrow();
        try {
            Clip output = line.isPresent() ? line.get() : openLine(decoded);
            line = Optional.of(output);
            output.setFramePosition(0);
            output.start();
            stop.setEnabled(true);
            positionTimer.start();
        } catch (LineUnavailableException | IllegalArgumentException e) {
            LOG.warn("Failed to open an audio output line for the preview: {}", e.getMessage());
            position.setText("[No audio output device: " + e.getMessage() + "]");
            play.setEnabled(false);
        }
    }

    private Clip openLine(AudioClip decoded) throws LineUnavailableException {
        Clip output = AudioSystem.getClip();
        output.open(decoded.format(), decoded.pcm(), 0, decoded.pcm().length);
        output.addLineListener(event -> {
            if (event.getType() == LineEvent.Type.STOP) {
                javax.swing.SwingUtilities.invokeLater(this::stopped);
            }
        });
        return output;
    }

    private void stopPlaying() {
        line.ifPresent(Clip::stop);
    }

    private void stopped() {
        positionTimer.stop();
        stop.setEnabled(false);
        showPosition();
    }

    private void showPosition() {
        if (line.isEmpty() || clip.isEmpty()) {
            return;
        }
        long millis = line.get().getMicrosecondPosition() / 1000;
        position.setText(String.format(Locale.ROOT, "%.2f / %.2f s", millis / 1000.0,
                clip.get().durationMillis() / 1000.0));
        waveform.playedFraction = (float) millis / Math.max(1, clip.get().durationMillis());
        waveform.repaint();
    }

    @Override
    public void removeNotify() {
        positionTimer.stop();
        line.ifPresent(Clip::close);
        line = Optional.empty();
        super.removeNotify();
    }

    /** A strip of peak levels, one bar per slice of the clip, with the played part tinted. */
    private static final class Waveform extends JComponent {
        static final int BUCKETS = 240;

        private float[] peaks = new float[0];
        private float playedFraction;

        Waveform() {
            setPreferredSize(new Dimension(BUCKETS + 20, 56));
            setName("preview.audio.waveform");
        }

        @Override
        protected void paintComponent(Graphics graphics) {
            Graphics2D g = (Graphics2D) graphics.create();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
                        RenderingHints.VALUE_ANTIALIAS_ON);
                int width = getWidth();
                int middle = getHeight() / 2;
                Color base = Optional.ofNullable(UIManager.getColor("Component.accentColor"))
                        .orElse(new Color(0x3d7bd9));
                for (int x = 0; x < width && peaks.length > 0; x++) {
                    int bucket = x * peaks.length / width;
                    int half = Math.max(1, Math.round(peaks[bucket] * (middle - 2)));
                    boolean played = x < playedFraction * width;
                    g.setColor(played ? base.darker() : base);
                    g.drawLine(x, middle - half, x, middle + half);
                }
            } finally {
                g.dispose();
            }
        }
    }
}
