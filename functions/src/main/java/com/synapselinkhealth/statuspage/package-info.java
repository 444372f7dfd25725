/**
 * The status page: one self-contained HTML document (its CSS and script inline, allowed by a per-response nonce)
 * built from the read model in {@code status}, with the response headers that keep it to itself.
 */
package com.synapselinkhealth.statuspage;
