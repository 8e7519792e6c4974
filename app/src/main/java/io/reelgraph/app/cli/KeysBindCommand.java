package io.reelgraph.app.cli;

import io.reelgraph.nodes.vault.KeyAlias;
import io.reelgraph.nodes.vault.Vault;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code reelgraph keys bind PROJECT PROVIDER ALIAS}: picks a project's key for a provider. */
@Command(name = "bind", mixinStandardHelpOptions = true,
        versionProvider = ReelgraphCommand.Version.class,
        description = "Makes a project use the key under ALIAS for a provider, so each film runs"
                + " on its own keys.",
        footer = {"", ExitCodes.HELP})
final class KeysBindCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    KeysCommand keys;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "project name")
    String project;

    @Parameters(index = "1", paramLabel = "PROVIDER", description = "provider id, such as openai")
    String provider;

    @Parameters(index = "2", paramLabel = "ALIAS", description = "alias of a key of that provider")
    String alias;

    @Override
    public Integer call() {
        return keys.execute(spec, () -> {
            String providerId = KeysCommand.provider(provider).id();
            KeyAlias keyAlias = KeysCommand.alias(alias);
            try (Vault vault = keys.openVault()) {
                vault.bind(project, providerId, keyAlias);
                spec.commandLine().getOut().println("Project " + project + " now uses key alias "
                        + keyAlias + " for " + providerId);
            }
            return ExitCodes.OK;
        });
    }
}
