package org.amtsgang.benchmarks.identity;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The same data and check as the identity bundle's {@code Revocations} (package-private there, so
 * it cannot be used from here): disabled accounts, and per account the moment before which its
 * tokens are void. Keep it in step with {@code bundles/identity/.../internal/Revocations.java};
 * {@code benchmarks/identity/run.sh} warns when that file changed since this copy was made.
 */
final class RevocationList {

    private final Set<String> disabled = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> validFrom = new ConcurrentHashMap<>();

    void disabled(String accountId, boolean isDisabled) {
        if (isDisabled) {
            disabled.add(accountId);
        } else {
            disabled.remove(accountId);
        }
    }

    void endSessions(String accountId, long epochMillis) {
        validFrom.merge(accountId, epochMillis, Math::max);
    }

    boolean valid(String accountId, long issuedAtMillis) {
        return !disabled.contains(accountId) && issuedAtMillis >= validFrom.getOrDefault(accountId, 0L);
    }
}
