/**
 * Media typing by magic bytes: media type, dimensions, exact duration, sample rate and
 * channels of images, audio and video, read from the bytes and never from a file extension.
 */
@NullMarked
package io.reelgraph.nodes.media;

import org.jspecify.annotations.NullMarked;
