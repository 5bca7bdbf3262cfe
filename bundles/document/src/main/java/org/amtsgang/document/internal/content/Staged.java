package org.amtsgang.document.internal.content;

import java.nio.file.Path;

/**
 * Content received into a temporary file, hashed on the way, not yet part of the store.
 *
 * @param file the temporary file
 * @param sha256 its SHA-256, hex
 * @param size its length in bytes
 * @param type the accepted type its first bytes show
 */
public record Staged(Path file, String sha256, long size, ContentType type) {}
