/**
 * The six read-only Dataverse tables in which Azure Synapse Link keeps its health (profile, profile entity, profile
 * entity state, external table state, schedule, Synapse database): their columns, lengths and choice values, and a
 * typed view of each row. Pure domain code: no Jackson, no Functions library.
 */
package com.synapselinkhealth.statetables;
