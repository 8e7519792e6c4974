package io.reelgraph.app.cli;

import io.reelgraph.nodes.vault.Binding;
import io.reelgraph.nodes.vault.KeyAlias;
import io.reelgraph.nodes.vault.Vault;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code reelgraph keys remove ALIAS}: deletes a key and its bindings. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        versionProvider = ReelgraphCommand.Version.class,
        description = "Removes a key and every project binding to it.",
        footer = {"", ExitCodes.HELP})
final class KeysRemoveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    KeysCommand keys;

    @Parameters(index = "0", paramLabel = "ALIAS", description = "alias of the key to remove")
    String alias;

    @Override
    public Integer call() {
        return keys.execute(spec, () -> {
            KeyAlias keyAlias = KeysCommand.alias(alias);
            try (Vault vault = keys.openVault()) {
                List<Binding> removed = vault.remove(keyAlias);
                PrintWriter out = spec.commandLine().getOut();
                out.println("Removed key alias " + keyAlias + " and " + removed.size()
                        + (removed.size() == 1 ? " binding" : " bindings"));
                for (Binding binding : removed) {
                    out.println("  project " + binding.project() + " no longer has a key bound for "
                            + binding.provider());
                }
            }
            return ExitCodes.OK;
        });
    }
}
