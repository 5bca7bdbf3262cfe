package org.amtsgang.catalog.internal;

import org.amtsgang.catalog.api.dto.Contact;
import org.amtsgang.catalog.api.dto.LocalizedText;
import org.amtsgang.catalog.api.dto.Office;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One configured office. A component instance per factory configuration; the catalogue tracks
 * them, so an office appears, changes and disappears with its configuration file.
 */
@Component(
        service = ConfiguredOffice.class,
        configurationPid = OfficeConfig.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OfficeConfig.class, factory = true)
public final class ConfiguredOffice {

    private final Office office;

    @Activate
    public ConfiguredOffice(OfficeConfig config) {
        String id = config.id() == null ? "" : config.id().trim();
        if (id.length() > DescriptorRules.MAX_ID_LENGTH
                || !DescriptorRules.ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Office configuration refused: id must be lower-case letters and"
                    + " digits separated by single dashes, was '" + id + "'");
        }
        if (config.name() == null || config.name().isBlank()) {
            throw new IllegalArgumentException("Office configuration '" + id + "' refused: name is required");
        }
        this.office = new Office(
                id,
                new LocalizedText(config.name().trim(), config.name_en()),
                new Contact(blankToNull(config.email()), blankToNull(config.phone()), blankToNull(config.address())),
                blankToNull(config.openingHours()));
    }

    Office office() {
        return office;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
