package org.amtsgang.payment.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.amtsgang.payment.api.dto.ProviderInfo;
import org.amtsgang.payment.api.spi.PaymentProvider;

/** The providers registered now, by id; they come and go with their bundles. */
final class Providers {

    private final Map<String, PaymentProvider> byId = new ConcurrentHashMap<>();

    void add(PaymentProvider provider) {
        byId.put(provider.id(), provider);
    }

    void remove(PaymentProvider provider) {
        byId.remove(provider.id(), provider);
    }

    Optional<PaymentProvider> get(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    List<ProviderInfo> list() {
        return byId.values().stream()
                .map(p -> new ProviderInfo(p.id(), p.title(), p.methods()))
                .sorted(Comparator.comparing(ProviderInfo::id))
                .toList();
    }
}
