/**
 * The flows' subscriptions: what a connector trigger asks for when a flow is saved
 * ({@link com.synapselinkhealth.subscriptions.SubscribeRequest}), the callback URL it gives, and which events each
 * subscription takes. Pure values: no Jackson, no Functions library.
 */
package com.synapselinkhealth.subscriptions;
