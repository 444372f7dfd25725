/**
 * The JSON the connector's actions return (profiles, tables, recent events, event types), as the connector's
 * OpenAPI definition ({@code connector/apiDefinition.swagger.json}) describes it. Events inside it are written by
 * {@code health.cloudevents}, the one wire format of an event.
 */
package com.synapselinkhealth.status.json;
