package io.reelgraph.app.editor.preview;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;
import javax.swing.SwingConstants;
import javax.swing.Timer;

/**
 * Frame scrubbing for one video: a slider over the clip's duration shows the frame at that
 * time, and Play steps through the clip on a Swing timer. Frames are decoded by ffmpeg on the
 * preview decoder thread; while one frame decodes, slider moves only remember the latest time.
 */
public final class VideoPanel extends JPanel {

    /** The playback step: 1/10 s per timer tick, so playback shows 10 frames per second. */
    static final int STEP_MILLIS = 100;

    private static final int FRAME_WIDTH = 300;

    private final Optional<VideoFrames> frames;
    private final long durationMillis;
    private final JSlider slider;
    private final JLabel picture = new JLabel("", SwingConstants.CENTER);
    private final JLabel position = new JLabel();
    private final JButton play = new JButton("Play");
    private final Timer timer = new Timer(STEP_MILLIS, event -> step());
    private boolean decoding;
    private long pendingMillis = -1;
    private long shownMillis = -1;
    private BufferedImage frameOnScreen;

    /**
     * Creates the panel for {@code file}; without ffmpeg it shows a labelled message instead of
     * frames.
     */
    public VideoPanel(Path file, long durationMillis, Optional<Ffmpeg> ffmpeg) {
        super(new BorderLayout(0, 4));
        setName("preview.video");
        this.frames = ffmpeg.map(program -> new VideoFrames(program, file));
        this.durationMillis = Math.max(0, durationMillis);
        this.slider = new JSlider(0, (int) Math.min(Integer.MAX_VALUE, this.durationMillis), 0);
        slider.setName("preview.video.slider");
        picture.setName("preview.video.frame");
        position.setName("preview.video.position");
        play.setName("preview.video.play");
        layoutPanel();
        if (frames.isEmpty()) {
            picture.setText("[Video frames need ffmpeg, which is not installed. Install ffmpeg"
                    + " or open the file in out/ to play it.]");
            slider.setEnabled(false);
            play.setEnabled(false);
        } else {
            slider.addChangeListener(event -> requestFrame(slider.getValue()));
            play.addActionListener(event -> togglePlay());
            requestFrame(0);
        }
        showPosition(0);
    }

    private void layoutPanel() {
        JPanel controls = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
        controls.add(play);
        controls.add(position);
        add(picture, BorderLayout.CENTER);
        if (durationMillis == 0) {
            return;
        }
        JPanel bottom = new JPanel(new BorderLayout());
        bottom.add(slider, BorderLayout.CENTER);
        bottom.add(controls, BorderLayout.SOUTH);
        add(bottom, BorderLayout.SOUTH);
    }

    /** Moves the slider to {@code millis}, which shows the frame at that time. */
    public void seek(long millis) {
        slider.setValue((int) Math.max(0, Math.min(durationMillis, millis)));
    }

    public long durationMillis() {
        return durationMillis;
    }

    /** Returns the time of the frame on screen, or -1 before the first frame arrives. */
    public long shownMillis() {
        return shownMillis;
    }

    public boolean playing() {
        return timer.isRunning();
    }

    /** Returns the frame on screen, if one has been decoded. */
    public Optional<BufferedImage> shownFrame() {
        return Optional.ofNullable(frameOnScreen);
    }

    private void togglePlay() {
        if (timer.isRunning()) {
            stop();
            return;
        }
        if (slider.getValue() >= durationMillis) {
            slider.setValue(0);
        }
        play.setText("Pause");
        timer.start();
    }

    private void stop() {
        timer.stop();
        play.setText("Play");
    }

    private void step() {
        // A slow decoder drops frames rather than letting requests queue up behind it.
        if (decoding) {
            return;
        }
        int next = slider.getValue() + STEP_MILLIS;
        if (next >= durationMillis) {
            slider.setValue((int) durationMillis);
            stop();
        } else {
            slider.setValue(next);
        }
    }

    private void requestFrame(long millis) {
        showPosition(millis);
        if (decoding) {
            pendingMillis = millis;
            return;
        }
        decoding = true;
        // The last frame starts one step before the end, so seeking to the very end works.
        long time = Math.min(millis, Math.max(0, durationMillis - STEP_MILLIS / 2));
        VideoFrames source = frames.orElseThrow();
        Decoding.submit(() -> source.frameAt(time), new Decoding.Outcome<BufferedImage>() {
            @Override
            public void decoded(BufferedImage frame) {
                frameOnScreen = frame;
                shownMillis = millis;
                picture.setText("");
                picture.setIcon(new ImageIcon(scaled(frame)));
                frameDone();
            }

            @Override
            public void failed(String message) {
                picture.setIcon(null);
                picture.setText("<html>[" + message + "]</html>");
                frameDone();
            }
        });
    }

    private void frameDone() {
        decoding = false;
        if (pendingMillis >= 0) {
            long next = pendingMillis;
            pendingMillis = -1;
            requestFrame(next);
        }
    }

    private void showPosition(long millis) {
        position.setText(seconds(millis) + " / " + seconds(durationMillis));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static Image scaled(BufferedImage frame) {
        if (frame.getWidth() <= FRAME_WIDTH) {
            return frame;
        }
        int height = Math.max(1, frame.getHeight() * FRAME_WIDTH / frame.getWidth());
        return frame.getScaledInstance(FRAME_WIDTH, height, Image.SCALE_SMOOTH);
    }

    @Override
    public void removeNotify() {
        timer.stop();
        super.removeNotify();
    }
}
