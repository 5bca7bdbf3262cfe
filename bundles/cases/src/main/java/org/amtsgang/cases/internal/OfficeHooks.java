package org.amtsgang.cases.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.cases.api.dto.FieldError;
import org.amtsgang.cases.api.dto.Recommendation;
import org.amtsgang.cases.api.spi.CaseEvent;
import org.amtsgang.cases.api.spi.CaseListener;
import org.amtsgang.cases.api.spi.Notice;
import org.amtsgang.cases.api.spi.ServiceLogic;
import org.amtsgang.catalog.api.OfficeService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The office bundles' hooks into their cases, as they come and go. Calls into office code are
 * guarded: whatever a hook throws is logged and treated as "nothing to add", so that a faulty office
 * bundle never breaks case handling for anyone.
 */
@Component(service = OfficeHooks.class)
public final class OfficeHooks {

    private final Logger logger = LoggerFactory.getLogger(OfficeHooks.class);
    private final Map<String, List<ServiceLogic>> logic = new ConcurrentHashMap<>();
    private final List<CaseListener> listeners = new CopyOnWriteArrayList<>();

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addLogic(ServiceLogic hook, Map<String, Object> properties) {
        serviceId(properties).ifPresent(id -> logic.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>())
                .add(hook));
    }

    void removeLogic(ServiceLogic hook, Map<String, Object> properties) {
        serviceId(properties).ifPresent(id -> {
            List<ServiceLogic> hooks = logic.get(id);
            if (hooks != null) {
                hooks.remove(hook);
            }
        });
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addListener(CaseListener listener) {
        listeners.add(listener);
    }

    void removeListener(CaseListener listener) {
        listeners.remove(listener);
    }

    /** The office's own checks of a form, beyond its schema. */
    List<FieldError> validate(String serviceId, String formData) {
        return collect(serviceId, "validate", h -> h.validate(formData));
    }

    /** What the office's rules suggest about a case in review. */
    List<Recommendation> recommend(CaseView inReview) {
        return collect(inReview.serviceId(), "recommend", h -> h.recommend(inReview)
                .map(List::of)
                .orElse(List.of()));
    }

    /** The fee of an approved case of a service paid after the decision, if the office computes one. */
    OptionalLong feeAfterDecision(CaseView approved) {
        for (ServiceLogic hook : hooks(approved.serviceId())) {
            try {
                OptionalLong fee = hook.feeAfterDecision(approved);
                if (fee != null && fee.isPresent() && fee.getAsLong() >= 0) {
                    return fee;
                }
            } catch (RuntimeException e) {
                logger.warn("Fee hook of service {} failed for case {}", approved.serviceId(), approved.id(), e);
            }
        }
        return OptionalLong.empty();
    }

    /** The office's notice for an approved case, if it writes one. */
    Optional<Notice> notice(CaseView approved) {
        for (ServiceLogic hook : hooks(approved.serviceId())) {
            try {
                Optional<Notice> notice = hook.notice(approved);
                if (notice != null && notice.isPresent()) {
                    return notice;
                }
            } catch (RuntimeException e) {
                logger.warn("Notice hook of service {} failed for case {}", approved.serviceId(), approved.id(), e);
            }
        }
        return Optional.empty();
    }

    /** Tells every listener; true if all of them took it. */
    boolean tell(CaseEvent event) {
        boolean all = true;
        for (CaseListener listener : listeners) {
            try {
                listener.statusChanged(event);
            } catch (RuntimeException e) {
                all = false;
                logger.warn(
                        "Case listener {} failed for case {}",
                        listener.getClass().getName(),
                        event.caseId(),
                        e);
            }
        }
        return all;
    }

    private <T> List<T> collect(String serviceId, String what, Function<ServiceLogic, List<T>> call) {
        List<T> result = new java.util.ArrayList<>();
        for (ServiceLogic hook : hooks(serviceId)) {
            try {
                List<T> part = call.apply(hook);
                if (part != null) {
                    part.stream().filter(java.util.Objects::nonNull).forEach(result::add);
                }
            } catch (RuntimeException e) {
                logger.warn("The {} hook of service {} failed", what, serviceId, e);
            }
        }
        return result;
    }

    private List<ServiceLogic> hooks(String serviceId) {
        return logic.getOrDefault(serviceId, List.of());
    }

    private static Optional<String> serviceId(Map<String, Object> properties) {
        Object id = properties.get(OfficeService.SERVICE_ID_PROPERTY);
        return id instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }
}
