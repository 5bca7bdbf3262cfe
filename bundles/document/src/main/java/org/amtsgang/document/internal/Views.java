package org.amtsgang.document.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.amtsgang.document.api.dto.Confidentiality;
import org.amtsgang.document.api.dto.DocumentView;
import org.amtsgang.document.api.dto.OcrStatus;
import org.amtsgang.document.api.dto.RetentionRule;
import org.amtsgang.document.api.dto.VersionView;
import org.amtsgang.document.internal.store.DocumentEntity;
import org.amtsgang.document.internal.store.VersionEntity;

/** Entities to the API's records: the entities never leave the bundle. */
final class Views {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> FIELDS = new TypeReference<>() {};

    private Views() {}

    static DocumentView document(DocumentEntity d) {
        return new DocumentView(
                d.id,
                d.title,
                d.type,
                d.officeId,
                Confidentiality.valueOf(d.confidentiality),
                d.owner,
                d.caseId,
                RetentionRule.parse(d.retention),
                d.retainUntilDay == null ? null : LocalDate.ofEpochDay(d.retainUntilDay),
                fields(d.fields),
                d.latestVersion,
                Instant.ofEpochMilli(d.createdAt),
                d.createdBy);
    }

    static VersionView version(VersionEntity v) {
        return new VersionView(
                v.documentId,
                v.number,
                v.fileName,
                v.contentType,
                v.size,
                v.sha256,
                v.pages,
                OcrStatus.valueOf(v.ocrStatus),
                Instant.ofEpochMilli(v.createdAt),
                v.createdBy,
                v.ocrNote);
    }

    static Map<String, String> fields(String json) {
        try {
            return json == null || json.isBlank() ? Map.of() : JSON.readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored fields are not JSON: " + e.getMessage(), e);
        }
    }

    static String fieldsJson(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
