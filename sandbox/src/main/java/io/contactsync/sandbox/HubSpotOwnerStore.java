package io.contactsync.sandbox;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated account's owners, as the CRM owners API v3 shows them: every user of the account is an owner
 * ({@code type} PERSON) with an owner {@code id} (what {@code hubspot_owner_id} holds) and a {@code userId}. When a
 * user is removed from the account its owner is archived: it keeps its {@code id}, {@code userId} becomes null and the
 * user id moves to {@code userIdIncludingInactive}; only {@code archived=true} lists it then. Owners are listed in
 * creation order, {@code limit} per page (default 100, at most 500); {@code after} is the id of the page's last owner.
 */
final class HubSpotOwnerStore {

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 500;
    private static final long FIRST_OWNER_ID = 41_629_779;
    private static final long FIRST_USER_ID = 9_586_504;

    private final Clock clock;
    private final Map<String, Map<String, Object>> owners = new LinkedHashMap<>();
    private long nextOwner = FIRST_OWNER_ID;
    private long nextUser = FIRST_USER_ID;

    HubSpotOwnerStore(Clock clock) {
        this.clock = clock;
    }

    /** A user joins the account; returns its owner id. */
    synchronized String add(String email, String firstName, String lastName) {
        if (email == null || email.isBlank() || !email.contains("@")) {
            throw HubSpotApiException.validation("An owner needs an email, not " + email);
        }
        String id = String.valueOf(nextOwner++);
        long userId = nextUser++;
        String now = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("id", id);
        owner.put("email", email.trim());
        owner.put("type", "PERSON");
        owner.put("firstName", firstName == null ? "" : firstName);
        owner.put("lastName", lastName == null ? "" : lastName);
        owner.put("userId", userId);
        owner.put("userIdIncludingInactive", userId);
        owner.put("createdAt", now);
        owner.put("updatedAt", now);
        owner.put("archived", false);
        owner.put("teams", List.of());
        owners.put(id, owner);
        return id;
    }

    /** The user leaves the account: its owner is archived. */
    synchronized void archive(String id) {
        Map<String, Object> owner = Optional.ofNullable(owners.get(id)).orElseThrow(HubSpotApiException::notFound);
        owner.put("archived", true);
        owner.put("userId", null);
        owner.put("updatedAt", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    }

    /** {@code GET /crm/v3/owners}: one page of the active (or, with {@code archived}, only the archived) owners. */
    synchronized Map<String, Object> page(String email, String after, int limit, boolean archived) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw HubSpotApiException.validation("Invalid limit value." + (limit > MAX_PAGE_SIZE
                    ? " limit: Must be less than or equal to " + MAX_PAGE_SIZE : ""));
        }
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> owner : owners.values()) {
            if (owner.get("archived").equals(archived) && (email == null
                    || owner.get("email").toString().toLowerCase(Locale.ROOT).equals(email.trim().toLowerCase(Locale.ROOT)))) {
                matching.add(owner);
            }
        }
        int from = 0;
        if (after != null) {
            from = -1;
            for (int i = 0; i < matching.size(); i++) {
                if (matching.get(i).get("id").equals(after)) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                throw HubSpotApiException.validation("Invalid paging cursor after=" + after);
            }
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Map<String, Object> owner : matching.subList(from, Math.min(matching.size(), from + limit))) {
            results.add(new LinkedHashMap<>(owner));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("results", results);
        if (from + limit < matching.size()) {
            String cursor = results.get(results.size() - 1).get("id").toString();
            answer.put("paging", Map.of("next", Map.of("after", cursor,
                    "link", "https://api.hubapi.com/crm/v3/owners/?after=" + cursor)));
        }
        return answer;
    }

    /** Every owner, archived ones included, oldest first. */
    synchronized List<Map<String, Object>> all() {
        return owners.values().stream().map(owner -> (Map<String, Object>) new LinkedHashMap<>(owner)).toList();
    }

    synchronized void clear() {
        owners.clear();
        nextOwner = FIRST_OWNER_ID;
        nextUser = FIRST_USER_ID;
    }
}
