/**
 * Text from outside shown safely to a person (console, log line, status page, Markdown, Teams card): control and
 * format characters become visible escapes, so a name can neither forge a log line nor reorder the text around it.
 * The bottom of the stack: it depends on nothing else here.
 */
package com.synapselinkhealth.text;
