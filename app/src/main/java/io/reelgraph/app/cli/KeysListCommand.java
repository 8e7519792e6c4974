package io.reelgraph.app.cli;

import io.reelgraph.app.Home;
import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.money.H2Budget;
import io.reelgraph.engine.money.LedgerEntry;
import io.reelgraph.engine.money.LedgerStatus;
import io.reelgraph.nodes.catalog.Money;
import io.reelgraph.nodes.catalog.ProviderSpec;
import io.reelgraph.nodes.vault.Binding;
import io.reelgraph.nodes.vault.KeyAlias;
import io.reelgraph.nodes.vault.KeyInfo;
import io.reelgraph.nodes.vault.Vault;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code reelgraph keys list}: the keys in the vault in masked form, the bindings, and which key
 * source each provider would use.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        versionProvider = ReelgraphCommand.Version.class,
        description = {"Lists the keys in the vault (masked), the project bindings, and for each"
                + " provider the key source a run would use: a vault alias, an environment"
                + " variable, or none."},
        footer = {"", ExitCodes.HELP})
final class KeysListCommand implements Callable<Integer> {

    private static final String ROW = "%-24s %-12s %-18s %-21s %-21s %-21s %-12s %s%n";

    @Spec
    CommandSpec spec;

    @ParentCommand
    KeysCommand keys;

    @Option(names = "--project", paramLabel = "PROJECT",
            description = "shows the key source each provider would use for this project")
    String project;

    @Override
    public Integer call() {
        return keys.execute(spec, () -> {
            PrintWriter out = spec.commandLine().getOut();
            Path file = keys.vaultFile();
            Map<String, KeyAlias> vaultSources = new HashMap<>();
            if (Files.exists(file)) {
                try (Vault vault = keys.openVault()) {
                    printKeys(out, file, vault.list());
                    printBindings(out, vault.bindings());
                    for (ProviderSpec provider : KeysCommand.keyedProviders()) {
                        vault.aliasFor(provider.id(), Optional.ofNullable(project))
                                .ifPresent(alias -> vaultSources.put(provider.id(), alias));
                    }
                }
            } else {
                out.println("No key vault at " + file + " yet; 'reelgraph keys add PROVIDER"
                        + " ALIAS' creates one.");
            }
            printSources(out, vaultSources);
            return ExitCodes.OK;
        });
    }

    private void printKeys(PrintWriter out, Path file, List<KeyInfo> entries) {
        out.println("Key vault " + file + ": " + entries.size()
                + (entries.size() == 1 ? " key" : " keys"));
        if (entries.isEmpty()) {
            return;
        }
        Map<String, BigDecimal> spent = spentByAlias();
        out.printf(ROW, "ALIAS", "PROVIDER", "KEY", "CREATED", "ROTATED", "LAST USED", "PROJECT",
                "SPENT");
        for (KeyInfo entry : entries) {
            out.printf(ROW, entry.alias(), entry.provider(), entry.maskedSecret(),
                    time(Optional.of(entry.created())), time(entry.rotated()),
                    time(entry.lastUsed()), entry.projectScope().orElse("any"),
                    Money.format(spent.getOrDefault(entry.alias().name(), BigDecimal.ZERO)));
        }
    }

    /**
     * Sums the settled calls of the spend ledger per key alias: the actual cost where the
     * provider reported one, else the projection. Empty when no run has made a cache yet.
     */
    private static Map<String, BigDecimal> spentByAlias() {
        Map<String, BigDecimal> spent = new HashMap<>();
        if (!Files.isDirectory(Home.cacheFolder())) {
            return spent;
        }
        try (H2ResultCache cache = H2ResultCache.open(Home.cacheFolder())) {
            for (LedgerEntry entry : new H2Budget(cache.dataSource()).entries(Optional.empty())) {
                if (entry.status() == LedgerStatus.SETTLED && entry.keyAlias().isPresent()) {
                    spent.merge(entry.keyAlias().get(),
                            entry.actualUsd().orElse(entry.projectedUsd()), BigDecimal::add);
                }
            }
        }
        return spent;
    }

    private void printBindings(PrintWriter out, List<Binding> bindings) {
        out.println();
        if (bindings.isEmpty()) {
            out.println("No project bindings.");
            return;
        }
        out.printf("%-24s %-12s %s%n", "PROJECT", "PROVIDER", "ALIAS");
        for (Binding binding : bindings) {
            out.printf("%-24s %-12s %s%n", binding.project(), binding.provider(), binding.alias());
        }
    }

    private void printSources(PrintWriter out, Map<String, KeyAlias> vaultSources) {
        out.println();
        out.println(project == null ? "Key source per provider:"
                : "Key source per provider for project " + project + ":");
        for (ProviderSpec provider : KeysCommand.keyedProviders()) {
            String variable = provider.keyEnvironmentVariable();
            String source;
            if (vaultSources.containsKey(provider.id())) {
                source = "vault alias " + vaultSources.get(provider.id());
            } else if (keys.console.environment(variable).isPresent()) {
                source = "environment variable " + variable;
            } else {
                source = "none (add a key, or set " + variable + ")";
            }
            out.printf("  %-12s %s%n", provider.id(), source);
        }
    }

    private static String time(Optional<Instant> instant) {
        return instant.map(value -> value.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("-");
    }
}
