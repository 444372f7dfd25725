/**
 * The storage ports: row states (with each row's history), health events, dead letters, subscriptions and the
 * delivery ledger. Interfaces and the values they store; the adapters are in {@code azure.tables} and {@code memory},
 * and the composition root ({@code app}) chooses one.
 */
package com.synapselinkhealth.store;
