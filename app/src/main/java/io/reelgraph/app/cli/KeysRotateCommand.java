package io.reelgraph.app.cli;

import io.reelgraph.nodes.vault.KeyAlias;
import io.reelgraph.nodes.vault.KeyInfo;
import io.reelgraph.nodes.vault.Vault;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code reelgraph keys rotate ALIAS}: replaces the key behind an alias. */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        versionProvider = ReelgraphCommand.Version.class,
        description = {"Replaces the key behind an alias; its bindings stay.",
            "The new key is read from standard input: typed without echo in a terminal, or piped"
                    + " in."},
        footer = {"", ExitCodes.HELP})
final class KeysRotateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    KeysCommand keys;

    @Parameters(index = "0", paramLabel = "ALIAS", description = "alias of the key to replace")
    String alias;

    @Override
    public Integer call() {
        return keys.execute(spec, () -> {
            KeyAlias keyAlias = KeysCommand.alias(alias);
            try (Vault vault = keys.openVault()) {
                char[] secret = keys.secret("New API key for " + keyAlias + " (input hidden): ");
                KeyInfo rotated = vault.rotate(keyAlias, secret);
                spec.commandLine().getOut().println("Rotated key alias " + rotated.alias()
                        + " for " + rotated.provider() + " (now " + rotated.maskedSecret() + ")");
            }
            return ExitCodes.OK;
        });
    }
}
