/** The case area's data: immutable records and enums. */
@Export
@Version("1.1.0")
package org.amtsgang.cases.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
