package io.reelgraph.engine.cache;

import io.reelgraph.engine.artifact.ContentHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content-addressed files on disk: {@code <root>/ab/cd/<hash>}. A blob is written to a
 * temporary file, synced, moved into place atomically and its folder synced, so a crash leaves
 * either the whole blob or none of it.
 */
public final class BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(BlobStore.class);

    private final Path root;
    private final Path temporary;

    public BlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.temporary = this.root.resolve("tmp");
        try {
            Files.createDirectories(temporary);
            removeLeftovers();
        } catch (IOException e) {
            throw new CacheException("Failed to create the blob folder " + this.root
                    + ": check that it is writable", e);
        }
    }

    public Path root() {
        return root;
    }

    public Path pathOf(ContentHash hash) {
        String hex = hash.hex();
        return root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    public boolean contains(ContentHash hash) {
        return Files.isRegularFile(pathOf(hash));
    }

    /** Writes a blob durably unless a blob with this hash already exists. */
    public void write(ContentHash hash, byte[] bytes) {
        Path target = pathOf(hash);
        try {
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
                return;
            }
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(temporary, hash.shortForm(), ".part");
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            moveIntoPlace(partial, target);
            syncDirectory(target.getParent());
        } catch (IOException e) {
            throw new CacheException("Failed to write blob " + hash.shortForm() + " to " + target
                    + ": " + e.getMessage(), e);
        }
    }

    /** Reads a blob and checks it against its hash, so a damaged file is never used. */
    public Optional<byte[]> read(ContentHash hash) {
        Path path = pathOf(hash);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CacheException("Failed to read blob " + path + ": " + e.getMessage(), e);
        }
        if (!ContentHash.of(bytes).equals(hash)) {
            LOG.error("Blob {} does not match its hash; ignoring it", path);
            return Optional.empty();
        }
        return Optional.of(bytes);
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void syncDirectory(Path directory) {
        // Syncing a folder makes the rename durable on Linux; other systems refuse to open one.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("Folder sync is not supported for {}: {}", directory, e.getMessage());
        }
    }

    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(temporary, "*.part")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }
}
