package org.amtsgang.document.search.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The document index (PID {@code org.amtsgang.document.search}, file {@code etc/org.amtsgang.document.search.cfg}). */
@ObjectClassDefinition(
        id = SearchConfig.PID,
        name = "Amtsgang document search",
        description = "The full-text index of documents (Apache Lucene, German analysis).")
public @interface SearchConfig {

    String PID = "org.amtsgang.document.search";

    @AttributeDefinition(
            required = false,
            description = "Folder of the index; empty: ${karaf.data}/amtsgang/search-index. It can always be"
                    + " rebuilt with amtsgang:documents-reindex")
    String directory() default "";

    @AttributeDefinition(description = "Memory (MB) for changes before they are written out as a new segment")
    int ramBufferMb() default 32;
}
