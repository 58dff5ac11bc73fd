package org.dvcsconnector.devinfo;

import net.java.ao.Entity;
import net.java.ao.schema.Index;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.Indexes;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * A branch and its head. The stored heads are also the soft sync's commit cursor: {@code exclude} them next time.
 * {@code name} is the name's key ({@link org.dvcsconnector.db.StoredText#key}), what links and memberships name it by;
 * {@code fullName} the whole name when the key is not the name (longer than 450 characters), else null.
 */
@Table("BRANCH")
// Found by its key: a push's head, and the branch links' joins of the panel and its counts.
@Indexes(@Index(name = "repositoryName", methodNames = {"getRepositoryId", "getName"}))
public interface BranchEntity extends Entity {

    @Indexed
    int getRepositoryId();
    void setRepositoryId(int repositoryId);

    @StringLength(450)
    String getName();
    void setName(String name);

    /** The whole name when longer than the key column; null for a short name (the key is the name). */
    @StringLength(StringLength.UNLIMITED)
    String getFullName();
    void setFullName(String name);

    @StringLength(40)
    String getHeadHash();
    void setHeadHash(String hash);
}
