package io.contactsync.salesforce.bulk;

/**
 * This replica no longer holds the job's lease (it was stopped, or paused past {@code sync.cluster.lease-ttl}, and
 * another replica took the job over): its chunk is not recorded and it stops running the job, without ending it.
 */
class JobTakenOver extends RuntimeException {

    JobTakenOver(String job) {
        super("Salesforce job " + job + " is run by another replica now");
    }
}
