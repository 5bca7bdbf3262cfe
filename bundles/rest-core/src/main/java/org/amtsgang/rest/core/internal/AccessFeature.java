package org.amtsgang.rest.core.internal;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.DynamicFeature;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.FeatureContext;
import org.amtsgang.identity.api.Authenticator;
import org.amtsgang.identity.api.LoginOption;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.rest.api.Callers;
import org.amtsgang.rest.api.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each resource method's declared access rules in front of it. The rules are read once per
 * method, at its first request, not on every request; one filter checks them for all methods. While
 * the endpoint is built, the feature names every method that declares no rule.
 * (A filter of its own per method, as JAX-RS features usually bind them, made CXF look through all
 * of them, a few hundred, for every request: 6 % of the CPU of a payment notification.)
 */
final class AccessFeature implements DynamicFeature {

    private final Logger logger = LoggerFactory.getLogger(AccessFeature.class);
    private final Supplier<Authenticator> authenticator;
    private final Map<Method, AccessRules> byMethod = new ConcurrentHashMap<>();

    AccessFeature(Supplier<Authenticator> authenticator) {
        this.authenticator = authenticator;
    }

    /** The one filter that checks the rules: registered beside this feature. */
    ContainerRequestFilter filter() {
        return new Check();
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
    }

    @Priority(Priorities.AUTHORIZATION)
    private final class Check implements ContainerRequestFilter {

        @Context
        private ResourceInfo resource;

        @Override
        public void filter(ContainerRequestContext request) {
            Method method = resource == null ? null : resource.getResourceMethod();
            // no matched method at all (none should reach a filter after matching) is never let through
            AccessRules rules = method == null ? AccessRules.NONE : byMethod.computeIfAbsent(method, AccessRules::of);
            if (rules.open()) {
                return;
            }
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
