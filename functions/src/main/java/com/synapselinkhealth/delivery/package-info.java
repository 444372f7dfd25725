/**
 * Delivering events to the flows that subscribed: one delivery per subscription and event, retried on the
 * {@link com.synapselinkhealth.delivery.RetrySchedule}, dead-lettered after its last attempt, recorded in the delivery
 * ledger so an event is posted once. The {@link com.synapselinkhealth.delivery.DeliveryQueue} port carries deliveries
 * between attempts; {@link com.synapselinkhealth.delivery.CallbackAddressPolicy} keeps callbacks off private networks.
 */
package com.synapselinkhealth.delivery;
