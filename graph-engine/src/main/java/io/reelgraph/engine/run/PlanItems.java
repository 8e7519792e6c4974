package io.reelgraph.engine.run;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;

/**
 * The planned items of a plan as one immutable list made of one chunk per node, in topological
 * order. A plan after an edit shares every unchanged node's chunk with the plan before it, so
 * building it copies one reference per node instead of one item per work item.
 */
final class PlanItems extends AbstractList<PlannedItem> implements RandomAccess {

    private final List<PlannedItem>[] chunks;
    /** starts[i] is the index of the first item of chunk i; starts[chunks.length] is the size. */
    private final int[] starts;

    PlanItems(List<PlannedItem>[] chunks) {
        this.chunks = chunks.clone();
        this.starts = new int[chunks.length + 1];
        for (int i = 0; i < chunks.length; i++) {
            starts[i + 1] = starts[i] + chunks[i].size();
        }
    }

    @Override
    public PlannedItem get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("Item " + index + " of a plan of " + size());
        }
        // The item is in the last chunk that starts at or before the index. Empty chunks share
        // their start with the chunk after them, so they are never that last chunk.
        int low = 0;
        int high = chunks.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (starts[middle] <= index) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return chunks[low].get(index - starts[low]);
    }

    @Override
    public int size() {
        return starts[chunks.length];
    }

    @Override
    public Iterator<PlannedItem> iterator() {
        return new Iterator<>() {
            private int chunk;
            private int offset;

            @Override
            public boolean hasNext() {
                while (chunk < chunks.length && offset >= chunks[chunk].size()) {
                    chunk++;
                    offset = 0;
                }
                return chunk < chunks.length;
            }

            @Override
            public PlannedItem next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return chunks[chunk].get(offset++);
            }
        };
    }
}
