package com.synapselinkhealth.health;

/**
 * When a lake's row count counts as drifting from Dataverse's: off by more than max({@code minRows},
 * {@code percent} % of Dataverse's count) in each of the last {@code syncs} syncs that moved the table's data.
 *
 * @param syncs how many advancing versions in a row must be off (at least 1)
 * @param minRows the least difference that counts
 * @param percent the difference that counts, as a percentage of Dataverse's row count
 */
public record DriftPolicy(int syncs, long minRows, double percent) {
    public static final DriftPolicy DEFAULT = new DriftPolicy(3, 100, 1.0);

    public DriftPolicy {
        if (syncs < 1 || minRows < 0 || !(percent >= 0) || Double.isInfinite(percent)) {
            throw new IllegalArgumentException("a drift policy needs syncs >= 1, minRows >= 0 and a percent >= 0");
        }
    }

    /** The difference a table of {@code dataverseRows} may have without counting as off. */
    public long bound(long dataverseRows) {
        return Math.max(minRows, (long) Math.floor(Math.abs(dataverseRows) * percent / 100.0));
    }
}
