package io.contactsync.inbox;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** An admin or console action the inbox (or the event log behind it) cannot take now: 503, naming why. */
public class InboxUnavailableMapper {

    @ServerExceptionMapper
    public Response unavailable(InboxUnavailableException e) {
        return Response.status(503).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("status", "unavailable", "error", e.getMessage())).build();
    }
}
