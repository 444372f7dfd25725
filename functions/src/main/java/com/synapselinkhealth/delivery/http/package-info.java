/**
 * Posting a CloudEvent to a flow's callback URL over HTTP (Azure SDK HTTP pipeline on netty), with a resolver
 * that refuses private and loopback addresses at connect time, so a DNS answer cannot redirect a delivery.
 */
package com.synapselinkhealth.delivery.http;
