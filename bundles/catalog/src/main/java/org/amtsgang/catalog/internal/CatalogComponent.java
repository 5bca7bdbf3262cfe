package org.amtsgang.catalog.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.amtsgang.catalog.api.OfficeRegistry;
import org.amtsgang.catalog.api.OfficeService;
import org.amtsgang.catalog.api.ServiceCatalog;
import org.amtsgang.catalog.api.dto.CatalogEntry;
import org.amtsgang.catalog.api.dto.CatalogEntry.Kind;
import org.amtsgang.catalog.api.dto.CatalogEntry.Origin;
import org.amtsgang.catalog.api.dto.Office;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.amtsgang.catalog.api.dto.ServicePage;
import org.amtsgang.catalog.api.dto.ServiceQuery;
import org.amtsgang.rest.api.ContentRevision;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The live catalogue: Java office services from the service registry, descriptor-only bundles
 * through the extender, offices from configuration. All three feed one {@link CatalogState}.
 */
@Component(
        service = {ServiceCatalog.class, OfficeRegistry.class, CatalogSnapshots.class, ContentRevision.class},
        immediate = true)
public final class CatalogComponent implements ServiceCatalog, OfficeRegistry, CatalogSnapshots, ContentRevision {

    /** The catalogue's name for the platform's shared cache of public reads. */
    static final String AREA = "catalog";

    private final CatalogState state = new CatalogState();
    private final DescriptorRules rules;
    private final DescriptorExtender extender;

    @Activate
    public CatalogComponent(BundleContext context) {
        ObjectMapper mapper = new ObjectMapper();
        this.rules = new DescriptorRules(mapper);
        this.extender = new DescriptorExtender(context, state, new DescriptorReader(mapper, rules));
        extender.open();
    }

    @Deactivate
    void deactivate() {
        extender.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addOfficeService(ServiceReference<OfficeService> reference, OfficeService service) {
        state.put(javaContribution(reference, service));
    }

    void removeOfficeService(ServiceReference<OfficeService> reference) {
        state.remove(keyOf(reference));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addOffice(ConfiguredOffice office) {
        state.putOffice(office, office.office());
    }

    void removeOffice(ConfiguredOffice office) {
        state.removeOffice(office);
    }

    @Override
    public Optional<ServiceDescriptor> service(String serviceId) {
        return state.snapshot().find(serviceId);
    }

    @Override
    public ServicePage search(ServiceQuery query) {
        return state.snapshot().search(query);
    }

    @Override
    public List<CatalogEntry> entries() {
        return state.snapshot().entries();
    }

    @Override
    public long revision() {
        return state.snapshot().revision();
    }

    @Override
    public String area() {
        return AREA;
    }

    @Override
    public List<Office> offices() {
        return state.snapshot().offices();
    }

    @Override
    public Optional<Office> office(String officeId) {
        return state.snapshot().office(officeId);
    }

    /** The current snapshot, for this bundle's resources that need several reads to agree. */
    @Override
    public CatalogSnapshot snapshot() {
        return state.snapshot();
    }

    // Office code runs here: whatever it throws or returns, the platform stays up.
    private Contribution javaContribution(ServiceReference<OfficeService> reference, OfficeService service) {
        Contribution.Key key = keyOf(reference);
        Bundle bundle = reference.getBundle();
        Origin origin = new Origin(
                Kind.JAVA,
                bundle.getBundleId(),
                bundle.getSymbolicName() + " " + bundle.getVersion(),
                service.getClass().getName());
        Object claimed = reference.getProperty(OfficeService.SERVICE_ID_PROPERTY);
        String claimedId = claimed == null ? service.getClass().getSimpleName() : claimed.toString();
        ServiceDescriptor descriptor;
        try {
            descriptor = service.descriptor();
        } catch (RuntimeException | LinkageError e) {
            return Contribution.invalid(key, claimedId, origin, List.of("descriptor() failed: " + e));
        }
        if (descriptor == null) {
            return Contribution.invalid(key, claimedId, origin, List.of("descriptor() returned null"));
        }
        List<String> problems = new java.util.ArrayList<>(rules.check(descriptor));
        if (claimed != null && !claimed.toString().equals(descriptor.id())) {
            problems.add("service property " + OfficeService.SERVICE_ID_PROPERTY + "=" + claimed
                    + " does not match the descriptor's id '" + descriptor.id() + "'");
        }
        return problems.isEmpty()
                ? Contribution.valid(key, origin, rules.normalized(descriptor))
                : Contribution.invalid(key, descriptor.id() == null ? claimedId : descriptor.id(), origin, problems);
    }

    private static Contribution.Key keyOf(ServiceReference<?> reference) {
        // from properties, which unlike getBundle() still answer while the service is unregistering
        return new Contribution.Key(
                (Long) reference.getProperty(Constants.SERVICE_BUNDLEID),
                "service " + reference.getProperty(Constants.SERVICE_ID));
    }
}
