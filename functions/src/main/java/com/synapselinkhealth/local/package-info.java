/**
 * The {@code ./linkhealth} command line: runs the app on this machine without Azure or Core Tools. {@link
 * com.synapselinkhealth.local.Main} reads the command's name and hands the rest to one class per command
 * ({@code demo}, {@code serve}, {@code normalize}, {@code register}, {@code reconcile});
 * {@link com.synapselinkhealth.local.LocalServer} hosts the app's function classes over HTTP with their queues and
 * timers, as the Functions host would. Storage, queues and the Dataverse Web API are reached through the composition
 * root ({@code app}), never directly.
 */
package com.synapselinkhealth.local;
