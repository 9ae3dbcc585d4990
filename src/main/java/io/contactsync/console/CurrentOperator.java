package io.contactsync.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The operator of the current console request, set by {@link ConsoleGuard}. Templates read it as
 * {@code {inject:operator.csrf}} (the hidden field of every form) and {@code {inject:operator.name}}.
 */
@RequestScoped
@Named("operator")
public class CurrentOperator {

    private ConsoleSession session;

    void set(ConsoleSession session) {
        this.session = session;
    }

    public ConsoleSession session() {
        return session;
    }

    public String name() {
        return session == null ? null : session.operator();
    }

    /** The session's CSRF token; empty for a bearer-token request, which needs none. */
    public String csrf() {
        return session == null || session.csrf() == null ? "" : session.csrf();
    }
}
