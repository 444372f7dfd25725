/**
 * The Dataverse callback's payload model: a row change ({@link com.synapselinkhealth.dataverse.RowChange}) with its
 * message, its attributes (typed values, entity references, formatted values) and its transport hints. Plain values:
 * the JSON that carries them is read in {@code dataverse.json}.
 */
package com.synapselinkhealth.dataverse;
