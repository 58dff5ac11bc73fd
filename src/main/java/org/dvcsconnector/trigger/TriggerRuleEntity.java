package org.dvcsconnector.trigger;

import net.java.ao.Entity;
import net.java.ao.schema.Default;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.Table;

/** A workflow trigger rule: in a project ({@code *} for all), an event moves linked issues by a transition. */
@Table("TRIGGER_RULE")
public interface TriggerRuleEntity extends Entity {

    @NotNull
    String getProjectKey();
    void setProjectKey(String projectKey);

    /** A {@link org.dvcsconnector.api.DevEventType#key()}. */
    @NotNull
    String getEvent();
    void setEvent(String event);

    @NotNull
    String getTransition();
    void setTransition(String transition);

    /**
     * Fire only when the event's actor is a user here (or the service user stands in): never as the connector
     * itself. False for rules stored before the option existed.
     */
    @Default("false")
    boolean isStrict();
    void setStrict(boolean strict);
}
