package io.reelgraph.app.cli;

import io.reelgraph.app.Home;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code reelgraph} command and its subcommands. */
@Command(name = "reelgraph", mixinStandardHelpOptions = true,
        versionProvider = ReelgraphCommand.Version.class,
        description = {"Plans, estimates and runs Reelgraph generation graphs.",
            "Results are cached in REELGRAPH_HOME (default ~/.reelgraph), so nothing is paid for"
                    + " twice."},
        subcommands = {EditCommand.class, RunCommand.class, EstimateCommand.class,
            ValidateCommand.class, BreakdownCommand.class, ModelsCommand.class, KeysCommand.class,
            JobsCommand.class,
            BudgetCommand.class, SpendCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", ExitCodes.HELP})
public final class ReelgraphCommand implements Runnable, CommandLine.IExitCodeGenerator {

    @Spec
    CommandSpec spec;

    private int exitCode;

    @Override
    public int getExitCode() {
        return exitCode;
    }

    /** Runs the command line and returns its exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Returns the command line, for callers that redirect its output, such as tests. */
    public static CommandLine commandLine() {
        return commandLine(KeysConsole.system());
    }

    /** Returns the command line with the {@code keys} commands reading from the given console. */
    static CommandLine commandLine(KeysConsole keysConsole) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == KeysCommand.class) {
                    return type.cast(new KeysCommand(keysConsole));
                }
                return defaults.create(type);
            }
        };
        CommandLine commandLine = new CommandLine(new ReelgraphCommand(), factory);
        commandLine.setOut(new RedactingWriter(new java.io.OutputStreamWriter(System.out,
                java.nio.charset.StandardCharsets.UTF_8)));
        commandLine.setErr(new RedactingWriter(new java.io.OutputStreamWriter(System.err,
                java.nio.charset.StandardCharsets.UTF_8)));
        commandLine.registerConverter(java.math.BigDecimal.class, ReelgraphCommand::amount);
        commandLine.setParameterExceptionHandler(ReelgraphCommand::usageError);
        commandLine.setExecutionExceptionHandler((failure, command, parsed) -> {
            PrintWriter err = command.getErr();
            err.println("reelgraph: " + failure.getMessage());
            err.println("See the log in " + Home.folder().resolve("logs") + " for details.");
            org.slf4j.LoggerFactory.getLogger(ReelgraphCommand.class)
                    .error("Command failed", failure);
            return ExitCodes.INTERNAL;
        });
        return commandLine;
    }

    private static java.math.BigDecimal amount(String text) {
        try {
            return new java.math.BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not an amount of"
                    + " US dollars; write it like 2.50, without a currency sign");
        }
    }

    /** Prints a command line mistake in one line with a pointer to help, and exits with 2. */
    private static int usageError(CommandLine.ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("reelgraph: " + failure.getMessage());
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** With no command, opens the editor on an empty graph, or prints help without a display. */
    @Override
    public void run() {
        exitCode = EditCommand.open(spec, java.util.Optional.empty());
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"reelgraph " + version()};
        }
    }

    /** Returns the version written into the jar manifest, or {@code dev} outside a jar. */
    public static String version() {
        String version = ReelgraphCommand.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
