package org.maecenas.web;

/** Who is looking at a page, as far as the layout needs to know. Implemented by the signed-in principal. */
public interface Viewer {

    long id();

    String displayName();

    boolean isAdmin();

    boolean isCreator();
}
