package org.dvcsconnector.trigger;

import net.java.ao.Entity;
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
}
