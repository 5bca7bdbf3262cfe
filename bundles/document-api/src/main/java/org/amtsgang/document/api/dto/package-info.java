/** The document area's data: what callers send and what they get back. */
@Export
@Version("1.2.0")
package org.amtsgang.document.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
