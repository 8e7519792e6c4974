package io.reelgraph.nodes.types;

import static io.reelgraph.engine.testing.GraphBuilder.graph;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelgraph.engine.cache.InMemoryResultCache;
import io.reelgraph.engine.file.FolderFileAccess;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.EvaluationContext;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.engine.run.RunControl;
import io.reelgraph.engine.run.RunListener;
import io.reelgraph.engine.run.RunOptions;
import io.reelgraph.engine.run.RunResult;
import io.reelgraph.engine.validate.Bindings;
import io.reelgraph.engine.validate.GraphValidator;
import io.reelgraph.engine.validate.ParamResolver;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.Providers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code script.fountain} reading the same short screenplay as Fountain and as FDX. */
class FountainScriptNodeTest {

    private static final String FOUNTAIN = """
            INT. KITCHEN - NIGHT

            Steam fogs the window.

            ANNA
            It needs salt.

            EXT. GARDEN - DAY

            TOM
            (kneeling)
            Come and look.
            """;

    private static final String FDX = """
            <?xml version="1.0" encoding="UTF-8" standalone="no" ?>
            <FinalDraft DocumentType="Script" Template="No" Version="1">
              <Content>
                <Paragraph Type="Scene Heading"><Text>INT. KITCHEN - NIGHT</Text></Paragraph>
                <Paragraph Type="Action"><Text>Steam fogs the window.</Text></Paragraph>
                <Paragraph Type="Character"><Text>ANNA</Text></Paragraph>
                <Paragraph Type="Dialogue"><Text>It needs salt.</Text></Paragraph>
                <Paragraph Type="Scene Heading"><Text>EXT. GARDEN - DAY</Text></Paragraph>
                <Paragraph Type="Character"><Text>TOM</Text></Paragraph>
                <Paragraph Type="Parenthetical"><Text>(kneeling)</Text></Paragraph>
                <Paragraph Type="Dialogue"><Text>Come and look.</Text></Paragraph>
              </Content>
            </FinalDraft>
            """;

    @TempDir
    Path folder;

    private RunResult run(String file) throws Exception {
        var types = StandardNodeTypes.registry(ModelCatalog.load(), Providers.builtIn());
        Graph graph = graph("script").node("script", "script.fountain", "file", file)
                .node("speech", "model.speech", "model", "draft/speech")
                .connect("script.dialogue", "speech.line").build();
        FolderFileAccess files = FolderFileAccess.of(folder);
        assertThat(GraphValidator.validate(graph, types, Bindings.empty(), files)).isEmpty();

        EvaluationContext context = new EvaluationContext("test", (node, type) ->
                ParamResolver.resolve(node, type, Bindings.empty()), files,
                folder.resolve("out"), false, Map.of());
        return new Engine(types, new InMemoryResultCache()).session(context)
                .run(graph, RunOptions.DEFAULT, RunListener.NONE, new RunControl());
    }

    private static List<PlannedItem> items(RunResult result, String node) {
        return result.items().stream().filter(item -> item.node().equals(NodeId.of(node)))
                .toList();
    }

    @Test
    void fdxGivesTheSameSpeechItems() throws Exception {
        Files.writeString(folder.resolve("two.fountain"), FOUNTAIN, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("two.fdx"), FDX, StandardCharsets.UTF_8);

        RunResult fromFountain = run("two.fountain");
        RunResult fromFdx = run("two.fdx");

        assertThat(fromFdx.failures()).isEmpty();
        assertThat(items(fromFdx, "speech")).extracting(PlannedItem::itemKey)
                .containsExactly("scene-1/line-1", "scene-2/line-1");
        // A spoken line carries no source line, so both formats give speech the same input,
        // and its work items the same cache keys.
        assertThat(items(fromFdx, "speech")).extracting(PlannedItem::key)
                .isEqualTo(items(fromFountain, "speech").stream().map(PlannedItem::key)
                        .toList());
    }
}
