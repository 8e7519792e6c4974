package io.reelgraph.app.cli;

import io.reelgraph.nodes.catalog.ProviderSpec;
import io.reelgraph.nodes.provider.http.ProviderEndpoints;
import io.reelgraph.nodes.provider.keys.KeyCheck;
import io.reelgraph.nodes.provider.keys.KeyCheckResult;
import io.reelgraph.nodes.provider.keys.ProviderKey;
import io.reelgraph.nodes.provider.keys.Secret;
import io.reelgraph.nodes.vault.KeyAlias;
import io.reelgraph.nodes.vault.KeyInfo;
import io.reelgraph.nodes.vault.Vault;
import io.reelgraph.nodes.vault.VaultException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code reelgraph keys test ALIAS}: sends one free, authenticated request to the key's provider
 * and reports whether the provider accepts the key.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        versionProvider = ReelgraphCommand.Version.class,
        description = {"Checks a key with one free, authenticated request to its provider, such"
                + " as OpenAI's GET /v1/models, and records the key's last use in the vault when"
                + " the provider accepts it. Nothing is generated and nothing is paid.",
            "ALIAS is a vault alias, or the name of a provider's environment variable such as"
                    + " FAL_KEY. REELGRAPH_<PROVIDER>_BASE_URL redirects the request, as for a"
                    + " run."},
        footer = {"", "Exit codes of keys test:",
            "  0   the provider accepted the key",
            "  1   the provider could not be reached or did not answer the check (HTTP 429 or"
                    + " 5xx); the key's state is unknown",
            "  2   usage error: unknown option or missing argument",
            "  3   the provider rejected the key, or the alias or passphrase is wrong",
            "  10  the key vault is damaged or locked"})
final class KeysTestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    KeysCommand keys;

    @Parameters(index = "0", paramLabel = "ALIAS",
            description = "vault alias of the key, or an environment variable such as FAL_KEY")
    String alias;

    @Override
    public Integer call() {
        return keys.execute(spec, () -> {
            Optional<ProviderSpec> fromVariable = environmentProvider();
            if (fromVariable.isPresent()) {
                return checkEnvironmentKey(fromVariable.get());
            }
            return checkVaultKey(KeysCommand.alias(alias));
        });
    }

    /** Returns the provider whose key variable is named by the argument, when it is set. */
    private Optional<ProviderSpec> environmentProvider() {
        return KeysCommand.keyedProviders().stream()
                .filter(provider -> provider.keyEnvironmentVariable().equals(alias))
                .filter(provider -> keys.console.environment(alias).isPresent())
                .findFirst();
    }

    private int checkEnvironmentKey(ProviderSpec provider) throws InterruptedException {
        char[] value = keys.console.environment(alias).orElseThrow().strip().toCharArray();
        try (Secret secret = new Secret(value)) {
            Arrays.fill(value, '\0');
            KeyCheckResult result = check(provider,
                    new ProviderKey(alias, "env " + alias, secret));
            return report(result);
        }
    }

    private int checkVaultKey(KeyAlias keyAlias)
            throws VaultException, IOException, InterruptedException {
        if (!Files.exists(keys.vaultFile())) {
            throw new CommandFailure(ExitCodes.INVALID_INPUT, "Key alias " + keyAlias
                    + " not found: there is no key vault at " + keys.vaultFile() + " and no"
                    + " environment variable of that name is set. 'reelgraph keys list' shows"
                    + " the key sources.");
        }
        try (Vault vault = keys.openVault()) {
            KeyCheckResult result;
            // The secret comes first because it fails with the vault's message for an alias
            // that is not in the vault.
            try (Secret secret = vault.secret(keyAlias)) {
                KeyInfo info = vault.find(keyAlias).orElseThrow();
                ProviderSpec provider = KeysCommand.provider(info.provider());
                result = check(provider, new ProviderKey(keyAlias.name(),
                        "vault alias " + keyAlias, secret));
            }
            if (result.accepted()) {
                vault.recordUse(keyAlias);
            }
            return report(result);
        }
    }

    private KeyCheckResult check(ProviderSpec provider, ProviderKey key)
            throws InterruptedException {
        Map<String, String> environment = new HashMap<>();
        String variable = ProviderEndpoints.overrideVariable(provider.id());
        keys.console.environment(variable).ifPresent(url -> environment.put(variable, url));
        KeyCheck check = KeyCheck.forProvider(provider, environment).orElseThrow(
                () -> new CommandFailure(ExitCodes.INVALID_INPUT, "This build of Reelgraph has"
                        + " no key check for provider " + provider.id()));
        return check.check(key);
    }

    private int report(KeyCheckResult result) {
        switch (result.outcome()) {
            case ACCEPTED -> {
                spec.commandLine().getOut().println(result.message());
                return ExitCodes.OK;
            }
            case REJECTED -> {
                spec.commandLine().getErr().println("reelgraph: " + result.message());
                return ExitCodes.INVALID_INPUT;
            }
            default -> {
                spec.commandLine().getErr().println("reelgraph: " + result.message());
                return ExitCodes.RUN_FAILED;
            }
        }
    }
}
