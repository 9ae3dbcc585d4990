package io.contactsync.admin;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The admin API: {@code admin.*}. */
@ConfigMapping(prefix = "admin")
public interface AdminConfig {

    /** Bearer token of the admin API; without one the admin API refuses every call. */
    Optional<String> token();
}
