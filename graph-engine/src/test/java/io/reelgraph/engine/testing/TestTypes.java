package io.reelgraph.engine.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.Item;
import io.reelgraph.engine.artifact.PortValue;
import io.reelgraph.engine.type.Billing;
import io.reelgraph.engine.type.DeclaredNodeType;
import io.reelgraph.engine.type.KeyMaterial;
import io.reelgraph.engine.type.NodeCategory;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.NodeTypeRegistry;
import io.reelgraph.engine.type.OutputFile;
import io.reelgraph.engine.type.ParamSpec;
import io.reelgraph.engine.type.ParamSpec.ParamKind;
import io.reelgraph.engine.type.PortSpec;
import io.reelgraph.engine.type.PortType;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.engine.type.WorkInput;
import io.reelgraph.engine.type.WorkOutput;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small node types for engine tests: a text list source, a free upper-casing step, a paid
 * generator that records its calls, and a free collector that writes an output file.
 */
public final class TestTypes {

    public final Source source = new Source();
    public final Upper upper = new Upper();
    public final Generate generate = new Generate();
    public final Collect collect = new Collect();

    public NodeTypeRegistry registry() {
        return NodeTypeRegistry.of(List.of(source, upper, generate, collect));
    }

    static Artifact text(String value) {
        return Artifact.ofBytes("text/plain", value.getBytes(StandardCharsets.UTF_8), false);
    }

    /** {@code test.source}: a list of texts from the param {@code items}, keyed item-1, item-2... */
    public static final class Source extends Base {
        public final AtomicInteger executions = new AtomicInteger();

        Source() {
            super("test.source", List.of(), List.of(PortSpec.list("items", PortType.TEXT, "texts")),
                    List.of(ParamSpec.builder("items", ParamKind.STRING).required().build()));
        }

        @Override
        public WorkOutput execute(WorkInput input, WorkContext context) {
            executions.incrementAndGet();
            List<Item> items = new ArrayList<>();
            String[] values = input.stringParam("items").split(",", -1);
            for (int i = 0; i < values.length; i++) {
                items.add(new Item("item-" + (i + 1), text(values[i])));
            }
            return WorkOutput.builder().list("items", items).build();
        }
    }

    /** {@code test.upper}: upper-cases one text; free. */
    public static final class Upper extends Base {
        public final AtomicInteger executions = new AtomicInteger();

        Upper() {
            super("test.upper", List.of(PortSpec.one("text", PortType.TEXT, "text")),
                    List.of(PortSpec.one("text", PortType.TEXT, "upper-cased text")),
                    List.of(ParamSpec.builder("note", ParamKind.STRING)
                            .defaultValue(TextNode.valueOf("")).displayOnly().build()));
        }

        @Override
        public WorkOutput execute(WorkInput input, WorkContext context) throws NodeException {
            executions.incrementAndGet();
            String value = input.requireSingle("text").text();
            if (value.contains("broken")) {
                throw new NodeException("Text \"" + value + "\" is broken");
            }
            return WorkOutput.of("text", text(value.toUpperCase(Locale.ROOT)));
        }
    }

    /**
     * {@code test.generate}: a paid generator on provider {@code test} that returns
     * {@code gen(<input>)#<variation>}. It records its calls and the peak number of calls in
     * flight, holds each call until a permit is free, and fails on inputs that contain "FAIL".
     */
    public static final class Generate extends Base {
        public final ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();
        /** The job journal handles the engine gave each call, when it runs with a journal. */
        public final ConcurrentLinkedQueue<io.reelgraph.engine.journal.JobHandle> jobs =
                new ConcurrentLinkedQueue<>();
        public final AtomicInteger active = new AtomicInteger();
        public final AtomicInteger peak = new AtomicInteger();
        /** Each call takes one permit before it returns; tests hand them out one by one. */
        public volatile Semaphore permits = new Semaphore(Integer.MAX_VALUE);
        public volatile long holdMillis;
        /** The actual cost that each call reports. */
        public volatile BigDecimal actualUsd = new BigDecimal("0.03");

        Generate() {
            super("test.generate", List.of(PortSpec.one("prompt", PortType.TEXT, "prompt")),
                    List.of(PortSpec.one("image", PortType.IMAGE, "result")),
                    List.of(ParamSpec.builder("model", ParamKind.STRING)
                                    .defaultValue(TextNode.valueOf("m1")).build(),
                            ParamSpec.builder("variation", ParamKind.INTEGER)
                                    .defaultValue(JsonNodeFactory.instance.numberNode(0)).build()));
        }

        @Override
        public boolean paid() {
            return true;
        }

        @Override
        public KeyMaterial prepare(WorkInput input) {
            boolean draft = input.draftMode();
            return KeyMaterial.paid(new Billing(draft ? "draft" : "test",
                    draft ? "draft/image" : input.stringParam("model"), "",
                    (int) input.longParam("variation", 0),
                    draft ? BigDecimal.ZERO : new BigDecimal("0.04"), "1 image x $0.04", draft));
        }

        @Override
        public WorkOutput execute(WorkInput input, WorkContext context) throws Exception {
            String prompt = input.requireSingle("prompt").text();
            calls.add(prompt);
            context.job().ifPresent(job -> {
                jobs.add(job);
                job.submitting("test", input.stringParam("model"));
                job.submitted(new io.reelgraph.engine.journal.ProviderJob("job-" + prompt,
                        java.util.Optional.empty(), java.util.Optional.empty(),
                        java.util.Optional.empty(), java.util.Optional.empty()));
            });
            int now = active.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            try {
                context.progress(0.5, "rendering");
                if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test never released a permit");
                }
                if (holdMillis > 0) {
                    Thread.sleep(holdMillis);
                }
                context.checkCancelled();
                if (prompt.contains("FAIL")) {
                    throw new NodeException("Provider rejected prompt \"" + prompt + "\"");
                }
                String value = "gen(" + prompt + ")#" + input.longParam("variation", 0);
                Artifact result = Artifact.ofBytes("image/x-test",
                        value.getBytes(StandardCharsets.UTF_8), input.draftMode());
                return WorkOutput.builder().single("image", result)
                        .actualUsd(actualUsd).build();
            } finally {
                active.decrementAndGet();
            }
        }
    }

    /** {@code test.collect}: joins a list of artifacts into one text and writes it to a file. */
    public static final class Collect extends Base {
        public final AtomicInteger executions = new AtomicInteger();

        Collect() {
            super("test.collect", List.of(PortSpec.list("parts", PortType.ANY, "parts")),
                    List.of(PortSpec.one("joined", PortType.TEXT, "joined text")),
                    List.of(ParamSpec.builder("file", ParamKind.STRING)
                            .defaultValue(TextNode.valueOf("joined.txt")).build()));
        }

        @Override
        public WorkOutput execute(WorkInput input, WorkContext context) {
            executions.incrementAndGet();
            StringBuilder joined = new StringBuilder();
            PortValue parts = input.input("parts").orElseThrow();
            for (Item item : parts.items()) {
                joined.append(item.key()).append('=').append(item.artifact().text()).append('\n');
            }
            Artifact result = text(joined.toString());
            return WorkOutput.builder().single("joined", result)
                    .file(new OutputFile(Path.of(input.stringParam("file")), result)).build();
        }
    }

    abstract static class Base extends DeclaredNodeType {

        Base(String id, List<PortSpec> inputs, List<PortSpec> outputs, List<ParamSpec> params) {
            super(id, 1, id, "test node type " + id, NodeCategory.UTILITY, inputs, outputs,
                    params);
        }
    }
}
