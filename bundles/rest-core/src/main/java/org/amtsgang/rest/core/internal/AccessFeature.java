package org.amtsgang.rest.core.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.DynamicFeature;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.FeatureContext;
import org.amtsgang.identity.api.Authenticator;
import org.amtsgang.identity.api.LoginOption;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.rest.api.Callers;
import org.amtsgang.rest.api.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each resource method's declared access rules in front of it. Binding per method means the
 * rules are read once, when the endpoint is built, not on every request.
 */
final class AccessFeature implements DynamicFeature {

    private final Logger logger = LoggerFactory.getLogger(AccessFeature.class);
    private final Supplier<Authenticator> authenticator;

    AccessFeature(Supplier<Authenticator> authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        AccessRules rules = AccessRules.of(resource.getResourceMethod());
        if (!rules.declared()) {
            logger.error(
                    "{}.{} declares no access rule (@Public, @CitizenAccess, @StaffAccess, @OperatorAccess):"
                            + " everyone is refused",
                    resource.getResourceClass().getName(),
                    resource.getResourceMethod().getName());
        }
        if (!rules.open()) {
            context.register(new Check(rules), Priorities.AUTHORIZATION);
        }
    }

    private final class Check implements ContainerRequestFilter {
        private final AccessRules rules;

        Check(AccessRules rules) {
            this.rules = rules;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            var parameters = request.getUriInfo().getPathParameters();
            AccessRules.Decision decision =
                    rules.decide(Callers.of(request.getSecurityContext()), parameters::getFirst);
            if (decision instanceof AccessRules.Decision.Unauthenticated) {
                throw ProblemException.unauthenticated();
            }
            if (decision instanceof AccessRules.Decision.Forbidden forbidden) {
                throw ProblemException.forbidden(forbidden.detail());
            }
            if (decision instanceof AccessRules.Decision.TrustTooLow low) {
                throw trustTooLow(low.required(), low.current());
            }
        }
    }

    private ProblemException trustTooLow(TrustLevel required, TrustLevel current) {
        Authenticator available = authenticator.get();
        List<LoginOption> options = available == null ? List.of() : available.loginOptions(required);
        return ProblemException.trustLevelTooLow(required, current, options);
    }

    /** The rules of a resource method, for the OpenAPI document. */
    static Optional<List<String>> labels(java.lang.reflect.Method method) {
        AccessRules rules = AccessRules.of(method);
        return rules.declared() ? Optional.of(rules.labels()) : Optional.empty();
    }
}
