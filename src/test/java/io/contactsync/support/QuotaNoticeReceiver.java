package io.contactsync.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

/** The owner's endpoint in the tests: brevo.quota.notify-url points here and every notice POSTed is kept. */
@Path("/test-owner/quota-notices")
public class QuotaNoticeReceiver {

    private static final List<Map<String, Object>> RECEIVED = new CopyOnWriteArrayList<>();

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public void receive(Map<String, Object> notice) {
        RECEIVED.add(notice);
    }

    public static List<Map<String, Object>> received() {
        return List.copyOf(RECEIVED);
    }

    public static void clear() {
        RECEIVED.clear();
    }
}
