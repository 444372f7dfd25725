package com.synapselinkhealth.statetables;

/** The choice values the health rules name, as constants. */
public final class Choices {
    public static final Choice SYNC_NOT_STARTED = ChoiceSet.ENTITY_SYNC_STATE.of(1);
    public static final Choice SYNC_IN_PROGRESS = ChoiceSet.ENTITY_SYNC_STATE.of(2);
    public static final Choice SYNC_COMPLETED = ChoiceSet.ENTITY_SYNC_STATE.of(4);
    public static final Choice SYNC_COMPLETED_WITH_FAILURES = ChoiceSet.ENTITY_SYNC_STATE.of(8);
    public static final Choice SYNC_PAUSED = ChoiceSet.ENTITY_SYNC_STATE.of(32);

    public static final Choice METADATA_CREATED = ChoiceSet.ENTITY_METADATA_STATE.of(8);
    public static final Choice METADATA_FAILURE = ChoiceSet.ENTITY_METADATA_STATE.of(16);

    public static final Choice SYNAPSE_TABLE_COMPLETED = ChoiceSet.SYNAPSE_TABLE_CREATION_STATE.of(2);
    public static final Choice SYNAPSE_TABLE_FAILED = ChoiceSet.SYNAPSE_TABLE_CREATION_STATE.of(3);

    public static final Choice EXTERNAL_NOT_CREATED = ChoiceSet.EXTERNAL_TABLE_STATE.of(0);
    public static final Choice EXTERNAL_CREATED = ChoiceSet.EXTERNAL_TABLE_STATE.of(1);
    public static final Choice EXTERNAL_FAILED = ChoiceSet.EXTERNAL_TABLE_STATE.of(2);
    public static final Choice EXTERNAL_DELETED = ChoiceSet.EXTERNAL_TABLE_STATE.of(3);
    public static final Choice EXTERNAL_IN_PROGRESS = ChoiceSet.EXTERNAL_TABLE_STATE.of(4);

    public static final Choice PROFILE_INACTIVE = ChoiceSet.PROFILE_STATE.of(0);
    public static final Choice PROFILE_ACTIVE = ChoiceSet.PROFILE_STATE.of(1);
    public static final Choice PROFILE_ERROR = ChoiceSet.PROFILE_STATE.of(2);
    public static final Choice PROFILE_DELETED = ChoiceSet.PROFILE_STATE.of(3);
    public static final Choice PROFILE_SUSPENDED = ChoiceSet.PROFILE_STATE.of(6);
    public static final Choice PROFILE_DEACTIVATED = ChoiceSet.PROFILE_STATE.of(8);

    private Choices() {
    }
}
