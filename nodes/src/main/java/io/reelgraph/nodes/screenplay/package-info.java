/**
 * Screenplay parsing: Fountain 1.1 text into scenes, characters, dialogue, action and transitions
 * with source line numbers, plus the JSON that carries scenes between nodes and a breakdown into
 * shots and a cast list.
 */
@NullMarked
package io.reelgraph.nodes.screenplay;

import org.jspecify.annotations.NullMarked;
