package org.amtsgang.identity.internal.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The platform's token signing keys (ES256, P-256), one JWK file per key in a directory. The
 * configured key signs; every key in the directory verifies and is published, so that rotating
 * to a new key id keeps tokens signed with the old one valid until they expire. An operator
 * retires a key by deleting its file once its tokens have expired.
 */
public final class SigningKeys {

    private static final String SUFFIX = ".jwk.json";

    private final ECKey current;
    private final Map<String, ECKey> byId;

    private SigningKeys(ECKey current, Map<String, ECKey> byId) {
        this.current = current;
        this.byId = Map.copyOf(byId);
    }

    /** Loads the keys in the directory, creating the current one if it does not exist yet. */
    public static SigningKeys load(Path directory, String currentKeyId) {
        if (!currentKeyId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException(
                    "signing key id must be letters, digits, '.', '_' or '-': " + currentKeyId);
        }
        try {
            Files.createDirectories(directory);
            Path currentFile = directory.resolve(currentKeyId + SUFFIX);
            if (!Files.exists(currentFile)) {
                write(currentFile, generate(currentKeyId));
            }
            Map<String, ECKey> keys = new TreeMap<>();
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                        .toList()) {
                    ECKey key = JWK.parse(Files.readString(file, StandardCharsets.UTF_8))
                            .toECKey();
                    keys.put(key.getKeyID(), key);
                }
            }
            return new SigningKeys(keys.get(currentKeyId), keys);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write signing keys in " + directory, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(
                    "A signing key in " + directory + " is not a valid EC JWK: " + e.getMessage(), e);
        }
    }

    /** Only for tests and benchmarks: keys held in memory. */
    public static SigningKeys inMemory(String keyId) {
        try {
            ECKey key = generate(keyId);
            return new SigningKeys(key, Map.of(keyId, key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public ECKey current() {
        return current;
    }

    public ECKey byId(String keyId) {
        return keyId == null ? null : byId.get(keyId);
    }

    /** The public keys, for {@code jwks.json}. */
    public JWKSet publicSet() {
        List<JWK> keys = new ArrayList<>();
        byId.values().forEach(k -> keys.add(k.toPublicJWK()));
        return new JWKSet(keys);
    }

    private static ECKey generate(String keyId) throws JOSEException {
        return new ECKeyGenerator(Curve.P_256)
                .keyID(keyId)
                .keyUse(KeyUse.SIGNATURE)
                .generate();
    }

    private static void write(Path file, ECKey key) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, key.toJSONString(), StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // on file systems without POSIX permissions the directory's protection must do
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
