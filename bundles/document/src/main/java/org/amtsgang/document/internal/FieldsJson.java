package org.amtsgang.document.internal;

import java.util.Map;

/** The documents' metadata fields as stored (JSON), for the parts outside this package. */
public final class FieldsJson {

    private FieldsJson() {}

    public static String write(Map<String, String> fields) {
        return Views.fieldsJson(fields);
    }
}
