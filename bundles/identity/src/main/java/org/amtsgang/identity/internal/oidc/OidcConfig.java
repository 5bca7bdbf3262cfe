package org.amtsgang.identity.internal.oidc;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * An OpenID Connect provider the platform logs people in with, e.g. BundID or Servicekonto.NRW
 * (factory PID {@code org.amtsgang.identity.oidc}, one {@code etc/org.amtsgang.identity.oidc-<id>.cfg}
 * per provider). Keep the client secret out of the file: {@code clientSecret = $[secret:bundid]}
 * reads it from {@code etc/bundid}, or {@code $[env:BUNDID_SECRET]} from the environment.
 */
@ObjectClassDefinition(id = OidcConfig.FACTORY_PID, name = "Amtsgang OpenID Connect provider")
public @interface OidcConfig {

    String FACTORY_PID = "org.amtsgang.identity.oidc";

    @AttributeDefinition(description = "Short id used in URLs, e.g. bundid")
    String id();

    @AttributeDefinition(description = "Name shown to people, e.g. 'BundID (Online-Ausweis)'")
    String name();

    @AttributeDefinition(description = "Issuer URL; its /.well-known/openid-configuration is read")
    String issuer();

    @AttributeDefinition(description = "Client id registered at the provider")
    String clientId();

    @AttributeDefinition(description = "Client secret", type = AttributeType.PASSWORD)
    String clientSecret() default "";

    @AttributeDefinition(
            description = "Redirect URI registered at the provider: the platform's .../api/v1/auth/oidc/<id>/callback")
    String redirectUri();

    @AttributeDefinition(description = "Scopes to ask for")
    String scopes() default "openid email profile";

    @AttributeDefinition(
            description = "acr values to trust levels, e.g. 'urn:eidas:loa:substantial=SUBSTANTIAL'; an acr not"
                    + " listed gets the default level")
    String[] acrMapping() default {};

    @AttributeDefinition(description = "Trust level of a login whose acr is not mapped")
    String defaultTrustLevel() default "BASIS";

    @AttributeDefinition(
            description = "Whom this provider logs in: CITIZEN (accounts created on first login) or STAFF"
                    + " (existing staff accounts, matched by verified e-mail)")
    String audience() default "CITIZEN";
}
