package org.amtsgang.document.api.dto;

import java.io.InputStream;

/**
 * Content to read: the caller closes the stream. The stream verifies the stored checksum as it
 * goes and throws an {@link java.io.IOException} at the end if the bytes were damaged.
 *
 * @param version the version it belongs to
 * @param contentType its type
 * @param size its length in bytes
 * @param sha256 the checksum the bytes must match, hex
 * @param stream the bytes
 */
public record Content(VersionView version, String contentType, long size, String sha256, InputStream stream) {}
