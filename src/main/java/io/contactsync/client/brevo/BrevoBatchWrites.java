package io.contactsync.client.brevo;

import java.util.LinkedHashMap;
import java.util.Map;

import io.contactsync.brevo.BrevoConfig;
import io.contactsync.client.BatchCoalescer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The live updates of Brevo contacts written before: each lane updates one contact and waits, while the updates of
 * all lanes go out together as POST /contacts/batch, {@code brevo.batch.size} per call, after at most
 * {@code brevo.batch.linger}. A contact Brevo refuses fails alone, with Brevo's message; the others of its batch are
 * updated. Creating contacts stays one call per contact: the batch updates existing contacts only and answers no
 * per-contact outcome beyond 204, and POST /contacts/import is asynchronous (202, a process id, no outcome per contact).
 */
@ApplicationScoped
public class BrevoBatchWrites {

    @Inject
    BrevoClient client;

    @Inject
    BrevoConfig config;

    private BatchCoalescer<Map<String, Object>, Boolean> updates;

    void start(@Observes StartupEvent event) {
        updates = new BatchCoalescer<>("brevo-updates", Math.max(1, config.batch().size()), config.batch().linger(),
                client::updateBatch);
    }

    void stop(@Observes ShutdownEvent event) {
        updates.stop();
    }

    /** Updates the contact Brevo has with this id (else this email): one input of a POST /contacts/batch. */
    public void update(Long id, String email, Map<String, Object> changes) throws InterruptedException {
        Map<String, Object> contact = new LinkedHashMap<>();
        if (id != null) {
            contact.put("id", id);
        } else {
            contact.put("email", email);
        }
        contact.putAll(changes);
        updates.call(id != null ? "id:" + id : "email:" + email, contact);
    }
}
