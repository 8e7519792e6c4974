package io.reelgraph.nodes.provider.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgraph.engine.cache.InMemoryResultCache;
import io.reelgraph.engine.file.FolderFileAccess;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.EvaluationContext;
import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.engine.run.RunControl;
import io.reelgraph.engine.run.RunEvent;
import io.reelgraph.engine.run.RunOptions;
import io.reelgraph.engine.run.RunResult;
import io.reelgraph.engine.testing.GraphBuilder;
import io.reelgraph.engine.validate.Bindings;
import io.reelgraph.engine.validate.ParamResolver;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.FakeProvider.Stage;
import io.reelgraph.nodes.provider.Providers;
import io.reelgraph.nodes.provider.keys.EnvironmentKeyLookup;
import io.reelgraph.nodes.types.StandardNodeTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty lines of dialogue spoken through the ElevenLabs adapter, where the provider answers the
 * 23rd request with HTTP 429: the run waits as Retry-After says, shows the wait, and ends with
 * every line spoken exactly once.
 */
class DialogueBatchRateLimitTest {

    @TempDir
    Path folder;

    @Test
    @Timeout(120)
    void rateLimitedLineWaitsAndEveryLineIsSpokenOnce() throws Exception {
        StringBuilder script = new StringBuilder("INT. RADIO BOOTH - NIGHT\n\nTwo hosts, one mic.\n");
        for (int line = 1; line <= 50; line++) {
            script.append("\n").append(line % 2 == 0 ? "ANNA" : "TOM").append("\nLine number ")
                    .append(line).append(" of the show.\n");
        }
        Files.writeString(folder.resolve("show.fountain"), script);
        Graph graph = GraphBuilder.graph("radio show")
                .node("script", "script.fountain", "file", "show.fountain")
                .node("voices", "model.speech", "model", "elevenlabs/eleven_multilingual_v2",
                        "voice", "Rachel")
                .connect("script.dialogue", "voices.line")
                .build();

        try (FakeElevenLabsServer fake = new FakeElevenLabsServer()) {
            ModelCatalog catalog = ModelCatalog.load();
            Providers providers = Providers.standard(catalog,
                    new EnvironmentKeyLookup(catalog, Map.of("ELEVENLABS_API_KEY", fake.key())),
                    Map.of("REELGRAPH_ELEVENLABS_BASE_URL", fake.baseUrl()));
            Engine engine = new Engine(StandardNodeTypes.registry(catalog, providers),
                    new InMemoryResultCache());
            EvaluationContext context = new EvaluationContext("radio",
                    (node, type) -> ParamResolver.resolve(node, type, Bindings.empty()),
                    FolderFileAccess.of(folder), folder.resolve("out"), false, Map.of());
            List<RunEvent> events = new ArrayList<>();
            int[] done = {0};
            // One call at a time, so the scripted 429 meets exactly the 23rd line.
            RunResult result = engine.session(context).run(graph,
                    RunOptions.DEFAULT.withConcurrency("elevenlabs", 1), event -> {
                        events.add(event);
                        if (event instanceof RunEvent.Done finished
                                && finished.node().value().equals("voices") && ++done[0] == 22) {
                            fake.failNext(Stage.SUBMIT, new MockResponse.Builder().code(429)
                                    .addHeader("Retry-After", "1")
                                    .addHeader("Content-Type", "application/json")
                                    .body("{\"detail\":{\"status\":\"too_many_requests\","
                                            + "\"message\":\"slow down\"}}").build());
                        }
                    }, new RunControl());

            List<PlannedItem> lines = result.items().stream()
                    .filter(item -> item.node().value().equals("voices"))
                    .toList();
            assertThat(lines).hasSize(50);
            assertThat(lines).extracting(PlannedItem::state).containsOnly(ItemState.EXECUTED);
            assertThat(result.failed()).isZero();
            assertThat(fake.submits()).as("50 lines plus the one refused request")
                    .isEqualTo(51);
            assertThat(events).anySatisfy(event -> {
                assertThat(event).isInstanceOf(RunEvent.WaitingForRateLimit.class);
                RunEvent.WaitingForRateLimit wait = (RunEvent.WaitingForRateLimit) event;
                assertThat(wait.itemKey()).isEqualTo("scene-1/line-23");
                assertThat(wait.millis()).isBetween(900L, 1100L);
            });
        }
    }
}
