/**
 * A state-table row's history: its recent versions in Dataverse's order, whatever order their callbacks arrived in,
 * and the health events derived from neighbouring versions. Pure domain code: no Jackson, no Functions library.
 *
 * <p>{@link com.synapselinkhealth.history.RowHistory} is the stored value, {@link com.synapselinkhealth.history.HistoryJudge}
 * puts a change in its place and says which events are new.
 */
package com.synapselinkhealth.history;
