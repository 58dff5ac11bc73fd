package org.dvcsconnector.devinfo;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/** A branch and its head. The stored heads are also the soft sync's commit cursor: {@code exclude} them next time. */
@Table("BRANCH")
public interface BranchEntity extends Entity {

    @Indexed
    int getRepositoryId();
    void setRepositoryId(int repositoryId);

    @StringLength(450)
    String getName();
    void setName(String name);

    @StringLength(40)
    String getHeadHash();
    void setHeadHash(String hash);
}
