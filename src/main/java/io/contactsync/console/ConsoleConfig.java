package io.contactsync.console;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The operator console: {@code console.*}. It signs in with the admin API's token ({@code admin.token}). */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    /** How long a console sign-in lasts; then the operator signs in again. */
    @WithDefault("8h")
    Duration sessionTimeout();
}
