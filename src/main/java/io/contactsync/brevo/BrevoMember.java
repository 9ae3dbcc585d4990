package io.contactsync.brevo;

/**
 * One HubSpot list member of one integration, and what was last written to Brevo for it.
 *
 * @param inList        in the HubSpot list when the members were last read
 * @param brevoEmail    the email the Brevo contact had after the last write (the link when the id is unknown)
 * @param inBrevoList   the contact was added to the Brevo list and not removed since
 * @param fingerprint   of the last payload written; the same payload again is not sent
 * @param deferred      waiting for quota (R4.5)
 */
public record BrevoMember(String integration, String hubspotId, boolean inList, Long brevoId, String brevoEmail,
        String brevoSms, boolean inBrevoList, String fingerprint, boolean deferred) {

    public static BrevoMember newcomer(String integration, String hubspotId) {
        return new BrevoMember(integration, hubspotId, true, null, null, null, false, null, false);
    }

    public boolean written() {
        return brevoEmail != null || brevoSms != null || brevoId != null;
    }
}
