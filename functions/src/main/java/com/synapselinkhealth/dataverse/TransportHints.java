package com.synapselinkhealth.dataverse;

/**
 * What the transport said about a callback beside its body: the webhook's {@code x-ms-dynamics-*} headers or
 * the Service Bus message's claim properties.
 *
 * @param organization the sending organization ({@code x-ms-dynamics-organization} or the Organization claim),
 *     or {@code null}
 * @param sizeExceeded {@code x-ms-dynamics-msg-size-exceeded} present, or the {@code MessageMaxSizeExceeded}
 *     property set: Dataverse dropped InputParameters and the images
 */
public record TransportHints(String organization, boolean sizeExceeded) {
    public static final TransportHints NONE = new TransportHints(null, false);
}
