/**
 * Cut assembly and NLE export: rational time, frame rates and timecode, the timeline model,
 * the scene assembler, and FCPXML and CMX 3600 EDL writers. Values are non-null unless typed
 * {@code Optional}.
 */
@NullMarked
package io.reelgraph.nodes.cut;

import org.jspecify.annotations.NullMarked;
