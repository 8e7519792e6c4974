package io.reelgraph.engine.bench;

import com.fasterxml.jackson.databind.node.TextNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.Item;
import io.reelgraph.engine.type.Billing;
import io.reelgraph.engine.type.DeclaredNodeType;
import io.reelgraph.engine.type.KeyMaterial;
import io.reelgraph.engine.type.NodeCategory;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.NodeType;
import io.reelgraph.engine.type.NodeTypeRegistry;
import io.reelgraph.engine.type.ParamSpec;
import io.reelgraph.engine.type.ParamSpec.ParamKind;
import io.reelgraph.engine.type.PortSpec;
import io.reelgraph.engine.type.PortType;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.engine.type.WorkInput;
import io.reelgraph.engine.type.WorkOutput;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Node types for the engine benchmarks. The free types make small {@code text/plain} artifacts
 * from their {@code label} param and inputs; the paid type sleeps to stand in for a provider
 * job. Every type counts the cache keys it contributed to ({@code prepare} calls) and its
 * executions, so a benchmark can check outside its timed part what the engine computed.
 */
final class BenchTypes {

    static final String SOURCE = "bench.source";
    static final String STEP = "bench.step";
    static final String COMBINE = "bench.combine";
    static final String LIST = "bench.list";
    static final String RENDER = "bench.render";
    static final String PROVIDER = "bench";

    /** Work items whose cache key was computed, because each evaluated item calls prepare once. */
    final AtomicLong keysComputed = new AtomicLong();
    final AtomicLong executions = new AtomicLong();
    /** Paid items sleeping at this moment, and the maximum seen, to check concurrency limits. */
    final AtomicInteger renderActive = new AtomicInteger();
    final AtomicInteger renderPeak = new AtomicInteger();
    private final long renderMillis;

    /** Creates the types. Each {@code bench.render} work item sleeps {@code renderMillis}. */
    BenchTypes(long renderMillis) {
        this.renderMillis = renderMillis;
    }

    BenchTypes() {
        this(0);
    }

    NodeTypeRegistry registry() {
        return NodeTypeRegistry.of(List.of(new Source(), new Step(), new Combine(),
                new ListSource(), new Render()));
    }

    private static Artifact text(String value) {
        return Artifact.ofBytes("text/plain", value.getBytes(StandardCharsets.UTF_8), false);
    }

    private static ParamSpec label() {
        return ParamSpec.builder("label", ParamKind.STRING)
                .defaultValue(TextNode.valueOf(""))
                .build();
    }

    /** {@code bench.source}: one text made from the {@code label} param. */
    private final class Source extends Base {
        Source() {
            super(SOURCE, List.of(), List.of(PortSpec.one("text", PortType.TEXT, "text")),
                    List.of(label()));
        }

        @Override
        public WorkOutput execute(WorkInput input, WorkContext context) {
            executions.incrementAndGet();
            return WorkOutput.of("text", text("source " + input.stringParam("label")));
        }
    }

    /** {@code bench.step}: one text in, the label and a prefix of the input out. */
    private final class Step extends Base {
        Step() {
            super(STEP, List.of(PortSpec.one("in", PortType.TEXT, "text")),
                    List.of(PortSpec.one("text", PortType.TEXT, "text")), List.of(label()));
        }

        @Override
        public WorkOutput execute(WorkInput input, WorkContext context) throws NodeException {
            executions.incrementAndGet();
            String in = input.requireSingle("in").text();
            String head = in.length() > 48 ? in.substring(0, 48) : in;
            return WorkOutput.of("text", text(input.stringParam("label") + " <- " + head));
        }
    }

    /** {@code bench.combine}: two texts in, the label and both input lengths out. */
    private final class Combine extends Base {
        Combine() {
            super(COMBINE, List.of(PortSpec.one("left", PortType.TEXT, "text"),
                            PortSpec.one("right", PortType.TEXT, "text")),
                    List.of(PortSpec.one("text", PortType.TEXT, "text")), List.of(label()));
        }

        @Override
        public WorkOutput execute(WorkInput input, WorkContext context) throws NodeException {
            executions.incrementAndGet();
            String left = input.requireSingle("left").text();
            String right = input.requireSingle("right").text();
            return WorkOutput.of("text", text(input.stringParam("label") + " <- "
                    + left.length() + "+" + right.length()));
        }
    }

    /** {@code bench.list}: a list of {@code count} texts keyed item-1, item-2 and so on. */
    private final class ListSource extends Base {
        ListSource() {
            super(LIST, List.of(), List.of(PortSpec.list("items", PortType.TEXT, "texts")),
                    List.of(ParamSpec.builder("count", ParamKind.INTEGER).required().build()));
        }

        @Override
        public WorkOutput execute(WorkInput input, WorkContext context) {
            executions.incrementAndGet();
            List<Item> items = new ArrayList<>();
            long count = input.longParam("count", 0);
            for (int i = 1; i <= count; i++) {
                items.add(new Item("item-" + i, text("shot " + i)));
            }
            return WorkOutput.builder().list("items", items).build();
        }
    }

    /** {@code bench.render}: a paid item on provider {@code bench} that sleeps, then returns. */
    private final class Render extends Base {
        Render() {
            super(RENDER, List.of(PortSpec.one("prompt", PortType.TEXT, "prompt")),
                    List.of(PortSpec.one("image", PortType.IMAGE, "result")), List.of(label()));
        }

        @Override
        public boolean paid() {
            return true;
        }

        @Override
        public KeyMaterial prepare(WorkInput input) {
            keysComputed.incrementAndGet();
            return KeyMaterial.paid(new Billing(PROVIDER, "bench/sleep", "", 0,
                    new BigDecimal("0.01"), "1 job x $0.01", false));
        }

        @Override
        public WorkOutput execute(WorkInput input, WorkContext context) throws Exception {
            executions.incrementAndGet();
            int now = renderActive.incrementAndGet();
            renderPeak.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(renderMillis);
                context.checkCancelled();
                String prompt = input.requireSingle("prompt").text();
                return WorkOutput.builder()
                        .single("image", Artifact.ofBytes("image/x-bench",
                                ("rendered " + prompt).getBytes(StandardCharsets.UTF_8), false))
                        .actualUsd(new BigDecimal("0.01"))
                        .build();
            } finally {
                renderActive.decrementAndGet();
            }
        }
    }

    /** Ports, params and descriptive members shared by the benchmark types. */
    private abstract class Base extends DeclaredNodeType {

        Base(String id, List<PortSpec> inputs, List<PortSpec> outputs, List<ParamSpec> params) {
            super(id, 1, id, "benchmark node type " + id, NodeCategory.UTILITY, inputs, outputs,
                    params);
        }

        @Override
        public KeyMaterial prepare(WorkInput input) throws NodeException {
            keysComputed.incrementAndGet();
            return KeyMaterial.NONE;
        }
    }
}
