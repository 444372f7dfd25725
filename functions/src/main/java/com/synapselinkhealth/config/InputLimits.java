package com.synapselinkhealth.config;

/**
 * Limits on what clients may make the app keep, beyond callbacks (whose limits are Dataverse's own column lengths).
 *
 * @param maxSubscriptions {@value #MAX_SUBSCRIPTIONS}: the most flow subscriptions one deployment keeps (default
 *     1,000); past it a subscribe is answered 409 with a problem document saying so
 */
public record InputLimits(int maxSubscriptions) {
    public static final String MAX_SUBSCRIPTIONS = "LINKHEALTH_MAX_SUBSCRIPTIONS";
    public static final InputLimits DEFAULT = new InputLimits(1_000);

    public static InputLimits from(Settings settings) {
        return new InputLimits(SettingValues.wholeInt(settings, MAX_SUBSCRIPTIONS, DEFAULT.maxSubscriptions, 1, 1_000_000));
    }
}
