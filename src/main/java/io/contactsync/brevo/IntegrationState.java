package io.contactsync.brevo;

import java.util.Locale;

/** Draft: saved, not syncing (R4.4). Invalid: asked to be active, refused with problems. Active: syncing. */
public enum IntegrationState {
    DRAFT, INVALID, ACTIVE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IntegrationState parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state must be draft or active; got '" + value + "'");
        }
    }
}
