package io.reelgraph.engine.type;

/**
 * The kind of value a port carries. A connection joins an output and an input of the same port
 * type; the one widening allowed is that any port type feeds an input of type {@link #ANY}.
 */
public enum PortType {
    TEXT, SCREENPLAY, SCENE, SHOT, DIALOGUE, CHARACTER, PROMPT, IMAGE, VIDEO, AUDIO, REFERENCE,
    CLIP, TIMELINE, FILE, ANY;

    /** Returns whether an output of this type may feed an input of the given type. */
    public boolean canFeed(PortType input) {
        return input == this || input == ANY || (this == IMAGE && input == REFERENCE);
    }

    public String displayName() {
        String lower = name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
