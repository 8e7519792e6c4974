package io.reelgraph.app.cli;

import io.reelgraph.app.Workspace;
import io.reelgraph.engine.journal.JobEntry;
import io.reelgraph.engine.journal.JobJournal;
import io.reelgraph.engine.journal.JobStatus;
import io.reelgraph.engine.journal.ProviderJob;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reelgraph jobs}: lists provider jobs that may still be running or whose submit has an
 * unknown outcome, and settles an ambiguous one after the user checked the provider.
 */
@Command(versionProvider = ReelgraphCommand.Version.class, name = "jobs",
        mixinStandardHelpOptions = true,
        description = {"Lists paid provider jobs that are open in the job journal, and settles a"
                + " submit whose outcome is unknown.",
            "A run never sends such a submit again by itself, because no provider takes an"
                    + " idempotency key."},
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Forget.class},
        footer = {"", ExitCodes.HELP})
final class JobsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code reelgraph jobs list}: the open entries, oldest first. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists open jobs: submitting, submitted or ambiguous.",
            footer = {"", ExitCodes.HELP})
    static final class ListJobs implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace workspace = Workspace.standard()) {
                List<JobEntry> open = workspace.journal().open();
                if (open.isEmpty()) {
                    out.println("No open provider jobs.");
                    return ExitCodes.OK;
                }
                out.printf("%-14s %-11s %-10s %-36s %-24s %s%n", "CACHE KEY", "PROVIDER",
                        "STATUS", "MODEL", "REQUEST ID", "SINCE");
                for (JobEntry entry : open) {
                    out.printf("%-14s %-11s %-10s %-36s %-24s %s%n",
                            entry.cacheKey().shortForm(), entry.provider(), entry.status(),
                            entry.model(), requestId(entry), entry.createdAt());
                }
                out.println();
                out.println("An AMBIGUOUS job was sent, but its outcome is unknown. Check the"
                        + " provider's dashboard for the request id; if it holds no job, run"
                        + " 'reelgraph jobs forget CACHE_KEY' and the next run submits again.");
                return ExitCodes.OK;
            }
        }
    }

    /** {@code reelgraph jobs forget KEY}: removes an ambiguous or stuck entry. */
    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = {"Removes an ambiguous or submitting job from the journal, so the next"
                    + " run submits it again.",
                "Do this only after checking that the provider holds no job for it: otherwise"
                        + " the generation is paid for twice."},
            footer = {"", ExitCodes.HELP})
    static final class Forget implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CACHE_KEY",
                description = "the cache key, or the start of it that 'jobs list' shows")
        String key;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Workspace workspace = Workspace.standard()) {
                JobJournal journal = workspace.journal();
                List<JobEntry> matches = journal.open().stream()
                        .filter(entry -> entry.cacheKey().hex().startsWith(key))
                        .toList();
                if (matches.size() != 1) {
                    err.println(matches.isEmpty()
                            ? "No open job has a cache key starting with " + key
                                    + "; 'reelgraph jobs list' shows the open ones"
                            : matches.size() + " open jobs have a cache key starting with " + key
                                    + "; give more of the key");
                    return ExitCodes.INVALID_INPUT;
                }
                JobEntry entry = matches.get(0);
                if (entry.status() == JobStatus.SUBMITTED) {
                    err.println("Job " + entry.cacheKey().shortForm() + " was accepted by "
                            + entry.provider() + " as " + entry.job().map(ProviderJob::providerJobId)
                                    .orElse("?") + "; the next run polls it, so it is not"
                            + " forgotten");
                    return ExitCodes.INVALID_INPUT;
                }
                journal.forget(entry.cacheKey());
                out.println("Forgot " + entry.status() + " job " + entry.cacheKey().shortForm()
                        + " on " + entry.provider() + " (request id " + requestId(entry)
                        + "); the next run submits it again.");
                return ExitCodes.OK;
            }
        }
    }

    private static String requestId(JobEntry entry) {
        return entry.providerRequestId()
                .or(() -> entry.job().flatMap(ProviderJob::providerRequestId))
                .orElse("-");
    }
}
