package io.warren.broker;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The broker's users. Thread-safe; read on every login. */
public final class Users {
    private final Map<String, User> users = new ConcurrentHashMap<>();

    public void put(User user) {
        users.put(user.name(), user);
    }

    public User get(String name) {
        return users.get(name);
    }

    public Collection<User> all() {
        return users.values();
    }

    /** The user when the password matches, otherwise null. */
    public User authenticate(String name, String password) {
        User u = users.get(name);
        return u != null && u.password().matches(password) ? u : null;
    }
}
