package org.amtsgang.identity.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.amtsgang.identity.api.LoginOption;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.identity.internal.oidc.OidcProvider;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** The ways citizens can log in: the platform's own accounts and each configured identity provider. */
@Component(service = LoginOptions.class)
public final class LoginOptions {

    static final LoginOption LOCAL =
            new LoginOption("local", "Amtsgang-Konto (E-Mail und Passwort)", TrustLevel.BASIS, "/api/v1/auth/login");

    private final List<OidcProvider> providers = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(OidcProvider provider) {
        providers.add(provider);
    }

    void removeProvider(OidcProvider provider) {
        providers.remove(provider);
    }

    /** All citizen logins, the strongest first. */
    List<LoginOption> all() {
        List<LoginOption> all = new ArrayList<>();
        all.add(LOCAL);
        providers.stream()
                .filter(OidcProvider::forCitizens)
                .map(OidcProvider::option)
                .forEach(all::add);
        all.sort(Comparator.comparing(LoginOption::reaches).reversed().thenComparing(LoginOption::id));
        return all;
    }

    List<LoginOption> reaching(TrustLevel level) {
        return all().stream().filter(o -> o.reaches().satisfies(level)).toList();
    }
}
