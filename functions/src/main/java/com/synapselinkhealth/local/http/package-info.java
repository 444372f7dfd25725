/**
 * The guarded HTTP/1.1 server behind {@code ./linkhealth serve}: one selector thread reads requests and writes
 * responses without blocking, within header, body, response, idle and linger deadlines and bounds on connections
 * (per client address and in all), header bytes, buffered bodies and queued requests, and only complete requests go
 * to the worker threads, so slow or hostile clients cost a connection slot and a little memory, never a thread.
 * {@link com.synapselinkhealth.local.http.GuardedHttpServer} is the entry point;
 * {@link com.synapselinkhealth.local.http.RawRequest} and {@link com.synapselinkhealth.local.http.RawResponse} are what
 * its handler takes and gives.
 */
package com.synapselinkhealth.local.http;
