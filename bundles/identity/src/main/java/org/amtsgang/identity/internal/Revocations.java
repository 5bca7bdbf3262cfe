package org.amtsgang.identity.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which access tokens stopped being valid before they expire: those of disabled accounts, and
 * those issued before an account's sessions were ended (password change, role change). Access
 * tokens are checked without the database, so this is what makes such changes take effect at once.
 */
public final class Revocations {

    private final Set<String> disabled = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> validFrom = new ConcurrentHashMap<>();

    public void disabled(String accountId, boolean isDisabled) {
        if (isDisabled) {
            disabled.add(accountId);
        } else {
            disabled.remove(accountId);
        }
    }

    /** Tokens of the account issued before this moment (epoch ms, whole seconds) are void. */
    public void endSessions(String accountId, long epochMillis) {
        validFrom.merge(accountId, epochMillis, Math::max);
    }

    public boolean valid(String accountId, long issuedAtMillis) {
        return !disabled.contains(accountId) && issuedAtMillis >= validFrom.getOrDefault(accountId, 0L);
    }
}
