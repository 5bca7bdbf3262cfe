package org.amtsgang.catalog.internal;

/** Gives this bundle's resources one consistent snapshot per request. Not exported. */
interface CatalogSnapshots {
    CatalogSnapshot snapshot();
}
