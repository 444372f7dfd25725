package com.synapselinkhealth.dataverse;

import java.util.Objects;

/**
 * The Dataverse message (event) a step ran for. {@code Create}, {@code Update} and {@code Delete} are named;
 * any other message ({@code SetState}, {@code Upsert}, ...) is kept as sent.
 */
public record MessageName(String value) {
    public static final MessageName CREATE = new MessageName("Create");
    public static final MessageName UPDATE = new MessageName("Update");
    public static final MessageName DELETE = new MessageName("Delete");

    public MessageName {
        Objects.requireNonNull(value, "'value' cannot be null.");
        if (value.isBlank()) {
            throw new IllegalArgumentException("'value' cannot be blank.");
        }
    }

    public static MessageName of(String value) {
        for (MessageName known : new MessageName[] {CREATE, UPDATE, DELETE}) {
            if (known.value.equalsIgnoreCase(value)) {
                return known;
            }
        }
        return new MessageName(value);
    }

    public boolean isCreate() {
        return this.equals(CREATE);
    }

    public boolean isUpdate() {
        return this.equals(UPDATE);
    }

    public boolean isDelete() {
        return this.equals(DELETE);
    }

    @Override
    public String toString() {
        return value;
    }
}
