package org.amtsgang.identity.internal.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.amtsgang.identity.api.LoginOption;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.TrustLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One OpenID Connect provider, as a relying party sees it: authorization code flow with PKCE,
 * the code exchanged at the token endpoint with the client secret, the ID token's signature
 * (from the provider's JWKS), issuer, audience, expiry and nonce checked, and its {@code acr}
 * mapped to a trust level.
 */
@Component(
        service = OidcProvider.class,
        configurationPid = OidcConfig.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OidcConfig.class, factory = true)
public final class OidcProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OidcConfig config;
    private final Map<String, TrustLevel> acrLevels;
    private final TrustLevel defaultLevel;
    private final PrincipalKind audience;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile Metadata metadata;

    @Activate
    public OidcProvider(OidcConfig config) {
        if (!config.id().matches("[a-z0-9-]{1,32}")) {
            throw new IllegalArgumentException(
                    "OIDC provider id must be lower-case letters, digits and dashes: " + config.id());
        }
        this.config = config;
        this.acrLevels = parseMapping(config.acrMapping());
        this.defaultLevel = TrustLevel.valueOf(config.defaultTrustLevel().trim());
        this.audience = PrincipalKind.valueOf(config.audience().trim());
    }

    /** The provider's endpoints, read from its discovery document. */
    record Metadata(String issuer, URI authorization, URI token, JWKSet keys) {}

    /** What a verified ID token says about the person. */
    public record Identity(
            String issuer, String subject, String email, boolean emailVerified, String name, TrustLevel trustLevel) {}

    public String id() {
        return config.id();
    }

    public boolean forCitizens() {
        return audience == PrincipalKind.CITIZEN;
    }

    public PrincipalKind audience() {
        return audience;
    }

    public LoginOption option() {
        TrustLevel best = acrLevels.values().stream().max(Enum::compareTo).orElse(defaultLevel);
        if (defaultLevel.compareTo(best) > 0) {
            best = defaultLevel;
        }
        return new LoginOption(config.id(), config.name(), best, "/api/v1/auth/oidc/" + config.id() + "/start");
    }

    /** Where to send the browser to log in. */
    public URI authorizationUri(String state, String nonce, String codeVerifier) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", config.clientId());
        query.put("redirect_uri", config.redirectUri());
        query.put("scope", config.scopes());
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", Pkce.challenge(codeVerifier));
        query.put("code_challenge_method", "S256");
        return URI.create(
                metadata().authorization() + (metadata().authorization().getQuery() == null ? "?" : "&") + form(query));
    }

    /** Exchanges the authorization code and verifies the ID token it brings. */
    public Identity redeem(String code, String codeVerifier, String nonce) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", config.redirectUri());
        form.put("client_id", config.clientId());
        form.put("code_verifier", codeVerifier);
        HttpRequest.Builder request = HttpRequest.newBuilder(metadata().token())
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (!config.clientSecret().isBlank()) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((encode(config.clientId()) + ":" + encode(config.clientSecret()))
                                            .getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("token endpoint answered " + response.statusCode());
        }
        JsonNode idToken = JSON.readTree(response.body()).get("id_token");
        if (idToken == null || !idToken.isTextual()) {
            throw new IOException("token endpoint sent no id_token");
        }
        return verify(idToken.asText(), nonce);
    }

    Identity verify(String idToken, String nonce) throws IOException {
        Metadata meta = metadata();
        try {
            return verifyWith(idToken, nonce, meta);
        } catch (com.nimbusds.jose.proc.BadJOSEException
                | com.nimbusds.jose.JOSEException
                | java.text.ParseException e) {
            // the provider may have rotated its keys since we read them: read them once more
            this.metadata = null;
            try {
                return verifyWith(idToken, nonce, metadata());
            } catch (Exception again) {
                throw new IOException("ID token refused: " + again.getMessage(), again);
            }
        }
    }

    private Identity verifyWith(String idToken, String nonce, Metadata meta)
            throws com.nimbusds.jose.proc.BadJOSEException, com.nimbusds.jose.JOSEException, java.text.ParseException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256),
                new ImmutableJWKSet<>(meta.keys())));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                config.clientId(),
                new JWTClaimsSet.Builder()
                        .issuer(meta.issuer())
                        .claim("nonce", nonce)
                        .build(),
                Set.of("sub", "exp", "iat")));
        JWTClaimsSet claims = processor.process(idToken, null);
        String acr = claims.getStringClaim("acr");
        Boolean verified = claims.getBooleanClaim("email_verified");
        return new Identity(
                meta.issuer(),
                claims.getSubject(),
                claims.getStringClaim("email"),
                Boolean.TRUE.equals(verified),
                claims.getStringClaim("name"),
                acr == null ? defaultLevel : acrLevels.getOrDefault(acr, defaultLevel));
    }

    private Metadata metadata() {
        Metadata current = metadata;
        if (current == null) {
            try {
                JsonNode discovery =
                        get(URI.create(config.issuer().replaceAll("/+$", "") + "/.well-known/openid-configuration"));
                String issuer = discovery.path("issuer").asText();
                if (!issuer.replaceAll("/+$", "").equals(config.issuer().replaceAll("/+$", ""))) {
                    throw new IllegalStateException("discovery document names issuer " + issuer);
                }
                JWKSet keys = JWKSet.parse(
                        get(URI.create(discovery.path("jwks_uri").asText())).toString());
                current = new Metadata(
                        issuer,
                        URI.create(discovery.path("authorization_endpoint").asText()),
                        URI.create(discovery.path("token_endpoint").asText()),
                        keys);
                metadata = current;
            } catch (IOException | java.text.ParseException e) {
                throw new IllegalStateException(
                        "Cannot read the configuration of OIDC provider " + config.id() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return current;
    }

    private JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private static Map<String, TrustLevel> parseMapping(String[] mapping) {
        Map<String, TrustLevel> levels = new HashMap<>();
        // a list, or one comma-separated value as a .cfg file gives it
        for (String entry : java.util.Arrays.stream(mapping)
                .flatMap(m -> java.util.Arrays.stream(m.split(",")))
                .map(String::trim)
                .filter(m -> !m.isEmpty())
                .toList()) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("acrMapping entries are acr=LEVEL, was '" + entry + "'");
            }
            levels.put(
                    entry.substring(0, eq).trim(),
                    TrustLevel.valueOf(entry.substring(eq + 1).trim()));
        }
        return Map.copyOf(levels);
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
