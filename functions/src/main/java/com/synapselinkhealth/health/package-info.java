/**
 * The health events: the catalogue ({@link com.synapselinkhealth.health.HealthEventName}, open so that a name read
 * back from storage is kept even when this version does not know it), the rules that turn a state-table change into
 * events ({@link com.synapselinkhealth.health.HealthRules}, {@link com.synapselinkhealth.health.EarlyWarnings}), the
 * event itself ({@link com.synapselinkhealth.health.HealthEvent}, made with its builder) with its one-sentence summary
 * ({@link com.synapselinkhealth.health.Summaries}), the stall policy and the port events are published through
 * ({@link com.synapselinkhealth.health.EventPublisher}). Pure domain code: no Jackson, no Functions library.
 *
 * <p>Its subpackages say an event to people ({@code health.messages}) and to machines, on the wire
 * ({@code health.cloudevents}).
 */
package com.synapselinkhealth.health;
