package io.reelgraph.app.cli;

import io.reelgraph.engine.run.RunEvent;
import io.reelgraph.engine.run.RunListener;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a run's progress: a progress bar on an interactive terminal, otherwise one line per
 * finished paid item and per failure, so logs of scripted runs stay readable.
 */
final class ProgressView implements RunListener, AutoCloseable {

    private final PrintWriter err;
    private final ProgressBar bar;
    private long max;
    private long finished;

    ProgressView(PrintWriter err, long expected, boolean interactive) {
        this.err = err;
        this.max = Math.max(1, expected);
        this.bar = interactive
                ? new ProgressBarBuilder().setTaskName("Running").setInitialMax(max)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                        .continuousUpdate().build()
                : null;
    }

    @Override
    public void onEvent(RunEvent event) {
        if (event instanceof RunEvent.Done done) {
            String item = done.itemKey().equals("value") ? "" : " " + done.itemKey();
            step(done.node() + item + (done.cached() ? " (cached)" : ""));
        } else if (event instanceof RunEvent.Failed failed) {
            step(null);
            message("failed: " + failed.node() + " " + failed.itemKey() + ": " + failed.message());
        } else if (event instanceof RunEvent.Cancelled || event instanceof RunEvent.Skipped) {
            step(null);
        } else if (event instanceof RunEvent.Progress progress && bar != null) {
            bar.setExtraMessage(progress.node() + " " + progress.itemKey() + " "
                    + progress.status());
        }
    }

    private void step(String doneText) {
        finished++;
        if (finished > max) {
            max = finished;
            if (bar != null) {
                bar.maxHint(max);
            }
        }
        if (bar != null) {
            bar.step();
            if (doneText != null) {
                bar.setExtraMessage(doneText);
            }
        } else if (doneText != null) {
            err.println("[" + finished + "/" + max + "] done " + doneText);
            err.flush();
        }
    }

    private void message(String text) {
        if (bar != null) {
            bar.pause();
            err.println(text);
            err.flush();
            bar.resume();
        } else {
            err.println(text);
            err.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
