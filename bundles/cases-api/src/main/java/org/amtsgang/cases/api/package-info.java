/**
 * Applications (Anträge) and their handling: a citizen applies, an official decides.
 *
 * <p>{@link Cases} is the only way to change a case, and every change names the {@code Caller}
 * who makes it. Approving or rejecting is open to staff of the responsible office only: there is no
 * method by which a system, a job or an office bundle decides. Office bundles take part through the
 * SPI in {@code org.amtsgang.cases.api.spi}: they check forms beyond the schema, compute fees,
 * recommend and write the notice (Bescheid), and never decide.
 */
@Export
@Version("1.2.0")
package org.amtsgang.cases.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
