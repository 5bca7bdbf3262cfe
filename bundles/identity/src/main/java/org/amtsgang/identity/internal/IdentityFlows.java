package org.amtsgang.identity.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.amtsgang.identity.internal.oidc.OidcProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** The login flows, for the area's resources: local accounts, federated logins, sessions. */
@Component(service = IdentityFlows.class)
public final class IdentityFlows {

    final IdentityCore core;
    final Sessions sessions;
    final LocalLogins local;
    final FederatedLogins federated;
    private final Map<String, OidcProvider> providers = new ConcurrentHashMap<>();

    @Activate
    public IdentityFlows(@Reference IdentityCore core) {
        this.core = core;
        this.sessions = new Sessions(core);
        this.local = new LocalLogins(core, sessions);
        this.federated = new FederatedLogins(core, sessions);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(OidcProvider provider) {
        providers.put(provider.id(), provider);
    }

    void removeProvider(OidcProvider provider) {
        providers.remove(provider.id(), provider);
    }

    OidcProvider provider(String id) {
        OidcProvider provider = providers.get(id);
        if (provider == null) {
            throw org.amtsgang.rest.api.ProblemException.notFound("There is no login provider '" + id + "'.");
        }
        return provider;
    }
}
