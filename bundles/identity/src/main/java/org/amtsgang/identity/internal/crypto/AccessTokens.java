package org.amtsgang.identity.internal.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.OfficeRole;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.TrustLevel;

/**
 * The platform's short-lived access tokens: JWTs signed with ES256, carrying who the caller is,
 * how sure the city is of it ({@code acr}) and their office roles, so that checking a request
 * needs no database.
 */
public final class AccessTokens {

    public static final String AUDIENCE = "amtsgang";

    private final SigningKeys keys;
    private final String issuer;
    private final Duration lifetime;
    private final Clock clock;
    private final ECDSASigner signer;

    public AccessTokens(SigningKeys keys, String issuer, Duration lifetime, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.clock = clock;
        try {
            this.signer = new ECDSASigner(keys.current());
        } catch (JOSEException e) {
            throw new IllegalStateException("The signing key cannot sign: " + e.getMessage(), e);
        }
    }

    /** A verified token's content. */
    public record Verified(Caller caller, Instant issuedAt, Instant expiresAt) {}

    public String issue(Caller caller) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject(caller.subject())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("kind", caller.kind().name())
                .claim("acr", caller.trustLevel().name())
                .claim("name", caller.displayName())
                .claim("email", caller.email())
                .claim(
                        "roles",
                        caller.officeRoles().stream()
                                .map(OfficeRole::toString)
                                .sorted()
                                .toList())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(keys.current().getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /**
     * The token's content if it is a well-formed ES256 JWT of ours, signed by one of our keys,
     * for our audience, and valid now; empty otherwise.
     */
    public Optional<Verified> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            ECKey key = keys.byId(jwt.getHeader().getKeyID());
            if (key == null || !jwt.verify(new ECDSAVerifier(key.toECPublicKey()))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (!issuer.equals(claims.getIssuer())
                    || claims.getAudience() == null
                    || !claims.getAudience().contains(AUDIENCE)
                    || claims.getExpirationTime() == null
                    || !now.isBefore(claims.getExpirationTime().toInstant())
                    || (claims.getNotBeforeTime() != null
                            && now.plusSeconds(5)
                                    .isBefore(claims.getNotBeforeTime().toInstant()))) {
                return Optional.empty();
            }
            Set<OfficeRole> roles = new LinkedHashSet<>();
            List<String> roleClaims = claims.getStringListClaim("roles");
            if (roleClaims != null) {
                roleClaims.forEach(r -> roles.add(OfficeRole.parse(r)));
            }
            Caller caller = new Caller(
                    claims.getSubject(),
                    PrincipalKind.valueOf(claims.getStringClaim("kind")),
                    claims.getStringClaim("name"),
                    claims.getStringClaim("email"),
                    TrustLevel.valueOf(claims.getStringClaim("acr")),
                    roles);
            return Optional.of(new Verified(
                    caller,
                    claims.getIssueTime().toInstant(),
                    claims.getExpirationTime().toInstant()));
        } catch (ParseException | JOSEException | RuntimeException e) {
            // whatever is wrong with it, a bad token is simply not valid
            return Optional.empty();
        }
    }

    public Duration lifetime() {
        return lifetime;
    }
}
