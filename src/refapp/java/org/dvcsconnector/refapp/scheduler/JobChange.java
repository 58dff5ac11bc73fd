package org.dvcsconnector.refapp.scheduler;

/**
 * A change to a job that could not be applied because the job was executing at that moment
 * (db-scheduler refuses to touch a picked execution). It is stored as its own task and applied as
 * soon as the run finishes. {@code job == null} means "unschedule".
 */
record JobChange(JobData job, Long atEpochMillis) {}
