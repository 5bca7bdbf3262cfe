package org.amtsgang.document.internal.content;

import java.util.Optional;

/**
 * The content types the store accepts, each recognised by its first bytes (its magic number),
 * never by the name or the type a client claims: a renamed executable stays refused.
 */
public enum ContentType {
    PDF("application/pdf", "pdf"),
    TIFF("image/tiff", "tif"),
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg");

    /** Bytes needed to tell the types apart. */
    public static final int HEAD_BYTES = 8;

    private final String mediaType;
    private final String extension;

    ContentType(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The type the bytes start like, if it is one of the accepted ones. */
    public static Optional<ContentType> detect(byte[] head, int length) {
        if (starts(head, length, '%', 'P', 'D', 'F', '-')) {
            return Optional.of(PDF);
        }
        if (starts(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (starts(head, length, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (starts(head, length, 'I', 'I', 42, 0) || starts(head, length, 'M', 'M', 0, 42)) {
            return Optional.of(TIFF);
        }
        return Optional.empty();
    }

    /** The type with this media type, for content stored before. */
    public static ContentType of(String mediaType) {
        for (ContentType type : values()) {
            if (type.mediaType.equals(mediaType)) {
                return type;
            }
        }
        throw new IllegalArgumentException("not an accepted content type: " + mediaType);
    }

    private static boolean starts(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
