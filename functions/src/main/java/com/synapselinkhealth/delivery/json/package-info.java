/**
 * A delivery as a queue message: the versioned JSON the delivery queue carries between attempts.
 */
package com.synapselinkhealth.delivery.json;
