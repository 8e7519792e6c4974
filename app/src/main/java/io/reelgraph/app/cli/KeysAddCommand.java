package io.reelgraph.app.cli;

import io.reelgraph.nodes.vault.KeyAlias;
import io.reelgraph.nodes.vault.KeyInfo;
import io.reelgraph.nodes.vault.Vault;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code reelgraph keys add PROVIDER ALIAS}: stores a key read from standard input. */
@Command(name = "add", mixinStandardHelpOptions = true,
        versionProvider = ReelgraphCommand.Version.class,
        description = {"Adds a provider key under a new alias, creating the vault if needed.",
            "The key is read from standard input: typed without echo in a terminal, or piped in."},
        footer = {"", ExitCodes.HELP})
final class KeysAddCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    KeysCommand keys;

    @Parameters(index = "0", paramLabel = "PROVIDER", description = "provider id, such as openai")
    String provider;

    @Parameters(index = "1", paramLabel = "ALIAS",
            description = "name to store the key under, such as openai-personal")
    String alias;

    @Option(names = "--project", paramLabel = "PROJECT",
            description = "only this project may use the key")
    String project;

    @Override
    public Integer call() {
        return keys.execute(spec, () -> {
            String providerId = KeysCommand.provider(provider).id();
            KeyAlias keyAlias = KeysCommand.alias(alias);
            PrintWriter out = spec.commandLine().getOut();
            try (Vault vault = keys.openOrCreateVault(out)) {
                char[] secret = keys.secret("API key for " + providerId + " (input hidden): ");
                KeyInfo added = vault.add(providerId, keyAlias, secret,
                        Optional.ofNullable(project));
                out.println("Added key alias " + added.alias() + " for " + added.provider() + " ("
                        + added.maskedSecret() + ")"
                        + added.projectScope().map(p -> ", only for project " + p).orElse(""));
            }
            return ExitCodes.OK;
        });
    }
}
