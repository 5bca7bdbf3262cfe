/**
 * For search engines: the document area keeps its search index through {@link
 * org.amtsgang.document.api.spi.DocumentIndex}, a service in its own bundle. The index only matches
 * and filters; who may read what is decided by the document area and handed over as reader keys.
 */
@Export
@Version("1.1.0")
package org.amtsgang.document.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
