package io.reelgraph.nodes.draft;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jcodec.common.io.SeekableByteChannel;

/**
 * An in-memory, seekable, growing byte channel for the jcodec MP4 muxer, which seeks back to
 * patch the {@code mdat} size after writing the frames.
 */
final class GrowingByteChannel implements SeekableByteChannel {

    private byte[] data = new byte[64 * 1024];
    private int size;
    private int position;
    private boolean open = true;

    @Override
    public int write(ByteBuffer source) {
        int count = source.remaining();
        ensureCapacity((long) position + count);
        source.get(data, position, count);
        position += count;
        size = Math.max(size, position);
        return count;
    }

    @Override
    public int read(ByteBuffer target) {
        if (position >= size) {
            return -1;
        }
        int count = Math.min(target.remaining(), size - position);
        target.put(data, position, count);
        position += count;
        return count;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel setPosition(long newPosition) {
        if (newPosition < 0 || newPosition > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Channel position " + newPosition
                    + " is outside 0 to " + (Integer.MAX_VALUE - 8));
        }
        position = (int) newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        size = (int) Math.min(size, Math.max(0, newSize));
        position = Math.min(position, size);
        return this;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(data, size);
    }

    private void ensureCapacity(long needed) {
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("Draft video exceeds 2 GB in memory; "
                    + "request fewer frames");
        }
        if (needed > data.length) {
            long grown = Math.max(needed, Math.min((long) data.length * 2, Integer.MAX_VALUE - 8));
            data = Arrays.copyOf(data, (int) grown);
        }
    }
}
