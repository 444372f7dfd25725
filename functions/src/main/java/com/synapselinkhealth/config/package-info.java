/**
 * The app settings (environment variables) as plain typed values, each with its default: numbers, durations,
 * strings, schedules. A value that cannot be used stops start-up, naming the setting. Depends on no other package of
 * the app; the composition root turns these values into the domain's policies.
 */
package com.synapselinkhealth.config;
