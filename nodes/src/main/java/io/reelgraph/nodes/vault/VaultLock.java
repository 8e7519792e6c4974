package io.reelgraph.nodes.vault;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * An exclusive lock on the sidecar lock file of a vault, held around each read-modify-write.
 * The vault file itself is never locked because an atomic replace swaps it for a new file.
 */
final class VaultLock implements AutoCloseable {

    private static final long POLL_MILLIS = 25;

    private final FileChannel channel;
    private final FileLock lock;

    private VaultLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path lockFileOf(Path vaultFile) {
        return vaultFile.resolveSibling(vaultFile.getFileName() + ".lock");
    }

    /**
     * Takes the lock, polling until the wait limit.
     *
     * @throws VaultLockedException when another process, or another vault object in this JVM,
     *     holds the lock for longer than {@code timeout}
     */
    static VaultLock acquire(Path vaultFile, Duration timeout) throws VaultException {
        Path lockFile = lockFileOf(vaultFile);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new VaultException(vaultFile, lockFile + ": failed to open the vault lock file: "
                    + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    return new VaultLock(channel, lock);
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new VaultLockedException(vaultFile, lockFile, timeout);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new VaultException(vaultFile, lockFile + ": failed to lock the vault lock file: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel, e);
            throw new VaultException(vaultFile, vaultFile + ": interrupted while waiting for the"
                    + " vault lock", e);
        } catch (VaultException | RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    /** Returns the lock, or null while another holder has it, in this JVM or another process. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
