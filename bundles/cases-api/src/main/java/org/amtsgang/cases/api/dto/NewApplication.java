package org.amtsgang.cases.api.dto;

/**
 * An application as the citizen sends it.
 *
 * @param serviceId the service applied for
 * @param formData the form, a JSON object as text
 * @param submit hand it in at once, rather than keeping a draft
 */
public record NewApplication(String serviceId, String formData, boolean submit) {}
