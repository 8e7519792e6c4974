package io.reelgraph.nodes.vault;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The main class of the child JVMs that the vault tests start, so that locking is tested
 * between real processes.
 *
 * <ul>
 *   <li>{@code add VAULT PASSPHRASE PREFIX COUNT}: adds aliases PREFIX-0 to PREFIX-(COUNT-1)
 *   <li>{@code hold-lock VAULT}: locks the vault's lock file, prints {@code locked} and keeps
 *       the lock until standard input closes
 * </ul>
 */
public final class VaultChild {

    private VaultChild() {
    }

    public static void main(String[] args) throws Exception {
        Path vaultFile = Path.of(args[1]);
        switch (args[0]) {
            case "add" -> add(vaultFile, args[2], args[3], Integer.parseInt(args[4]));
            case "hold-lock" -> holdLock(vaultFile);
            default -> throw new IllegalArgumentException("Unknown mode " + args[0]);
        }
    }

    private static void add(Path vaultFile, String passphrase, String prefix, int count)
            throws Exception {
        try (Vault vault = Vault.open(vaultFile, passphrase.toCharArray())) {
            vault.lockTimeout(java.time.Duration.ofSeconds(60));
            for (int i = 0; i < count; i++) {
                String secret = "sk-" + prefix + "secret0000000000000000" + i;
                vault.add("openai", KeyAlias.of(prefix + "-" + i), secret.toCharArray(),
                        Optional.empty());
            }
        }
    }

    private static void holdLock(Path vaultFile) throws Exception {
        try (FileChannel channel = FileChannel.open(VaultLock.lockFileOf(vaultFile),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() != -1) {
                // Keeps the lock until the parent closes standard input.
            }
        }
    }
}
