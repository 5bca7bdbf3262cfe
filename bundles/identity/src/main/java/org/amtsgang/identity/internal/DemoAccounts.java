package org.amtsgang.identity.internal;

import java.util.Set;
import org.amtsgang.identity.api.AccountInfo;
import org.amtsgang.identity.api.OfficeRole;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.Role;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.identity.internal.store.AccountStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's accounts, created when {@code demo = true} (the {@code bin/amtsgang} launcher sets it;
 * a production installation never does). Their passwords are public in the README.
 */
final class DemoAccounts {

    /** The demo staff's TOTP secret, so that the README can give a working code generator. */
    static final String DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    private final Logger logger = LoggerFactory.getLogger(DemoAccounts.class);
    private final IdentityCore core;

    DemoAccounts(IdentityCore core) {
        this.core = core;
    }

    void ensure() {
        citizen("anna.schmidt@example.org", "Anna Schmidt");
        citizen("ben.yilmaz@example.org", "Ben Yılmaz");
        staff(
                "sachbearbeitung@buergeramt.example",
                "Clara Weber",
                PrincipalKind.STAFF,
                Set.of(new OfficeRole("buergeramt", Role.CASEWORKER)));
        staff(
                "leitung@buergeramt.example",
                "Dirk Hoffmann",
                PrincipalKind.STAFF,
                Set.of(new OfficeRole("buergeramt", Role.OFFICE_LEAD)));
        staff(
                "sachbearbeitung@steueramt.example",
                "Emine Kaya",
                PrincipalKind.STAFF,
                Set.of(new OfficeRole("steueramt", Role.CASEWORKER)));
        staff(
                "sachbearbeitung@bauaufsicht.example",
                "Gregor Lange",
                PrincipalKind.STAFF,
                Set.of(new OfficeRole("bauaufsicht", Role.CASEWORKER)));
        staff(
                "leitung@bauaufsicht.example",
                "Hanna Becker",
                PrincipalKind.STAFF,
                Set.of(new OfficeRole("bauaufsicht", Role.OFFICE_LEAD)));
        staff("betrieb@amtsgang.example", "Frank Betrieb", PrincipalKind.OPERATOR, Set.of());
    }

    private void citizen(String email, String name) {
        create(email, name, PrincipalKind.CITIZEN, TrustLevel.BASIS, null, Set.of());
    }

    private void staff(String email, String name, PrincipalKind kind, Set<OfficeRole> roles) {
        create(email, name, kind, TrustLevel.SUBSTANTIAL, DEMO_TOTP_SECRET, roles);
    }

    private void create(
            String email, String name, PrincipalKind kind, TrustLevel level, String totp, Set<OfficeRole> roles) {
        if (core.accounts.byEmail(email).isPresent()) {
            return;
        }
        core.accounts.create(
                new AccountStore.NewAccount(
                        email,
                        kind,
                        name,
                        core.hasher.hash("amtsgang-demo".toCharArray()),
                        AccountInfo.Status.ACTIVE,
                        level,
                        totp,
                        false,
                        roles),
                core.now());
        logger.info("Demo account {} created", email);
    }
}
