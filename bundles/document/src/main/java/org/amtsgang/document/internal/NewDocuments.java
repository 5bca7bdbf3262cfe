package org.amtsgang.document.internal;

import static org.amtsgang.document.api.DocumentException.Reason.BAD_REQUEST;

import java.util.Map;
import java.util.regex.Pattern;
import org.amtsgang.document.api.DocumentException;
import org.amtsgang.document.api.dto.NewDocument;

/** Checks a new document's metadata, naming every problem a caller can fix. */
final class NewDocuments {

    static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");
    static final Pattern FIELD_KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final int MAX_FIELDS = 40;
    private static final int MAX_FIELD_VALUE = 500;
    private static final int MAX_FIELDS_JSON = 4000;

    private NewDocuments() {}

    static void check(NewDocument document) {
        if (document == null) {
            throw bad("The document's metadata is missing.");
        }
        if (document.title() == null
                || document.title().isBlank()
                || document.title().length() > 300) {
            throw bad("title: 1 to 300 characters are needed.");
        }
        if (document.type() == null || !TYPE.matcher(document.type()).matches()) {
            throw bad("type: upper-case letters, digits and _, 2 to 40 characters, e.g. BAUAKTE.");
        }
        if (document.officeId() == null
                || document.officeId().isBlank()
                || document.officeId().length() > 64) {
            throw bad("officeId: the responsible office is needed.");
        }
        if (document.ocrPriority() < 0 || document.ocrPriority() > 1000) {
            throw bad("ocrPriority: 0 to 1000.");
        }
        checkFields(document.fields());
    }

    static void checkFields(Map<String, String> fields) {
        if (fields.size() > MAX_FIELDS) {
            throw bad("fields: at most " + MAX_FIELDS + " are allowed.");
        }
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (!FIELD_KEY.matcher(field.getKey()).matches()) {
                throw bad("fields: '" + field.getKey()
                        + "' is not a field name (lower-case letters, digits and _, starting with a letter).");
            }
            if (field.getValue() == null || field.getValue().length() > MAX_FIELD_VALUE) {
                throw bad("fields." + field.getKey() + ": a value of at most " + MAX_FIELD_VALUE + " characters.");
            }
        }
        if (Views.fieldsJson(fields).length() > MAX_FIELDS_JSON) {
            throw bad("fields: together they are longer than the " + MAX_FIELDS_JSON + " characters allowed.");
        }
    }

    private static DocumentException bad(String message) {
        return new DocumentException(BAD_REQUEST, message);
    }
}
