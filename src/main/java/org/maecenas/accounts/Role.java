package org.maecenas.accounts;

/** What someone may do. Everyone is a patron; creators have a page; admins run the instance. */
public enum Role {
    PATRON,
    CREATOR,
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
