/**
 * The draft provider: free, offline and deterministic placeholder media (PNG images, WAV
 * speech and H.264 MP4 video) that let a graph be wired, timed and cut before any paid
 * generation runs. Everything it makes is visibly labelled DRAFT, and equal requests give
 * byte-identical output on the same machine.
 */
@NullMarked
package io.reelgraph.nodes.draft;

import org.jspecify.annotations.NullMarked;
