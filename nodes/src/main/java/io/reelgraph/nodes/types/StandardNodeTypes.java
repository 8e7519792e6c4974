package io.reelgraph.nodes.types;

import io.reelgraph.engine.type.NodeType;
import io.reelgraph.engine.type.NodeTypeRegistry;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.Providers;
import java.util.List;

/** The node types that ship with Reelgraph. */
public final class StandardNodeTypes {

    private StandardNodeTypes() {
    }

    public static List<NodeType> create(ModelCatalog catalog, Providers providers) {
        ModelSupport models = new ModelSupport(catalog, providers);
        return List.of(new FountainScriptNode(), new PromptTemplateNode(),
                new ReferenceImageNode(), new ImageModelNode(models), new VideoModelNode(models),
                new SpeechModelNode(models), new TextModelNode(models), new CutTimelineNode());
    }

    public static NodeTypeRegistry registry(ModelCatalog catalog, Providers providers) {
        return NodeTypeRegistry.of(create(catalog, providers));
    }
}
