package org.amtsgang.itests;

import org.junit.runner.RunWith;
import org.junit.runners.Suite;
import org.junit.runners.Suite.SuiteClasses;

/**
 * The whole suite in one container. Pax Exam's PerSuite strategy keeps the container only while
 * test classes it already knows are pending; a JUnit suite announces them all up front, so the
 * distribution boots once instead of once per class. Failsafe runs this class only.
 */
@RunWith(Suite.class)
@SuiteClasses({
    PlatformBundlesIT.class,
    CatalogApiIT.class,
    ConsoleIT.class,
    HotDeployIT.class,
    IdentityIT.class,
    CasesIT.class,
    PaymentIT.class,
    DocumentIT.class,
    AccessMatrixIT.class
})
public class PlatformSuiteIT {}
