/**
 * The events' wire format, in one place: each event as a CloudEvents 1.0 structured JSON
 * ({@link com.synapselinkhealth.health.cloudevents.HealthCloudEvents}, what the event store keeps and reads back), and
 * as a flow receives it and the recent-events action lists it, with an Adaptive Card and a Markdown message
 * ({@link com.synapselinkhealth.health.cloudevents.ReadyToPostEvents},
 * {@link com.synapselinkhealth.health.cloudevents.AdaptiveCardJson}). The only part of {@code health} that uses Jackson,
 * through one configured mapper.
 */
package com.synapselinkhealth.health.cloudevents;
