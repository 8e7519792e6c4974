package io.reelgraph.nodes.vault;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The decrypted entries and bindings of a vault, and their binary encoding. The encoding is
 * written into one exactly sized array and secrets are decoded straight into {@code char[]}, so
 * no secret passes through a {@code String} or a growing buffer that would leave copies behind.
 *
 * <p>Layout, big-endian: payload version (1 byte); entry count (4); per entry: alias, provider,
 * secret (4-byte length and UTF-8), created, rotated and last used (8-byte epoch milliseconds,
 * -1 for none), scope flag (1) and scope; binding count (4); per binding: project, provider,
 * alias. Every text other than the secret is a 2-byte length and UTF-8.
 */
final class VaultContents {

    private static final byte PAYLOAD_VERSION = 1;
    private static final long NONE = -1;

    final List<StoredKey> keys = new ArrayList<>();
    final List<Binding> bindings = new ArrayList<>();

    Optional<StoredKey> find(KeyAlias alias) {
        return keys.stream().filter(key -> key.alias.equals(alias)).findFirst();
    }

    void wipe() {
        keys.forEach(StoredKey::wipe);
    }

    /** Encodes the contents; the caller wipes the returned array after encrypting it. */
    byte[] encode() {
        byte[] out = new byte[encodedLength()];
        ByteBuffer buffer = ByteBuffer.wrap(out);
        buffer.put(PAYLOAD_VERSION);
        buffer.putInt(keys.size());
        for (StoredKey key : keys) {
            putText(buffer, key.alias.name());
            putText(buffer, key.provider);
            putSecret(buffer, key.secret);
            buffer.putLong(key.created.toEpochMilli());
            buffer.putLong(key.rotated.map(Instant::toEpochMilli).orElse(NONE));
            buffer.putLong(key.lastUsed.map(Instant::toEpochMilli).orElse(NONE));
            buffer.put((byte) (key.projectScope.isPresent() ? 1 : 0));
            if (key.projectScope.isPresent()) {
                putText(buffer, key.projectScope.get());
            }
        }
        buffer.putInt(bindings.size());
        for (Binding binding : bindings) {
            putText(buffer, binding.project());
            putText(buffer, binding.provider());
            putText(buffer, binding.alias().name());
        }
        if (buffer.hasRemaining()) {
            throw new IllegalStateException("Vault payload length was computed wrongly");
        }
        return out;
    }

    /**
     * Decodes a payload.
     *
     * @throws IllegalArgumentException when the payload is malformed; the message contains no
     *     secret
     */
    static VaultContents decode(byte[] payload) {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        VaultContents contents = new VaultContents();
        try {
            byte version = buffer.get();
            if (version != PAYLOAD_VERSION) {
                throw new IllegalArgumentException("unknown payload version " + version);
            }
            int keyCount = count(buffer);
            for (int i = 0; i < keyCount; i++) {
                contents.keys.add(readKey(buffer));
            }
            int bindingCount = count(buffer);
            for (int i = 0; i < bindingCount; i++) {
                contents.bindings.add(new Binding(text(buffer), text(buffer),
                        new KeyAlias(text(buffer))));
            }
            if (buffer.hasRemaining()) {
                throw new IllegalArgumentException(buffer.remaining() + " bytes after the payload");
            }
            return contents;
        } catch (BufferUnderflowException e) {
            contents.wipe();
            throw new IllegalArgumentException("the payload ends early", e);
        } catch (RuntimeException e) {
            contents.wipe();
            throw e;
        }
    }

    private static StoredKey readKey(ByteBuffer buffer) {
        KeyAlias alias = new KeyAlias(text(buffer));
        String provider = text(buffer);
        char[] secret = secret(buffer);
        try {
            Instant created = Instant.ofEpochMilli(buffer.getLong());
            Optional<Instant> rotated = instant(buffer.getLong());
            Optional<Instant> lastUsed = instant(buffer.getLong());
            Optional<String> scope = buffer.get() == 1 ? Optional.of(text(buffer)) : Optional.empty();
            return new StoredKey(alias, provider, secret, created, rotated, lastUsed, scope);
        } catch (RuntimeException e) {
            Arrays.fill(secret, '\0');
            throw e;
        }
    }

    private int encodedLength() {
        int length = 1 + 4;
        for (StoredKey key : keys) {
            length += textLength(key.alias.name()) + textLength(key.provider);
            length += 4 + utf8Length(key.secret) + 3 * 8 + 1;
            length += key.projectScope.map(VaultContents::textLength).orElse(0);
        }
        length += 4;
        for (Binding binding : bindings) {
            length += textLength(binding.project()) + textLength(binding.provider())
                    + textLength(binding.alias().name());
        }
        return length;
    }

    private static int textLength(String text) {
        return 2 + text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void putText(ByteBuffer buffer, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("A vault name is longer than 65535 bytes");
        }
        buffer.putShort((short) bytes.length);
        buffer.put(bytes);
    }

    private static String text(ByteBuffer buffer) {
        int length = Short.toUnsignedInt(buffer.getShort());
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void putSecret(ByteBuffer buffer, char[] secret) {
        buffer.putInt(utf8Length(secret));
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = encoder.encode(CharBuffer.wrap(secret), buffer, true);
        if (result.isError()) {
            throw new IllegalArgumentException("A secret contains an unpaired surrogate character");
        }
        encoder.flush(buffer);
    }

    private static char[] secret(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException("a secret length runs past the payload");
        }
        ByteBuffer bytes = buffer.slice();
        bytes.limit(length);
        buffer.position(buffer.position() + length);

        // A UTF-8 byte never decodes to more than one char, so length chars are enough.
        char[] decoded = new char[length];
        CharBuffer chars = CharBuffer.wrap(decoded);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CoderResult result = decoder.decode(bytes, chars, true);
            if (result.isError()) {
                result.throwException();
            }
            return Arrays.copyOf(decoded, chars.position());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a secret is not valid UTF-8", e);
        } finally {
            Arrays.fill(decoded, '\0');
        }
    }

    /**
     * Encodes characters as UTF-8 into an exactly sized array, for the passphrase; the caller
     * wipes both arrays.
     *
     * @throws IllegalArgumentException when the characters contain an unpaired surrogate
     */
    static byte[] utf8(char[] chars) {
        byte[] bytes = new byte[utf8Length(chars)];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = encoder.encode(CharBuffer.wrap(chars), buffer, true);
        if (result.isError() || buffer.hasRemaining()) {
            Arrays.fill(bytes, (byte) 0);
            throw new IllegalArgumentException("The text contains an unpaired surrogate character");
        }
        return bytes;
    }

    /** Returns whether the characters contain a high or low surrogate without its partner. */
    static boolean hasUnpairedSurrogate(char[] chars) {
        for (int i = 0; i < chars.length; i++) {
            if (Character.isHighSurrogate(chars[i]) && i + 1 < chars.length
                    && Character.isLowSurrogate(chars[i + 1])) {
                i++;
            } else if (Character.isSurrogate(chars[i])) {
                return true;
            }
        }
        return false;
    }

    /** Returns the number of UTF-8 bytes of the characters; an unpaired surrogate counts 3. */
    static int utf8Length(char[] chars) {
        int length = 0;
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars.length
                    && Character.isLowSurrogate(chars[i + 1])) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    private static int count(ByteBuffer buffer) {
        int count = buffer.getInt();
        if (count < 0 || count > buffer.remaining()) {
            throw new IllegalArgumentException("a count of " + count + " runs past the payload");
        }
        return count;
    }

    private static Optional<Instant> instant(long epochMillis) {
        return epochMillis == NONE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(epochMillis));
    }
}
