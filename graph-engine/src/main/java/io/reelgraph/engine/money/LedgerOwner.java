package io.reelgraph.engine.money;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process that reserved a spend ledger row: the machine, its boot, the process id and the
 * process start time. A later process on the same machine can tell from these whether the owner
 * still runs, because a reused process id comes with a different start time.
 *
 * @param machine the machine id from {@code /etc/machine-id}, or {@code unknown} where the
 *     system has none, in which case liveness cannot be checked from the owner
 * @param boot the boot id from {@code /proc/sys/kernel/random/boot_id}, or {@code unknown}
 * @param started the process start time to the millisecond, or the epoch when the system does
 *     not report it
 */
record LedgerOwner(String machine, String boot, long pid, Instant started) {

    static final String UNKNOWN = "unknown";

    private static final Pattern FORMAT = Pattern.compile(
            "machine (\\S+) boot (\\S+) pid (\\d+) started (\\S+)");

    private static final LedgerOwner CURRENT = new LedgerOwner(
            readId(Path.of("/etc/machine-id")), readId(Path.of("/proc/sys/kernel/random/boot_id")),
            ProcessHandle.current().pid(), startOf(ProcessHandle.current()));

    /** Returns the owner of this process. */
    static LedgerOwner current() {
        return CURRENT;
    }

    /** Parses the form {@link #toString()} writes; empty for a value in another form. */
    static Optional<LedgerOwner> parse(String text) {
        Matcher matcher = FORMAT.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LedgerOwner(matcher.group(1), matcher.group(2),
                    Long.parseLong(matcher.group(3)), Instant.parse(matcher.group(4))));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Returns whether this owner is known to have ended, as seen from {@code observer}: it ran
     * on the observer's machine, and that machine has rebooted since, or no process with its id
     * and start time is alive. Owners on other machines, or on machines without an id, are
     * never known to have ended.
     */
    boolean endedAsSeenBy(LedgerOwner observer) {
        if (machine.equals(UNKNOWN) || !machine.equals(observer.machine)) {
            return false;
        }
        if (!boot.equals(UNKNOWN) && !boot.equals(observer.boot)) {
            return true;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return true;
        }
        Instant actualStart = startOf(process.get());
        return !started.equals(Instant.EPOCH) && !actualStart.equals(Instant.EPOCH)
                && !actualStart.equals(started);
    }

    @Override
    public String toString() {
        return "machine " + machine + " boot " + boot + " pid " + pid + " started " + started;
    }

    static Instant startOf(ProcessHandle process) {
        return process.info().startInstant()
                .map(instant -> instant.truncatedTo(ChronoUnit.MILLIS))
                .orElse(Instant.EPOCH);
    }

    private static String readId(Path file) {
        try {
            String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return id.matches("[0-9A-Za-z-]{8,64}") ? id : UNKNOWN;
        } catch (IOException | SecurityException e) {
            return UNKNOWN;
        }
    }
}
