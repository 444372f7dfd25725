package com.synapselinkhealth.azure.tables;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson mapper of the JSON this package keeps in table properties (a row's attributes and history, a dead
 * letter's headers). Events are stored in their CloudEvent form, written by {@code health.cloudevents}.
 */
final class TableJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private TableJson() {
    }
}
