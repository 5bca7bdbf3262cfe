package org.amtsgang.rest.core.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/** The one JSON configuration every endpoint shares, so that all areas read and write alike. */
final class JsonSupport {

    private JsonSupport() {}

    static ObjectMapper objectMapper() {
        // Jackson must not flush the servlet stream: every flush is a socket write, and a small
        // answer should leave in one write, with a Content-Length (measured: benchmarks/platform-runtime)
        JsonFactory factory = JsonFactory.builder()
                .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
                .build();
        return new ObjectMapper(factory)
                .registerModule(new JavaTimeModule())
                // dates as ISO-8601 text, not epoch numbers
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // no flush per value: the answer leaves in one write, with a Content-Length, when small
                .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                // a misspelt field is an error the client must hear of, not silently dropped data
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .setDefaultPropertyInclusion(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
    }

    static JacksonJsonProvider provider(ObjectMapper mapper) {
        return new JacksonJsonProvider(mapper);
    }
}
