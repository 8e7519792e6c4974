package io.reelgraph.nodes.provider.fal;

import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.file.FolderFileAccess;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.journal.H2JobJournal;
import io.reelgraph.engine.journal.JobJournal;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.EvaluationContext;
import io.reelgraph.engine.run.RunControl;
import io.reelgraph.engine.run.RunEvent;
import io.reelgraph.engine.run.RunListener;
import io.reelgraph.engine.run.RunOptions;
import io.reelgraph.engine.run.RunResult;
import io.reelgraph.engine.testing.GraphBuilder;
import io.reelgraph.engine.validate.Bindings;
import io.reelgraph.engine.validate.ParamResolver;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.Providers;
import io.reelgraph.nodes.provider.keys.EnvironmentKeyLookup;
import io.reelgraph.nodes.types.StandardNodeTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs a three-scene storyboard whose keyframes come from fal, against a fake fal server, on an
 * H2 cache with its job journal. The main method is the child process of the resume test and
 * of the shared database test, and both tests also run the same graph in-process.
 */
final class FalStoryboardRun {

    static final String SCRIPT = """
            INT. ONE - DAY

            A red door.

            EXT. TWO - NIGHT

            A blue lamp.

            INT. THREE - DAY

            A green chair.
            """;

    private FalStoryboardRun() {
    }

    /**
     * Arguments: cache folder, work folder holding {@code s.fountain}, fake base URL, key. With
     * five arguments the first two are a JDBC URL and a blob folder of a shared database, and
     * the run starts only once the file {@code go} exists in the work folder, after the line
     * {@code READY} was printed.
     */
    public static void main(String[] args) throws Exception {
        RunListener listener = event -> {
            if (event instanceof RunEvent.Started started && started.paid()) {
                System.out.println("STARTED " + started.itemKey());
                System.out.flush();
            }
        };
        RunResult result;
        if (args.length == 5) {
            Path work = Path.of(args[2]);
            try (H2ResultCache cache = H2ResultCache.open(args[0], Path.of(args[1]))) {
                System.out.println("READY");
                System.out.flush();
                while (!Files.exists(work.resolve("go"))) {
                    Thread.sleep(10);
                }
                result = run(cache, work, args[3], args[4], listener);
            }
        } else {
            result = run(Path.of(args[0]), Path.of(args[1]), args[2], args[3], listener);
        }
        System.out.println("FINISHED " + result.executed() + " " + result.cached() + " "
                + result.failed());
        System.out.flush();
    }

    static RunResult run(Path cacheFolder, Path work, String baseUrl, String key,
            RunListener listener) throws Exception {
        try (H2ResultCache cache = H2ResultCache.open(cacheFolder)) {
            return run(cache, work, baseUrl, key, listener);
        }
    }

    static RunResult run(H2ResultCache cache, Path work, String baseUrl, String key,
            RunListener listener) throws Exception {
        Engine engine = engine(cache, baseUrl, key, new H2JobJournal(cache.dataSource()));
        return engine.session(context(work)).run(graph(), RunOptions.DEFAULT, listener,
                new RunControl());
    }

    static Engine engine(H2ResultCache cache, String baseUrl, String key, JobJournal journal)
            throws Exception {
        ModelCatalog catalog = ModelCatalog.load();
        Providers providers = Providers.standard(catalog,
                new EnvironmentKeyLookup(catalog, Map.of("FAL_KEY", key)),
                Map.of("REELGRAPH_FAL_BASE_URL", baseUrl));
        return new Engine(StandardNodeTypes.registry(catalog, providers), cache, journal);
    }

    static EvaluationContext context(Path work) {
        return new EvaluationContext("fal-resume",
                (node, type) -> ParamResolver.resolve(node, type, Bindings.empty()),
                FolderFileAccess.of(work), work.resolve("out"), false, Map.of());
    }

    static Graph graph() {
        return GraphBuilder.graph("fal storyboard")
                .node("script", "script.fountain", "file", "s.fountain")
                .node("prompt", "prompt.template")
                .node("keyframe", "model.image", "model", "fal/fal-ai/flux/dev", "width", 512,
                        "height", 512)
                .connect("script.scenes", "prompt.scene")
                .connect("prompt.prompt", "keyframe.prompt")
                .build();
    }
}
