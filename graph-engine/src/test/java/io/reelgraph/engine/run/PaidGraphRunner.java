package io.reelgraph.engine.run;

import static io.reelgraph.engine.testing.GraphBuilder.graph;

import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.ContentHash;
import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.testing.TestContexts;
import io.reelgraph.engine.testing.TestTypes;
import io.reelgraph.engine.type.Billing;
import io.reelgraph.engine.type.KeyMaterial;
import io.reelgraph.engine.type.NodeCategory;
import io.reelgraph.engine.type.NodeType;
import io.reelgraph.engine.type.NodeTypeRegistry;
import io.reelgraph.engine.type.ParamSpec;
import io.reelgraph.engine.type.PortSpec;
import io.reelgraph.engine.type.PortType;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.engine.type.WorkInput;
import io.reelgraph.engine.type.WorkOutput;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the crash test graph against an H2 result cache, as the child process of
 * {@link CrashRecoveryTest}. The graph is one free source of {@code shot-1 .. shot-N} feeding a
 * paid {@link SlowRender} node, run with concurrency 4.
 *
 * <p>Usage: {@code PaidGraphRunner <cache folder> <output folder> <item count>}. Standard output
 * carries one {@code DONE <item key> <cache key>} line per paid item that the engine reports
 * done, and a last {@code FINISHED <total> <executed> <cached> <failed>} line. Logback also
 * writes to standard output, so a reader keeps only lines that start with these words.
 */
final class PaidGraphRunner {

    static final String RENDER_NODE = "render";
    static final String PROVIDER = "crash-test";
    static final int CONCURRENCY = 4;
    static final String DONE = "DONE";
    static final String FINISHED = "FINISHED";

    private PaidGraphRunner() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println(
                    "Usage: PaidGraphRunner <cache folder> <output folder> <item count>");
            System.exit(2);
        }
        Path cacheFolder = Path.of(args[0]);
        Path outputFolder = Path.of(args[1]);
        int itemCount = Integer.parseInt(args[2]);

        try (H2ResultCache cache = H2ResultCache.open(cacheFolder)) {
            Engine engine = new Engine(registry(new SlowRender()), cache);
            Session session = engine.session(TestContexts.context(outputFolder));
            Graph graph = shots(itemCount);

            // The Done event carries no cache key, so the keys come from a plan of the same
            // session. The source is free, so planning computes every paid key.
            Map<String, CacheKey> keys = paidKeys(session.plan(graph));
            PrintStream out = System.out;
            RunResult result = session.run(graph, options(), event -> {
                if (event instanceof RunEvent.Done done
                        && done.node().equals(NodeId.of(RENDER_NODE))) {
                    out.println(DONE + " " + done.itemKey() + " " + keys.get(done.itemKey()));
                    out.flush();
                }
            }, new RunControl());
            out.println(FINISHED + " " + result.total() + " " + result.executed() + " "
                    + result.cached() + " " + result.failed());
            out.flush();
        }
    }

    /** Returns a graph of {@code count} paid render items: {@code src.items -> render.prompt}. */
    static Graph shots(int count) {
        StringJoiner items = new StringJoiner(",");
        for (int i = 1; i <= count; i++) {
            items.add("shot-" + i);
        }
        return graph("crash")
                .node("src", "test.source", "items", items.toString())
                .node(RENDER_NODE, SlowRender.ID)
                .connect("src.items", RENDER_NODE + ".prompt")
                .build();
    }

    static NodeTypeRegistry registry(SlowRender render) {
        return NodeTypeRegistry.of(List.of(new TestTypes().source, render));
    }

    static RunOptions options() {
        return RunOptions.DEFAULT.withConcurrency(PROVIDER, CONCURRENCY);
    }

    /** Returns the cache key of every item of the render node, by item key. */
    static Map<String, CacheKey> paidKeys(Plan plan) {
        Map<String, CacheKey> keys = new TreeMap<>();
        for (PlannedItem item : plan.items()) {
            if (item.node().equals(NodeId.of(RENDER_NODE))) {
                keys.put(item.itemKey(), item.key().orElseThrow(() -> new IllegalStateException(
                        "Render item " + item.itemKey() + " has no cache key after planning")));
            }
        }
        return keys;
    }

    /**
     * {@code crash.render}: a paid node on provider {@value PaidGraphRunner#PROVIDER} that takes
     * 50 to 150 ms per call and returns a 384 KiB image whose bytes follow from the prompt alone,
     * so a test can compute the content hash of every result. Counts its calls.
     */
    static final class SlowRender implements NodeType {

        static final String ID = "crash.render";
        static final String MEDIA_TYPE = "image/x-test";
        static final int IMAGE_BYTES = 384 * 1024;
        static final long MIN_CALL_MILLIS = 50;

        final AtomicInteger calls = new AtomicInteger();
        final ConcurrentLinkedQueue<String> prompts = new ConcurrentLinkedQueue<>();

        /** Returns the image bytes that a call with this prompt produces. */
        static byte[] imageFor(String prompt) {
            byte[] image = new byte[IMAGE_BYTES];
            new Random(prompt.hashCode()).nextBytes(image);
            byte[] label = prompt.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(label, 0, image, 0, label.length);
            return image;
        }

        /** Returns the length of a call in ms, spread by the SHA-256 of the prompt. */
        static long callMillis(String prompt) {
            String hex = ContentHash.of(prompt.getBytes(StandardCharsets.UTF_8)).hex();
            return MIN_CALL_MILLIS + Integer.parseInt(hex.substring(0, 4), 16) % 101;
        }

        static ContentHash hashFor(String prompt) {
            return ContentHash.of(imageFor(prompt));
        }

        @Override
        public String id() {
            return ID;
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public String displayName() {
            return "Slow render";
        }

        @Override
        public String description() {
            return "Paid test node that renders a large image from a prompt in 50 to 150 ms";
        }

        @Override
        public NodeCategory category() {
            return NodeCategory.UTILITY;
        }

        @Override
        public List<PortSpec> inputs() {
            return List.of(PortSpec.one("prompt", PortType.TEXT, "prompt"));
        }

        @Override
        public List<PortSpec> outputs() {
            return List.of(PortSpec.one("image", PortType.IMAGE, "rendered image"));
        }

        @Override
        public List<ParamSpec> params() {
            return List.of();
        }

        @Override
        public boolean paid() {
            return true;
        }

        @Override
        public KeyMaterial prepare(WorkInput input) {
            return KeyMaterial.paid(new Billing(PROVIDER, "slow-1", "", 0,
                    new BigDecimal("0.05"), "1 image x $0.05", false));
        }

        @Override
        public WorkOutput execute(WorkInput input, WorkContext context) throws Exception {
            String prompt = input.requireSingle("prompt").text();
            calls.incrementAndGet();
            prompts.add(prompt);
            // Calls of different lengths finish at different times, so a kill can land while
            // another item is writing its blob or committing its row.
            Thread.sleep(callMillis(prompt));
            context.checkCancelled();
            Artifact image = Artifact.ofBytes(MEDIA_TYPE, imageFor(prompt), false);
            return WorkOutput.builder().single("image", image)
                    .actualUsd(new BigDecimal("0.05")).build();
        }
    }
}
