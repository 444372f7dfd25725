/**
 * Registering the webhook in Dataverse ({@code ./linkhealth register}): the plan of the service endpoint, the
 * SDK message processing steps and their images that should exist, compared with what does, and its application
 * through the Web API.
 */
package com.synapselinkhealth.webapi.registration;
