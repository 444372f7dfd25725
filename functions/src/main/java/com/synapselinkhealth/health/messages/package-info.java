/**
 * An event as people read it: {@link com.synapselinkhealth.health.messages.EventMessage} (heading, summary, facts,
 * sections and the status page link), rendered as Markdown ({@link com.synapselinkhealth.health.messages.MarkdownMessage},
 * every value escaped by {@link com.synapselinkhealth.health.messages.Markdown}). No Jackson, no Functions library:
 * the Adaptive Card of the same message is made in {@code health.cloudevents}.
 */
package com.synapselinkhealth.health.messages;
