package io.contactsync.console;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Every console page and action but the sign-in: the operator is signed in (session cookie) or sends the admin
 * token as a bearer token, else a page redirects to the sign-in and an action is refused; every action (any method
 * but GET and HEAD) signed in by cookie carries the session's CSRF token in the form field {@code csrf}, else 403.
 * Every console answer is kept out of caches and out of other sites' frames, and loads nothing from elsewhere.
 */
public class ConsoleGuard {

    private static final String CSRF_FIELD = "csrf";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

    @Inject
    ConsoleSessions sessions;

    @Inject
    CurrentOperator operator;

    @Inject
    @Location("console/refused.html")
    Template refused;

    @ServerRequestFilter
    @WithFormRead
    public Response guard(ContainerRequestContext request, ServerRequestContext context) {
        String path = request.getUriInfo().getPath();
        if (!isConsole(path) || path.equals(LoginResource.PATH)) {
            return null;
        }
        Optional<ConsoleSession> session = authenticate(request);
        boolean safe = SAFE_METHODS.contains(request.getMethod());
        if (session.isEmpty()) {
            return Response.seeOther(URI.create(LoginResource.PATH + (safe ? "?next=" + LoginResource.next(
                    request.getUriInfo().getRequestUri()) : ""))).build();
        }
        if (!safe && !session.get().bearer() && !ConsoleSessions.csrfMatches(session.get(), csrf(context))) {
            return Response.status(403).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(refused.data("message", "This action was refused: the form did not carry this session's"
                            + " CSRF token. Nothing was changed. Go back, reload the page and try again.").render())
                    .build();
        }
        operator.set(session.get());
        return null;
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (isConsole(request.getUriInfo().getPath())) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
            response.getHeaders().putSingle("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none';"
                    + " form-action 'self'; base-uri 'none'");
            response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
            response.getHeaders().putSingle("Referrer-Policy", "same-origin");
        }
    }

    private static boolean isConsole(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    private Optional<ConsoleSession> authenticate(ContainerRequestContext request) {
        String authorization = request.getHeaderString("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            return sessions.isAdminToken(authorization.substring(7).trim()) ? Optional.of(sessions.bearer())
                    : Optional.empty();
        }
        Cookie cookie = request.getCookies().get(ConsoleSessions.COOKIE);
        return sessions.fromCookie(cookie == null ? null : cookie.getValue());
    }

    /** The form field, read by {@link WithFormRead} before the filter runs (null when the body is not a form). */
    private static String csrf(ServerRequestContext context) {
        Object value = ((ResteasyReactiveRequestContext) context).getFormParameter(CSRF_FIELD, true, false);
        return value == null ? null : value.toString();
    }
}
