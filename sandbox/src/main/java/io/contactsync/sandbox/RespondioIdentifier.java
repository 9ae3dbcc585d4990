package io.contactsync.sandbox;

import java.util.Locale;

/**
 * The {@code {identifier}} path segment of respond.io's contact endpoints: {@code id:<n>}, {@code email:<address>}
 * or {@code phone:<+E.164>}, already URL-decoded.
 */
public record RespondioIdentifier(Type type, String value) {

    public enum Type { ID, EMAIL, PHONE }

    public static RespondioIdentifier parse(String segment) {
        int colon = segment.indexOf(':');
        String value = colon < 0 ? "" : segment.substring(colon + 1).trim();
        if (colon < 0 || value.isEmpty()) {
            throw RespondioApiException.badRequest("Invalid contact identifier: expected id:, email: or phone:");
        }
        String type = segment.substring(0, colon).toLowerCase(Locale.ROOT);
        return switch (type) {
            case "id" -> {
                if (!value.chars().allMatch(Character::isDigit)) {
                    throw RespondioApiException.badRequest("Invalid contact identifier: id must be a number");
                }
                yield new RespondioIdentifier(Type.ID, value);
            }
            case "email" -> new RespondioIdentifier(Type.EMAIL, value);
            case "phone" -> new RespondioIdentifier(Type.PHONE, value);
            default -> throw RespondioApiException.badRequest("Invalid contact identifier: expected id:, email: or phone:");
        };
    }

    public static RespondioIdentifier id(long id) {
        return new RespondioIdentifier(Type.ID, String.valueOf(id));
    }

    /** The contact field this identifier names ({@code email} or {@code phone}); {@code null} for an id. */
    String field() {
        return switch (type) {
            case ID -> null;
            case EMAIL -> "email";
            case PHONE -> "phone";
        };
    }
}
