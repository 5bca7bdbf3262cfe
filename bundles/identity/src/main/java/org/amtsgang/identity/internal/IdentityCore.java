package org.amtsgang.identity.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.amtsgang.identity.api.SecurityEventListener;
import org.amtsgang.identity.internal.crypto.AccessTokens;
import org.amtsgang.identity.internal.crypto.PasswordHasher;
import org.amtsgang.identity.internal.crypto.SigningKeys;
import org.amtsgang.identity.internal.crypto.Totp;
import org.amtsgang.identity.internal.login.LoginThrottle;
import org.amtsgang.identity.internal.store.AccountStore;
import org.amtsgang.identity.internal.store.CodeStore;
import org.amtsgang.identity.internal.store.FederationStore;
import org.amtsgang.identity.internal.store.TokenStore;
import org.amtsgang.notification.api.Mailer;
import org.amtsgang.persistence.api.SchemaMigrations;
import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The identity area's parts, built once from its configuration: the database schema and stores,
 * password hashing, login throttling, signing keys and tokens. The area's services and resources
 * are small components that use it.
 */
@Component(service = IdentityCore.class, configurationPid = IdentityConfig.PID)
@Designate(ocd = IdentityConfig.class)
public final class IdentityCore {

    final IdentityConfig config;
    final Clock clock = Clock.systemUTC();
    final AccountStore accounts;
    final CodeStore codes;
    final TokenStore tokens;
    final FederationStore federation;
    final PasswordHasher hasher;
    final LoginThrottle throttle;
    final Totp totp = new Totp(clock);
    final AccessTokens accessTokens;
    final SigningKeys keys;
    final SecurityEvents events = new SecurityEvents(clock);
    final Revocations revocations = new Revocations();
    final Mailer mailer;

    @Activate
    public IdentityCore(
            IdentityConfig config,
            BundleContext context,
            @Reference(target = "(osgi.unit.name=identity)") JpaTemplate jpa,
            @Reference SchemaMigrations migrations,
            @Reference Mailer mailer) {
        this.config = config;
        this.mailer = mailer;
        migrations.migrate("identity", context.getBundle());
        this.accounts = new AccountStore(jpa);
        this.codes = new CodeStore(jpa, config.codeAttempts());
        this.tokens = new TokenStore(jpa);
        this.federation = new FederationStore(jpa);
        this.hasher = new PasswordHasher(config.argon2MemoryKiB(), config.argon2Iterations(), 1);
        this.throttle = new LoginThrottle(
                new LoginThrottle.Policy(
                        config.lockAfterFailures(),
                        Duration.ofMinutes(config.failureWindowMinutes()),
                        Duration.ofMinutes(config.lockMinutes()),
                        config.attemptsPerAddress(),
                        Duration.ofMinutes(config.addressWindowMinutes())),
                clock);
        this.keys = SigningKeys.load(keyDirectory(config), config.signingKeyId());
        this.accessTokens =
                new AccessTokens(keys, config.issuer(), Duration.ofMinutes(config.accessTokenMinutes()), clock);
        accounts.disabledIds().forEach(id -> revocations.disabled(id, true));
        if (config.demo()) {
            new DemoAccounts(this).ensure();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(SecurityEventListener listener) {
        events.add(listener);
    }

    void removeListener(SecurityEventListener listener) {
        events.remove(listener);
    }

    long now() {
        return clock.millis();
    }

    private static Path keyDirectory(IdentityConfig config) {
        if (!config.keyDirectory().isBlank()) {
            return Path.of(config.keyDirectory());
        }
        String data = System.getProperty("karaf.data", "data");
        return Path.of(data, "amtsgang", "keys");
    }
}
