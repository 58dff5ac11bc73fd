package org.dvcsconnector.spi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a one-argument method of a registered listener as receiving events of that argument's type:
 * atlassian-event's {@code com.atlassian.event.api.EventListener}. The plugin only publishes; on Jira, listeners
 * of its events use Atlassian's annotation, the one Jira's publisher looks for.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EventListener {}
