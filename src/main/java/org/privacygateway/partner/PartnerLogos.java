package org.privacygateway.partner;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks of a partner's logo file. The consent center serves logos from the gateway's own origin, so a logo must be
 * a picture and nothing more: a PNG, or an SVG without scripts, event handlers, embedded documents or references to
 * anything outside itself (an SVG opened on its own runs in the gateway's origin), and small.
 */
public final class PartnerLogos {

    /** The largest logo file accepted. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

    /** What an SVG logo may not contain: active content, other documents, and references that leave the file. */
    private static final Pattern SVG_FORBIDDEN = Pattern.compile(
            "<\\s*script|<\\s*foreignobject|<\\s*iframe|<\\s*embed|<\\s*object|<!entity|<!doctype|<\\?xml-stylesheet"
                    + "|\\son[a-z]+\\s*=|javascript:|data:|@import|href\\s*=\\s*[\"']?\\s*[^\"'#\\s]"
                    + "|url\\(\\s*[\"']?\\s*[^\"'#\\s)]",
            Pattern.CASE_INSENSITIVE);

    private PartnerLogos() {
    }

    /** A checked logo: its bytes and media type. */
    public record Logo(byte[] bytes, String contentType) {
    }

    /** The logo file {@code name} in {@code dir}, checked; a problem is thrown as an {@link IllegalArgumentException}. */
    public static Logo read(Path dir, String name) {
        Path file = dir.resolve(name).normalize();
        if (!file.getParent().equals(dir.normalize()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("names '" + name + "', which is not a file in the partners folder");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException("'" + name + "' is larger than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + name + "' cannot be read");
        }
        return check(name, bytes);
    }

    /** The checks on a logo's content, by its file name's extension. */
    public static Logo check(String name, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("'" + name + "' is larger than " + MAX_BYTES + " bytes");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png")) {
            if (bytes.length < PNG_SIGNATURE.length
                    || !Arrays.equals(Arrays.copyOf(bytes, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
                throw new IllegalArgumentException("'" + name + "' is not a PNG image");
            }
            return new Logo(bytes, "image/png");
        }
        if (lower.endsWith(".svg")) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("'" + name + "' is not UTF-8 text");
            }
            if (!text.contains("<svg")) {
                throw new IllegalArgumentException("'" + name + "' is not an SVG image");
            }
            if (SVG_FORBIDDEN.matcher(text).find()) {
                throw new IllegalArgumentException("'" + name + "' holds a script, an event handler, an embedded "
                        + "document or a reference outside itself; a logo must be a plain picture");
            }
            return new Logo(bytes, "image/svg+xml");
        }
        throw new IllegalArgumentException("'" + name + "' is neither an .svg nor a .png file");
    }
}
