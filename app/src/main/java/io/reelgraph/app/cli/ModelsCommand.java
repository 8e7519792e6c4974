package io.reelgraph.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.reelgraph.app.Workspace;
import io.reelgraph.nodes.catalog.Modality;
import io.reelgraph.nodes.catalog.ModelSpec;
import io.reelgraph.nodes.catalog.Money;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reelgraph models}: lists the model catalog with its estimated prices. */
@Command(versionProvider = ReelgraphCommand.Version.class, name = "models", mixinStandardHelpOptions = true,
        description = "Lists the models a graph can name, with estimated prices and sources.")
final class ModelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--modality", paramLabel = "KIND",
            description = "only models of this kind: image, video, speech, music, sfx or text")
    String modality;

    @Option(names = "--provider", paramLabel = "ID",
            description = "only models of this provider, such as fal or openai")
    String provider;

    @Option(names = "--json", description = "prints the models as JSON")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ModelSpec> models;
        try (Workspace workspace = Workspace.standard()) {
            if (modality == null) {
                models = workspace.catalog().models();
            } else {
                Modality kind = Modality.fromCode(modality).orElse(null);
                if (kind == null) {
                    err.println("Unknown modality " + modality
                            + "; use image, video, speech, music, sfx or text");
                    return ExitCodes.USAGE;
                }
                models = workspace.catalog().byModality(kind);
            }
        }
        if (provider != null) {
            String wanted = provider;
            models = models.stream().filter(model -> model.provider().equals(wanted)).toList();
        }
        if (json) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            for (ModelSpec model : models) {
                list.addObject().put("id", model.id()).put("provider", model.provider())
                        .put("model", model.apiModel())
                        .put("modality", model.modality().code())
                        .put("priceUnit", model.price().unit().code())
                        .put("priceUsd", model.price().usd())
                        .put("source", model.price().source())
                        .put("asOf", model.price().asOf());
            }
            stdout.print(ReportJson.text(JsonNodeFactory.instance.objectNode().set("models", list)));
        } else {
            stdout.printf("%-58s %-8s %-22s %s%n", "MODEL", "KIND", "PRICE (estimate)", "AS OF");
            for (ModelSpec model : models) {
                stdout.printf("%-58s %-8s %-22s %s%n", model.id(), model.modality().code(),
                        Money.formatRate(model.price().usd()) + "/" + model.price().unit().code(),
                        model.price().asOf());
            }
        }
        stdout.flush();
        return ExitCodes.OK;
    }
}
