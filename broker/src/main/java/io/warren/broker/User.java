package io.warren.broker;

import java.util.Set;

/** A user who may log in: name, password check, management tags. */
public record User(String name, PasswordHash password, Set<String> tags) {
}
