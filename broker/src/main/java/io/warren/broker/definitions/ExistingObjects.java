package io.warren.broker.definitions;

import java.util.Set;

/**
 * What the broker already has that a document may refer to without defining it: a permission
 * for a user or vhost is valid when the user and vhost are in the document or in here.
 */
public record ExistingObjects(Set<String> users, Set<String> vhosts) {
    /** An empty broker, as at first boot. */
    public static final ExistingObjects NONE = new ExistingObjects(Set.of(), Set.of());

    public ExistingObjects {
        users = Set.copyOf(users);
        vhosts = Set.copyOf(vhosts);
    }
}
