package io.reelgraph.nodes.provider.fal;

import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.journal.H2JobJournal;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.RunControl;
import io.reelgraph.engine.run.RunEvent;
import io.reelgraph.engine.run.RunListener;
import io.reelgraph.engine.run.RunOptions;
import io.reelgraph.engine.run.RunResult;
import io.reelgraph.engine.testing.GraphBuilder;
import java.nio.file.Path;

/**
 * Runs a three-scene graph whose clips come from a fal image-to-video model, against a fake fal
 * server, on an H2 cache with its job journal. The first frames come from the free draft image
 * model, so the only provider jobs are the three video jobs. The main method is the child
 * process of the video resume test, which also runs the same graph in-process.
 */
final class FalVideoRun {

    static final String VIDEO_MODEL = "fal/fal-ai/kling-video/v2.5-turbo/pro/image-to-video";

    private FalVideoRun() {
    }

    /** Arguments: cache folder, work folder holding {@code s.fountain}, fake base URL, key. */
    public static void main(String[] args) throws Exception {
        RunListener listener = event -> {
            if (event instanceof RunEvent.Started started && started.paid()
                    && started.node().value().equals("clip")) {
                System.out.println("STARTED " + started.itemKey());
                System.out.flush();
            }
        };
        RunResult result = run(Path.of(args[0]), Path.of(args[1]), args[2], args[3], listener);
        System.out.println("FINISHED " + result.executed() + " " + result.cached() + " "
                + result.failed());
        System.out.flush();
    }

    static RunResult run(Path cacheFolder, Path work, String baseUrl, String key,
            RunListener listener) throws Exception {
        try (H2ResultCache cache = H2ResultCache.open(cacheFolder)) {
            Engine engine = FalStoryboardRun.engine(cache, baseUrl, key,
                    new H2JobJournal(cache.dataSource()));
            return engine.session(FalStoryboardRun.context(work)).run(graph(),
                    RunOptions.DEFAULT, listener, new RunControl());
        }
    }

    static Graph graph() {
        return GraphBuilder.graph("fal video storyboard")
                .node("script", "script.fountain", "file", "s.fountain")
                .node("prompt", "prompt.template")
                .node("keyframe", "model.image", "model", "draft/image", "width", 512,
                        "height", 512)
                .node("clip", "model.video", "model", VIDEO_MODEL, "duration", 5)
                .connect("script.scenes", "prompt.scene")
                .connect("prompt.prompt", "keyframe.prompt")
                .connect("keyframe.image", "clip.image")
                .connect("prompt.prompt", "clip.prompt")
                .build();
    }
}
