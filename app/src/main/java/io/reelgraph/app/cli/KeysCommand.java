package io.reelgraph.app.cli;

import io.reelgraph.app.Home;
import io.reelgraph.app.Workspace;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.catalog.ProviderSpec;
import io.reelgraph.nodes.vault.DamagedVaultException;
import io.reelgraph.nodes.vault.KeyAlias;
import io.reelgraph.nodes.vault.KeyEntryException;
import io.reelgraph.nodes.vault.Vault;
import io.reelgraph.nodes.vault.VaultException;
import io.reelgraph.nodes.vault.VaultLockedException;
import io.reelgraph.nodes.vault.WrongPassphraseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code reelgraph keys}: manages the provider keys in the key vault. The passphrase comes from
 * {@value #PASSPHRASE_VARIABLE} when it is set, else from the terminal without echo.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        versionProvider = ReelgraphCommand.Version.class,
        description = {"Manages provider API keys in the encrypted key vault"
                + " (REELGRAPH_HOME/keys.vault).",
            "The vault passphrase is read from REELGRAPH_PASSPHRASE when it is set, else from"
                    + " the terminal without echo."},
        subcommands = {KeysAddCommand.class, KeysListCommand.class, KeysRotateCommand.class,
            KeysRemoveCommand.class, KeysBindCommand.class, KeysTestCommand.class},
        footer = {"", ExitCodes.HELP})
final class KeysCommand implements Runnable {

    static final String PASSPHRASE_VARIABLE = Workspace.PASSPHRASE_VARIABLE;

    private static final Logger LOG = LoggerFactory.getLogger(KeysCommand.class);

    /** One step that needs the vault; it returns the exit code. */
    interface VaultStep {
        int run() throws VaultException, IOException, InterruptedException;
    }

    @Spec
    CommandSpec spec;

    final KeysConsole console;

    KeysCommand(KeysConsole console) {
        this.console = console;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Path vaultFile() {
        return Home.vaultFile();
    }

    /** Returns the catalog providers that take a key. */
    static List<ProviderSpec> keyedProviders() {
        try {
            return ModelCatalog.load().providers().stream().filter(ProviderSpec::needsKey).toList();
        } catch (io.reelgraph.nodes.catalog.CatalogException e) {
            throw new IllegalStateException("The bundled model catalog is invalid, so this build"
                    + " of Reelgraph is broken: " + e.getMessage(), e);
        }
    }

    /**
     * Checks a provider id against the catalog.
     *
     * @throws CommandFailure a usage error listing the known providers
     */
    static ProviderSpec provider(String id) {
        List<ProviderSpec> providers = keyedProviders();
        String known = providers.stream().map(ProviderSpec::id).collect(Collectors.joining(", "));
        Optional<ProviderSpec> found = providers.stream().filter(p -> p.id().equals(id)).findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        throw new CommandFailure(ExitCodes.USAGE, "Unknown provider '" + id + "'; the providers"
                + " that take a key are: " + known);
    }

    /**
     * Checks an alias argument.
     *
     * @throws CommandFailure a usage error with the alias rules
     */
    static KeyAlias alias(String name) {
        try {
            return KeyAlias.of(name);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** Opens the existing vault. */
    Vault openVault() throws VaultException, IOException {
        Path file = vaultFile();
        if (!Files.exists(file)) {
            throw new CommandFailure(ExitCodes.INVALID_INPUT, "No key vault at " + file
                    + " yet; 'reelgraph keys add PROVIDER ALIAS' creates one.");
        }
        return Vault.open(file, passphrase("Vault passphrase: "));
    }

    /** Opens the vault, or creates it when it does not exist yet. */
    Vault openOrCreateVault(PrintWriter out) throws VaultException, IOException {
        Path file = vaultFile();
        if (Files.exists(file)) {
            return Vault.open(file, passphrase("Vault passphrase: "));
        }
        char[] passphrase = newPassphrase();
        Vault vault = Vault.create(file, passphrase);
        out.println("Created key vault " + file);
        return vault;
    }

    /** Reads the passphrase; the caller passes it to the vault, which wipes it. */
    char[] passphrase(String prompt) throws IOException {
        Optional<String> fromEnvironment = console.environment(PASSPHRASE_VARIABLE);
        if (fromEnvironment.isPresent()) {
            // NOTE: an environment variable is a String, so this copy of the passphrase stays in
            // memory until the process ends.
            return fromEnvironment.get().toCharArray();
        }
        if (!console.hasTerminal()) {
            throw new CommandFailure(ExitCodes.USAGE, "No vault passphrase: set "
                    + PASSPHRASE_VARIABLE + " or run the command in a terminal.");
        }
        return console.readHidden(prompt);
    }

    /** Reads a passphrase for a new vault, twice when it comes from the terminal. */
    private char[] newPassphrase() throws IOException {
        char[] first = passphrase("New vault passphrase: ");
        if (console.environment(PASSPHRASE_VARIABLE).isPresent()) {
            return first;
        }
        char[] second = console.readHidden("Repeat the passphrase: ");
        try {
            if (!Arrays.equals(first, second)) {
                Arrays.fill(first, '\0');
                throw new CommandFailure(ExitCodes.INVALID_INPUT, "The two passphrases differ;"
                        + " no vault was created. Run the command again.");
            }
            return first;
        } finally {
            Arrays.fill(second, '\0');
        }
    }

    /**
     * Reads a secret from standard input, without echo on a terminal, and strips surrounding
     * whitespace. The caller passes it to the vault, which wipes it.
     */
    char[] secret(String prompt) throws IOException {
        char[] line = console.hasTerminal() ? console.readHidden(prompt) : console.readLine();
        int start = 0;
        int end = line.length;
        while (start < end && Character.isWhitespace(line[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(line[end - 1])) {
            end--;
        }
        char[] stripped = Arrays.copyOfRange(line, start, end);
        Arrays.fill(line, '\0');
        if (stripped.length == 0) {
            throw new CommandFailure(ExitCodes.INVALID_INPUT, "No key was given on standard"
                    + " input; paste the key, or pipe it in.");
        }
        return stripped;
    }

    /**
     * Runs a step and turns each failure into its message and exit code, so the user never sees
     * a stack trace. Messages of vault failures contain no key material.
     */
    int execute(CommandSpec command, VaultStep step) {
        PrintWriter err = command.commandLine().getErr();
        try {
            return step.run();
        } catch (CommandFailure failure) {
            err.println("reelgraph: " + failure.getMessage());
            return failure.exitCode();
        } catch (WrongPassphraseException | KeyEntryException e) {
            err.println("reelgraph: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        } catch (DamagedVaultException | VaultLockedException e) {
            LOG.warn("Key vault {} could not be used: {}", e.file(), e.getMessage());
            err.println("reelgraph: " + e.getMessage());
            return ExitCodes.INTERNAL;
        } catch (VaultException e) {
            LOG.error("Key vault {} could not be used", e.file(), e);
            err.println("reelgraph: " + e.getMessage());
            return ExitCodes.INTERNAL;
        } catch (IllegalArgumentException e) {
            err.println("reelgraph: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("reelgraph: interrupted before the command finished");
            return ExitCodes.CANCELLED;
        } catch (IOException e) {
            LOG.error("Failed to read the terminal or standard input", e);
            err.println("reelgraph: failed to read input: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        } finally {
            err.flush();
            command.commandLine().getOut().flush();
        }
    }
}
